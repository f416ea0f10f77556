/**
 * `aa-sync report [RUN_ID]` through the built command line: it writes the
 * reports of a run or a plan again from the checkpoint, as the command wrote
 * them, into `--report-dir`; it refuses an id that is not a run id, an unknown
 * id, an empty state directory and a run directory that is a link.
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTime } from '../../src/report/html/format.js';
import type { RunSummary } from '../../src/report/summary-json.js';
import { ONLY_REPORT_LINE } from '../support/cli.js';
import { completedRun } from './support/apply-runs.js';
import { workDir } from './support/e2e.js';
import type { ReportFiles } from './support/report-files.js';
import { FILE_NAMES, readReport } from './support/report-files.js';
import type { ApplyApi } from './support/apply-cli.js';
import {
  arrived,
  line,
  runBuilt,
  runIdOf,
  startApi,
  writeCustomers,
} from './support/apply-cli.js';

const CUSTOMERS = 2;
/** `report` is run this long after the command, so that its generation time differs. */
const LATER_MS = 1_100;

/** Overwrites every report file of `id`, so that a rebuild must write each again. */
function spoil(id: string): void {
  for (const name of FILE_NAMES)
    writeFileSync(join(workDir(), 'reports', id, name), 'stale\n');
}

const summaryIn = (files: ReportFiles): RunSummary =>
  JSON.parse(files['summary.json'] ?? '') as RunSummary;

/** What `report` prints: the one line naming report.html under `root`. */
const reportLine = (id: string, root = 'reports'): string =>
  `Report of ${id}: ${root}/${id}/report.html (CSV files and summary.json beside it)\n`;

/**
 * `rebuilt` holds what `original` holds, byte for byte, except the time the
 * report was generated (in summary.json and in report.html's last line).
 */
function expectSameReport(original: ReportFiles, rebuilt: ReportFiles): void {
  const before = summaryIn(original).generatedAt;
  const after = summaryIn(rebuilt).generatedAt;
  expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
  expect(formatTime(after)).not.toBe(formatTime(before));
  expect(rebuilt).toEqual({
    ...original,
    'summary.json': original['summary.json']?.replace(
      `"generatedAt": "${before}"`,
      `"generatedAt": "${after}"`,
    ),
    'report.html': original['report.html']?.replace(
      `<p>Generated ${formatTime(before)} by aa-sync`,
      `<p>Generated ${formatTime(after)} by aa-sync`,
    ),
  });
}

const pause = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** `aa-sync plan customers.csv ARGS...`; returns its id, read from its report line. */
async function planned(
  api: ApplyApi,
  args: string[] = [],
): Promise<[string, number | null]> {
  const result = await runBuilt(['plan', 'customers.csv', '--quiet', ...args], api.env);
  expect(result.stderr).toMatch(ONLY_REPORT_LINE);
  return [ONLY_REPORT_LINE.exec(result.stderr)?.[1] ?? '', result.code];
}

describe('aa-sync report RUN_ID after apply', () => {
  it('writes the five files again, the same as the apply wrote them but for when', async () => {
    const api = await startApi();
    const applied = await completedRun(api, CUSTOMERS);
    const runId = runIdOf(applied);
    expect(applied.stdout.endsWith(reportLine(runId))).toBe(true);
    const original = readReport(runId);
    spoil(runId);
    await pause(LATER_MS);

    const result = await runBuilt(['report', runId], api.env);

    expect(result).toEqual({ code: 0, stdout: reportLine(runId), stderr: '' });
    expectSameReport(original, readReport(runId));
    expect(readdirSync(join(workDir(), 'reports'))).toEqual([runId]);
  });

  it('writes into --report-dir when given, and leaves reports/ as it was', async () => {
    const api = await startApi();
    const runId = runIdOf(await completedRun(api, CUSTOMERS));
    const original = readReport(runId);
    await pause(LATER_MS);

    const result = await runBuilt(
      ['report', runId, '--report-dir', 'elsewhere'],
      api.env,
    );

    expect(result).toEqual({
      code: 0,
      stdout: reportLine(runId, 'elsewhere'),
      stderr: '',
    });
    expectSameReport(original, readReport(runId, 'elsewhere'));
    expect(readReport(runId)).toEqual(original);
  });

  it('reports on the latest run, then on a later plan, when no id is given', async () => {
    const api = await startApi();
    const runId = runIdOf(await completedRun(api, CUSTOMERS));
    spoil(runId);

    const ofRun = await runBuilt(['report'], api.env);
    expect(ofRun).toEqual({ code: 0, stdout: reportLine(runId), stderr: '' });
    expect(summaryIn(readReport(runId)).run.id).toBe(runId);

    const [planId] = await planned(api);
    const planFiles = readReport(planId);
    spoil(planId);
    spoil(runId);
    await pause(LATER_MS);
    const ofPlan = await runBuilt(['report'], api.env);
    expect(ofPlan).toEqual({ code: 0, stdout: reportLine(planId), stderr: '' });
    expectSameReport(planFiles, readReport(planId));
    expect(readFileSync(join(workDir(), 'reports', runId, 'report.html'), 'utf8')).toBe(
      'stale\n',
    );
  });

  it('refuses a run id the state directory does not hold (64), naming `aa-sync runs`', async () => {
    const api = await startApi();
    const runId = runIdOf(await completedRun(api, CUSTOMERS));
    const unknown = '20200101-000000-beef';

    const result = await runBuilt(['report', unknown], api.env);

    const checkpoint = join(workDir(), 'state', 'checkpoint.sqlite');
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr: `aa-sync: there is no run or plan ${unknown} in ${checkpoint}; \`aa-sync runs\` lists the runs\n`,
    });
    expect(readdirSync(join(workDir(), 'reports'))).toEqual([runId]);
  });

  it('refuses a state directory that does not exist (64), creating nothing', async () => {
    const result = await runBuilt(['report'], {});

    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr:
        `aa-sync: the state directory ${join(workDir(), 'state')} does not exist, so there ` +
        'is nothing to report on; check --state-dir\n',
    });
    expect(readdirSync(workDir())).toEqual([]);
  });

  it('refuses a state directory that holds no run or plan (64)', async () => {
    mkdirSync(join(workDir(), 'state'), { mode: 0o700 });
    const result = await runBuilt(['report'], {});

    const checkpoint = join(workDir(), 'state', 'checkpoint.sqlite');
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr: `aa-sync: ${checkpoint} holds no run or plan yet: there is nothing to report on\n`,
    });
    expect(readdirSync(join(workDir(), 'reports'))).toEqual([]);
  });

  it.each([
    '..',
    '../..',
    'a/b',
    '../20261204-213000-0a1b',
    '20261204-213000-0A1B',
    'latest',
  ])('refuses the id %j as a usage error (64) and creates nothing', async (id) => {
    const result = await runBuilt(['report', id], {});

    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr:
        `aa-sync: ${JSON.stringify(id)} is not a run id (they look like ` +
        '20261204-213000-0a1b); see `aa-sync runs`\n',
    });
    expect(readdirSync(workDir())).toEqual([]);
  });

  it('refuses a run directory that is a link (9), leaving the directory it points to alone', async () => {
    const api = await startApi();
    const runId = runIdOf(await completedRun(api, CUSTOMERS));
    const runDir = join(workDir(), 'reports', runId);
    rmSync(runDir, { recursive: true });
    mkdirSync(join(workDir(), 'elsewhere'));
    writeFileSync(join(workDir(), 'elsewhere', 'notes.txt'), 'mine\n');
    symlinkSync(join(workDir(), 'elsewhere'), runDir);

    const result = await runBuilt(['report', runId], api.env);

    expect(result).toEqual({
      code: 9,
      stdout: '',
      stderr:
        `aa-sync: ${runDir} exists and is not a directory aa-sync made (a link or a file); ` +
        'move it away or choose another --report-dir\n',
    });
    expect(readdirSync(join(workDir(), 'elsewhere'))).toEqual(['notes.txt']);
    expect(readFileSync(join(workDir(), 'elsewhere', 'notes.txt'), 'utf8')).toBe(
      'mine\n',
    );
  });
});

describe('the reports of aa-sync plan', () => {
  it('are recorded under an id of their own, planned, with exit code 0', async () => {
    const api = await startApi();
    writeCustomers(CUSTOMERS);

    const [planId, code] = await planned(api);

    expect(code).toBe(0);
    expect((await arrived(api)).map(line)).toEqual(['GET /organizations 200']);
    const summary = summaryIn(readReport(planId));
    expect({
      id: summary.run.id,
      command: summary.run.command,
      status: summary.run.status,
      exitCode: summary.exitCode,
      exitName: summary.exitName,
      rate: summary.run.rate,
      created: summary.counts.total.created,
      pending: summary.counts.total.pending,
      requests: summary.totals.requests,
    }).toEqual({
      id: planId,
      command: 'plan',
      status: 'planned',
      exitCode: 0,
      exitName: 'ok',
      rate: null,
      created: 0,
      pending: 2 * CUSTOMERS,
      // The one read of the live state.
      requests: 1,
    });
  });

  it('record exit code 2 with --detailed-exitcode, and `report PLAN_ID` writes them again', async () => {
    const api = await startApi();
    writeCustomers(CUSTOMERS);
    const [planId, code] = await planned(api, ['--detailed-exitcode']);
    expect(code).toBe(2);
    const original = readReport(planId);
    expect([summaryIn(original).exitCode, summaryIn(original).exitName]).toEqual([
      2,
      'changes',
    ]);
    spoil(planId);
    await pause(LATER_MS);

    const result = await runBuilt(['report', planId], api.env);

    expect(result).toEqual({ code: 0, stdout: reportLine(planId), stderr: '' });
    expectSameReport(original, readReport(planId));
  });
});
