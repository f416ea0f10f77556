/**
 * The next step a stopped run prints is a command that works as printed: with
 * the state and report directories the run was started with, so that resuming
 * as told rewrites the same report.
 */
import { describe, expect, it } from 'vitest';
import { finished } from '../support/cli.js';
import {
  runBuilt,
  runIdOf,
  spawnBuilt,
  startApi,
  waitForRequests,
  writeCustomers,
  writesOf,
} from './support/apply-cli.js';
import { readSummary } from './support/report-files.js';

const REPORT_DIR = 'night reports';

describe('the hint after an interrupted run', () => {
  it('repeats --report-dir, and resuming as told completes the same report', async () => {
    const api = await startApi();
    writeCustomers(2);
    const child = spawnBuilt(
      ['apply', 'customers.csv', '--yes', '--rate', '0.5', '--report-dir', REPORT_DIR],
      api.env,
    );
    const result = finished(child);
    await waitForRequests(api, (all) => writesOf(all).length === 1, 'the first write');
    child.kill('SIGINT');
    const ended = await result;
    const runId = runIdOf(ended);

    expect([ended.code, readSummary(runId, REPORT_DIR).run.status]).toEqual([
      6,
      'interrupted',
    ]);
    expect(ended.stdout).toContain(
      `Continue with \`aa-sync resume ${runId} --state-dir state --report-dir "${REPORT_DIR}"\``,
    );
    // spawnBuilt adds --state-dir state itself.
    const resumed = await runBuilt(
      ['resume', runId, '--report-dir', REPORT_DIR, '--yes', '--rate', '50'],
      api.env,
    );
    expect([resumed.code, readSummary(runId, REPORT_DIR).run.status]).toEqual([
      0,
      'completed',
    ]);
  });
});
