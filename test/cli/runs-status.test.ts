/**
 * `aa-sync runs` lists the runs of the state directory newest first, and
 * `aa-sync status RUN_ID` of an interrupted run says how to go on, repeating the
 * state directory it was given.
 */
import { describe, expect, it } from 'vitest';
import { runBuilt, runIdOf, startApi } from './support/apply-cli.js';
import { interruptedRun } from './support/apply-runs.js';

const CUSTOMERS = 4;

describe('aa-sync runs and status', () => {
  it('says there are no runs yet in a new state directory', async () => {
    const api = await startApi();
    const result = await runBuilt(['runs'], api.env);
    expect(result).toEqual({
      code: 0,
      stdout:
        'There are no runs in this state directory yet; `aa-sync apply INPUT...` starts one.\n',
      stderr: '',
    });
  });

  it('lists the runs newest first, and status of the interrupted one suggests resume', async () => {
    const api = await startApi();
    const first = await interruptedRun(api, CUSTOMERS);
    // A later apply of the same export: a second run, which finishes the work.
    const second = await runBuilt(
      ['apply', 'customers.csv', '--yes', '--rate', '50'],
      api.env,
    );
    expect(second.code).toBe(0);
    const secondId = runIdOf(second);

    const json = await runBuilt(['runs', '--json'], api.env);
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as {
      formatVersion: number;
      runs: { id: string; status: string }[];
    };
    expect(listed.formatVersion).toBe(1);
    expect(listed.runs.map((run) => [run.id, run.status])).toEqual([
      [secondId, 'completed'],
      [first, 'interrupted'],
    ]);
    const text = await runBuilt(['runs'], api.env);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines.map((row) => row.split(/\s{2,}/).slice(0, 3))).toEqual([
      ['ID', 'COMMAND', 'STATUS'],
      [secondId, 'apply', 'completed'],
      [first, 'apply', 'interrupted'],
    ]);

    const status = await runBuilt(['status', first], api.env);
    expect(status.code).toBe(0);
    expect(status.stdout.split('\n')[0]).toBe(
      `Run ${first}: interrupted, resumable (exit code 6)`,
    );
    expect(
      status.stdout.endsWith(
        `Next: \`aa-sync resume ${first} --state-dir state\` continues it where it stopped.\n`,
      ),
    ).toBe(true);
  });
});
