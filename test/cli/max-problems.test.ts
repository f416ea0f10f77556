/**
 * `--max-problems N` lists the first N input problems and counts the rest, on
 * validate's standard output and on plan's standard error; the counts and the
 * decision to go on are the same as without it.
 */
import { describe, expect, it } from 'vitest';
import { startTest } from '../emulator/support.js';
import { EXCEL, EXCEL_PROBLEMS, EXCEL_SUMMARY } from './support/excel-export.js';
import { aaSync, rejectedTail, useExport } from './support/e2e.js';

const KEY = 'sk_test_max_problems_4Rt9';

describe('--max-problems', () => {
  it('lists the first problem of validate and counts the other', async () => {
    const file = useExport(EXCEL);
    const result = await aaSync(['validate', file, '--max-problems', '1']);
    expect(result).toEqual({
      code: 3,
      stdout:
        `${EXCEL_PROBLEMS[0]}\n` +
        '… 1 more problem not shown (--max-problems 1); give a larger --max-problems, ' +
        'or --json, to see them all.\n' +
        `${EXCEL_SUMMARY}\n`,
      stderr: rejectedTail('2 customers'),
    });
  });

  it('with 0 lists none, and with more than there are lists them all', async () => {
    const file = useExport(EXCEL);
    const none = await aaSync(['validate', file, '--max-problems', '0']);
    expect(none.stdout).toBe(
      '… 2 more problems not shown (--max-problems 0); give a larger --max-problems, ' +
        `or --json, to see them all.\n${EXCEL_SUMMARY}\n`,
    );
    const all = await aaSync(['validate', file, '--max-problems', '5']);
    expect(all.stdout).toBe(`${EXCEL_PROBLEMS.join('\n')}\n${EXCEL_SUMMARY}\n`);
  });

  it('cuts the list plan prints on standard error, and plan goes on as --max-invalid allows', async () => {
    const t = await startTest({ partners: [{ id: 'acme', keys: [KEY] }] });
    const file = useExport(EXCEL);
    const result = await aaSync(
      ['plan', file, '--max-problems', '1', '--max-invalid', '2', '--quiet'],
      { ANSWERING_AGENT_API_KEY: KEY, ANSWERING_AGENT_BASE_URL: t.emu.baseUrl },
    );
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').slice(0, 3)).toEqual([
      EXCEL_PROBLEMS[0],
      '… 1 more problem not shown (--max-problems 1); `aa-sync validate` on the same ' +
        'files lists them all.',
      '2 of 3 customers rejected, as --max-invalid allows; they are left out of the plan ' +
        'and their live organizations are left alone.',
    ]);
  });

  it('refuses a value that is not a whole number, naming the flag and the value', async () => {
    const result = await aaSync(['validate', useExport(EXCEL), '--max-problems', 'ten']);
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr: 'aa-sync: --max-problems must be a whole number of 0 or more; got "ten"\n',
    });
  });
});
