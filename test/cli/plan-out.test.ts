/**
 * `plan --out` never replaces what it should not: an input, a directory, a
 * link, a pipe; and a bad path is refused before the live state is read.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aaSync, workDir, writeInput } from './support/e2e.js';
import { KEY } from './support/plan-seed.js';

const EXPORT = 'customer_id,org_name,owner_external_id,owner_email\n1,A,o1,a@a.example\n';
/** Nothing listens there: a check that happens before the live read answers first. */
const NOWHERE = 'http://127.0.0.1:9/api/v1';

function planTo(out: string): ReturnType<typeof aaSync> {
  const input = writeInput('export.csv', EXPORT);
  return aaSync(
    ['plan', input, '--base-url', NOWHERE, '--max-retry-ms', '0', '--out', out],
    {
      ANSWERING_AGENT_API_KEY: KEY,
    },
  );
}

describe('aa-sync plan --out', () => {
  it('refuses to write the plan over one of its inputs', async () => {
    const result = await planTo('export.csv');
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr:
        'aa-sync: --out export.csv is one of the inputs; the plan would replace your export\n',
    });
    expect(readFileSync(join(workDir(), 'export.csv'), 'utf8')).toBe(EXPORT);
  });

  it.each([
    ['a directory', (path: string) => mkdirSync(path)],
    ['a link', (path: string) => symlinkSync('/dev/null', path)],
    ['a named pipe', (path: string) => execFileSync('mkfifo', [path])],
  ])('refuses %s at the path, leaving it as it was', async (_kind, make) => {
    make(join(workDir(), 'plan.json'));
    const result = await planTo('plan.json');
    expect(result).toEqual({
      code: 9,
      stdout: '',
      stderr:
        'aa-sync: --out plan.json exists and is not a regular file (a directory, link, ' +
        'device or pipe); name a new file, or an earlier plan file to replace\n',
    });
    expect(statSync(join(workDir(), 'plan.json')).isFile()).toBe(false);
  });

  it('names a missing directory before reading the live state', async () => {
    const result = await planTo('missing/plan.json');
    expect(result).toEqual({
      code: 9,
      stdout: '',
      stderr: `aa-sync: --out missing/plan.json: the directory ${join(workDir(), 'missing')} does not exist; create it first\n`,
    });
  });

  it('says a file in the way is not a directory (found by the fresh-user review)', async () => {
    writeFileSync(join(workDir(), 'notes'), 'not a folder\n');
    const result = await planTo('notes/plan.json');
    expect(result).toEqual({
      code: 9,
      stdout: '',
      stderr: `aa-sync: --out notes/plan.json: ${join(workDir(), 'notes')} is not a directory; name a file in a directory\n`,
    });
  });

  it('goes on past the checks when the path is an earlier plan file', async () => {
    const earlier = '{\n  "format": "aa-sync-plan",\n  "version": 1\n}\n';
    writeFileSync(join(workDir(), 'plan.json'), earlier);
    const result = await planTo('plan.json');
    // The checks passed: the run got as far as the (unreachable) live state.
    expect(result.code).toBe(11);
    expect(readFileSync(join(workDir(), 'plan.json'), 'utf8')).toBe(earlier);
  });

  it('refuses to replace a file that is not a plan', async () => {
    writeFileSync(join(workDir(), 'notes.txt'), 'precious\n');
    const result = await planTo('notes.txt');
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr:
        'aa-sync: --out notes.txt exists and is not an aa-sync plan; name a new file (only ' +
        'an earlier plan is ever replaced)\n',
    });
    expect(readFileSync(join(workDir(), 'notes.txt'), 'utf8')).toBe('precious\n');
  });

  it('refuses a path inside the state directory, where the checkpoint lives', async () => {
    const result = await planTo('.aa-sync/checkpoint.sqlite');
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr:
        'aa-sync: --out .aa-sync/checkpoint.sqlite is inside the state directory .aa-sync, ' +
        'which holds the checkpoint; save the plan somewhere else\n',
    });
  });
});
