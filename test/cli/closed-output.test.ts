/**
 * `aa-sync apply ... | head -1`: the reader of standard output goes away after
 * the first line. The run must still finish, record its end, write its reports
 * and release its lock, instead of dying of EPIPE halfway.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuilt, spawnBuilt, startApi, writeCustomers } from './support/apply-cli.js';
import { workDir } from './support/e2e.js';

describe('standard output closed by its reader', () => {
  it('does not stop the run: it completes, writes its reports and releases the lock', async () => {
    const api = await startApi();
    writeCustomers(3);
    const child = spawnBuilt(
      ['apply', 'customers.csv', '--yes', '--rate', '50'],
      api.env,
    );
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    // Like `head -1`: read the first chunk, then close the pipe.
    child.stdout?.once('data', () => child.stdout?.destroy());
    const code = await new Promise<number | null>((resolve) =>
      child.once('exit', resolve),
    );
    expect([code, stderr.join('').includes('EPIPE')]).toEqual([0, false]);

    const runs = await runBuilt(['runs', '--json'], api.env);
    const [run] = (JSON.parse(runs.stdout) as { runs: { id: string; status: string }[] })
      .runs;
    expect(run?.status).toBe('completed');
    expect(existsSync(join(workDir(), 'reports', run?.id ?? '', 'summary.json'))).toBe(
      true,
    );
    // The lock was released: the next run starts at once and finds nothing to do.
    const again = await runBuilt(['apply', 'customers.csv', '--yes'], api.env);
    expect([again.code, again.stdout.split('\n')[1]]).toEqual([
      0,
      expect.stringMatching(/^Run \S+ completed: nothing to change\.$/),
    ]);
  });
});
