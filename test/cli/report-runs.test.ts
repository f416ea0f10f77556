/**
 * The reports the writing commands leave, through the built command line: an
 * interrupted or stopped run's report, rewritten in place by resume; a report
 * root that cannot be written stops a command before its first request; a
 * report that cannot be written after the run is said, with how to write it
 * later.
 */
import { chmodSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/report/summary-json.js';
import { finished } from '../support/cli.js';
import type { ApplyApi } from './support/apply-cli.js';
import {
  CANARY_KEY,
  PARTNER,
  SECOND_KEY,
  arrived,
  envFor,
  line,
  runBuilt,
  runIdOf,
  setFaults,
  spawnBuilt,
  startApi,
  statusOf,
  waitForRequests,
  writeCustomers,
  writesOf,
} from './support/apply-cli.js';
import { interruptedRun } from './support/apply-runs.js';
import { workDir } from './support/e2e.js';
import {
  FILE_NAMES,
  allReportFiles,
  expectNoKeyIn,
  modeOf,
  readSummary,
  reportDir,
} from './support/report-files.js';

const CUSTOMERS = 6;
/** Two creates per customer (see `writeCustomers`). */
const OPERATIONS = 2 * CUSTOMERS;

/** The `status` column of results.csv (its cells here hold no comma or quote). */
function resultStatuses(id: string): string[] {
  const text = readFileSync(join(reportDir(id), 'results.csv'), 'utf8').replace(
    /^\uFEFF/,
    '',
  );
  const [header = '', ...rows] = text.split('\r\n').filter((row) => row !== '');
  const column = header.split(',').indexOf('status');
  return rows.map((row) => row.split(',')[column] ?? '');
}

const count = (values: readonly string[], wanted: string): number =>
  values.filter((value) => value === wanted).length;

/** The emulator's request log as `METHOD path status` lines. */
const lines = async (api: ApplyApi): Promise<string[]> => (await arrived(api)).map(line);

/** The figures of summary.json these tests compare. */
function figures(summary: RunSummary): Record<string, unknown> {
  return {
    id: summary.run.id,
    status: summary.run.status,
    exitCode: summary.exitCode,
    created: summary.counts.total.created,
    pending: summary.counts.total.pending,
    requests: summary.totals.requests,
  };
}

describe('the report of a run that did not finish', () => {
  it('is written as interrupted with its pending operations; resume rewrites it as completed', async () => {
    const api = await startApi();
    writeCustomers(CUSTOMERS);
    // One request every two seconds: the signal comes while the rest wait their turn.
    const child = spawnBuilt(
      ['apply', 'customers.csv', '--yes', '--rate', '0.5'],
      api.env,
    );
    const result = finished(child);
    await waitForRequests(api, (all) => writesOf(all).length === 1, 'the first write');
    child.kill('SIGINT');
    const ended = await result;
    expect(ended.code).toBe(6);
    const runId = runIdOf(ended);
    // The report counts every request: the read of the live state and the one write.
    expect(await lines(api)).toEqual([
      'GET /organizations 200',
      'POST /organizations 201',
    ]);
    expect(figures(readSummary(runId))).toEqual({
      id: runId,
      status: 'interrupted',
      exitCode: 6,
      created: 1,
      pending: OPERATIONS - 1,
      requests: 2,
    });
    const statuses = resultStatuses(runId);
    expect([statuses.length, count(statuses, 'pending')]).toEqual([
      OPERATIONS,
      OPERATIONS - 1,
    ]);
    // An older directory of the run that someone opened up is made owner-only again.
    chmodSync(reportDir(runId), 0o755);
    for (const name of readdirSync(reportDir(runId))) {
      chmodSync(join(reportDir(runId), name), 0o644);
    }

    const resumed = await runBuilt(['resume', runId, '--yes', '--rate', '50'], api.env);

    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`Report of ${runId}: reports/${runId}/report.html`);
    const all = await arrived(api);
    // The live read, the writes, and the read for the new locations' numbers.
    expect([all.length, writesOf(all).length]).toEqual([2 + OPERATIONS, OPERATIONS]);
    expect(figures(readSummary(runId))).toEqual({
      id: runId,
      status: 'completed',
      exitCode: 0,
      created: OPERATIONS,
      pending: 0,
      requests: 2 + OPERATIONS,
    });
    expect(count(resultStatuses(runId), 'succeeded')).toBe(OPERATIONS);
    expect(readdirSync(join(workDir(), 'reports'))).toEqual([runId]);
    expect(modeOf(reportDir(runId))).toBe(0o700);
    const modes = readdirSync(reportDir(runId))
      .sort()
      .map((name) => [name, modeOf(join(reportDir(runId), name))]);
    expect(modes).toEqual(FILE_NAMES.map((name) => [name, 0o600]));
  });

  it('is written as stopped after a 401; resume with a new key counts both sessions', async () => {
    const api = await startApi();
    writeCustomers(CUSTOMERS);
    await setFaults(api, { latencyMs: 100 });
    const child = spawnBuilt(
      ['apply', 'customers.csv', '--yes', '--rate', '20', '--concurrency', '2'],
      api.env,
    );
    const result = finished(child);
    await waitForRequests(api, (all) => writesOf(all).length >= 3, 'three writes');
    expect(
      (await api.t.control('POST', '/keys/revoke', { key: CANARY_KEY })).status,
    ).toBe(200);
    const ended = await result;
    expect(ended.code).toBe(4);
    const runId = runIdOf(ended);
    const first = await arrived(api);
    const stopped = readSummary(runId);
    expect([stopped.run.status, stopped.exitCode, stopped.exitName]).toEqual([
      'stopped',
      4,
      'auth',
    ]);
    const { counts } = (await statusOf(api, runId)).run;
    expect([stopped.counts.total.created, stopped.counts.total.pending]).toEqual([
      counts.succeeded,
      (counts.pending ?? 0) + (counts['in-flight'] ?? 0),
    ]);
    expect(stopped.counts.total.created + stopped.counts.total.pending).toBe(OPERATIONS);
    expect(stopped.counts.total.pending).toBeGreaterThan(0);
    expect(stopped.totals.requests).toBe(first.length);

    await setFaults(api, {});
    const added = await api.t.control('POST', '/keys', {
      partner: PARTNER,
      key: SECOND_KEY,
    });
    expect(added.status).toBe(201);
    const resumed = await runBuilt(
      ['resume', runId, '--yes', '--rate', '50'],
      envFor(api.t, SECOND_KEY),
    );

    expect(resumed.code).toBe(0);
    const completed = readSummary(runId);
    expect([completed.run.status, completed.exitCode]).toEqual(['completed', 0]);
    expect(completed.counts.total.created).toBe(OPERATIONS);
    expect(completed.totals.requests).toBe((await arrived(api)).length);
    expect(completed.totals.requests).toBeGreaterThan(stopped.totals.requests);
    expectNoKeyIn(allReportFiles(), [CANARY_KEY, SECOND_KEY]);
  });
});

describe('a report root that cannot be written', () => {
  it.each([
    { command: 'apply', root: 'customers.csv/reports', code: 'ENOTDIR' },
    { command: 'apply', root: 'customers.csv', code: 'EEXIST' },
    { command: 'plan', root: 'customers.csv/reports', code: 'ENOTDIR' },
    { command: 'plan', root: 'customers.csv', code: 'EEXIST' },
  ])(
    'stops $command with exit 9 before any request (--report-dir $root)',
    async (each) => {
      const { command, root, code } = each;
      const api = await startApi();
      writeCustomers(CUSTOMERS);
      const yes = command === 'apply' ? ['--yes'] : [];

      const result = await runBuilt(
        [command, 'customers.csv', ...yes, '--report-dir', root],
        api.env,
      );

      const abs = (path: string): string => join(realpathSync(workDir()), path);
      const what = code === 'EEXIST' ? 'it' : abs('customers.csv');
      expect(result).toEqual({
        code: 9,
        stdout: '',
        stderr:
          `aa-sync: cannot write reports in ${abs(root)}: ${what} is a file, not a ` +
          'directory; choose another --report-dir\n',
      });
      expect(await arrived(api)).toEqual([]);
      expect(readdirSync(workDir())).toEqual(['customers.csv']);
    },
  );

  it('stops resume with exit 9 before it sends anything', async () => {
    const api = await startApi();
    const runId = await interruptedRun(api, CUSTOMERS);
    const before = await arrived(api);

    const result = await runBuilt(
      ['resume', runId, '--yes', '--report-dir', 'customers.csv/reports'],
      api.env,
    );

    expect(result).toEqual({
      code: 9,
      stdout: '',
      stderr:
        `aa-sync: cannot write reports in ${join(realpathSync(workDir()), 'customers.csv/reports')}: ` +
        `${join(realpathSync(workDir()), 'customers.csv')} is a file, not a directory; ` +
        'choose another --report-dir\n',
    });
    expect(await arrived(api)).toEqual(before);
  });
});

/** Linux's longest path, its terminating NUL included. */
const PATH_MAX = 4096;
/** `YYYYMMDD-HHMMSS-xxxx`. */
const RUN_ID_CHARS = 20;
const SEGMENT_CHARS = 200;

/**
 * A report root, relative to the test's directory, in which a run's directory
 * can just be made but a file in it has a path longer than PATH_MAX: the
 * report of a run cannot be written, whatever the run's id, and nothing races.
 */
function rootTooDeepForFiles(): string {
  const absolute = realpathSync(workDir());
  // <absolute>/<relative>/<run id> is PATH_MAX - 1 characters long.
  let left = PATH_MAX - 1 - RUN_ID_CHARS - 1 - absolute.length - 1;
  const segments: string[] = [];
  while (left > SEGMENT_CHARS + 1) {
    segments.push('d'.repeat(SEGMENT_CHARS));
    left -= SEGMENT_CHARS + 1;
  }
  segments.push('d'.repeat(left));
  return segments.join('/');
}

describe('a run whose report cannot be written', () => {
  it('exits 9 after recording the run, and says how to write the report later', async () => {
    const api = await startApi();
    writeCustomers(CUSTOMERS);
    const root = rootTooDeepForFiles();

    const result = await runBuilt(
      ['apply', 'customers.csv', '--yes', '--rate', '50', '--report-dir', root],
      api.env,
    );

    const runId = runIdOf(result);
    expect(result.code).toBe(9);
    expect(result.stdout).toContain(`Run ${runId} completed: ${OPERATIONS} operations: `);
    // Before it, the log's lines (JSON off a terminal).
    const told = result.stderr.slice(result.stderr.indexOf(`aa-sync: run ${runId} `));
    expect(told).toBe(
      `aa-sync: run ${runId} is recorded, but its reports could not be written: cannot ` +
        `write reports in ${join(realpathSync(workDir()), root, runId)} (ENAMETOOLONG); ` +
        'choose another --report-dir or fix its permissions\n' +
        `Write them later with \`aa-sync report ${runId} --state-dir state --report-dir ${root}\`.\n`,
    );
    expect(readdirSync(join(workDir(), root))).toEqual([]);

    const later = await runBuilt(['report', runId, '--report-dir', 'reports'], api.env);
    expect(later.code).toBe(0);
    // The run's own exit code, as the checkpoint recorded it; the process's 9 is not kept.
    expect(figures(readSummary(runId))).toMatchObject({
      status: 'completed',
      exitCode: 0,
    });
  });
});
