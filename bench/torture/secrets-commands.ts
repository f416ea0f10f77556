/**
 * Every command and failure path of aa-sync, run with the canary key: what
 * each must end with is recorded next to what it did, and its output is kept
 * for the scan. Exports: `CommandPlan`, `Expectation`, `driveHappyPaths`,
 * `driveCrashResume`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CanaryEmulator } from './secrets-emulator.js';
import type { CanarySession } from './secrets-session.js';

/** The exit code a command must end with, and the one it ended with. */
export interface Expectation {
  label: string;
  expected: number;
  actual: number | null;
}

/** What the commands work on. */
export interface CommandPlan {
  session: CanarySession;
  emulator: CanaryEmulator;
  /** Export files, relative to the session's directory. */
  exportFile: string;
  rateExportFile: string;
  /** Writes a fresh export of `customers` for a round and returns its name. */
  freshExport(prefix: string, customers: number): string;
  /** kill -9 then resume, this many times. */
  kills: number;
  /** The short campaign: some paths taken by one command instead of two. */
  quick: boolean;
  /** 429 answers the emulator gave during the run meant to meet them. */
  rateLimited: number;
  expectations: Expectation[];
}

const EXIT_OK = 0;
const EXIT_PARTIAL = 5;
/** Requests the killed run must have sent before the kill. */
const REQUESTS_BEFORE_KILL = 3;
const POLL_MS = 25;
/** Enough customers that the killed run is far from done at the kill. */
const CRASH_CUSTOMERS = 6;

/** Runs a command and records what it had to end with. */
export async function expect(
  plan: CommandPlan,
  label: string,
  expected: number,
  args: readonly string[],
  nodeFlags?: readonly string[],
): Promise<string> {
  const exit = await plan.session.run(label, args, { nodeFlags });
  plan.expectations.push({ label, expected, actual: exit.code });
  return exit.stdout + exit.stderr;
}

/** The run id a run's end or report line names. */
export function runIdIn(output: string): string {
  return /\b(\d{8}-\d{6}-[0-9a-f]{4})\b/.exec(output)?.[1] ?? 'no-run-id';
}

/**
 * config, validate, plan (--out, --json), apply (success, partial, debug and
 * both log formats, 429s), apply --plan, retry-failed, runs, status, report.
 */
export async function driveHappyPaths(plan: CommandPlan): Promise<void> {
  const api = ['--base-url', plan.emulator.baseUrl];
  const input = [plan.exportFile, '--max-invalid', '5'];
  await expect(plan, 'config', EXIT_OK, ['config', ...api]);
  await expect(plan, 'config --json', EXIT_OK, ['config', '--json', ...api]);
  await expect(plan, 'validate (debug)', 3, ['validate', plan.exportFile]);
  await expect(plan, 'plan --out', EXIT_OK, [
    'plan',
    ...input,
    ...api,
    '--out',
    'plan.json',
  ]);
  await expect(plan, 'plan --json', EXIT_OK, ['plan', ...input, ...api, '--json']);
  const json = ['--log-level', 'debug', '--log-format', 'json'];
  const applied = await expect(plan, 'apply --plan (debug, json)', EXIT_PARTIAL, [
    'apply',
    '--plan',
    'plan.json',
    '--yes',
    ...api,
    ...json,
  ]);
  const text = ['--log-level', 'debug', '--log-format', 'text'];
  await expect(plan, 'retry-failed (debug, text)', EXIT_PARTIAL, [
    'retry-failed',
    runIdIn(applied),
    '--yes',
    ...api,
    ...text,
    '--max-retry-ms',
    '0',
  ]);
  await expect(plan, 'apply, nothing to change but the refused one', EXIT_PARTIAL, [
    'apply',
    ...input,
    '--yes',
    ...api,
    ...json,
  ]);
  await drive429s(plan, api);
  await driveViews(plan, runIdIn(applied));
}

/** A limit far under --rate, so that the API answers 429 and the run slows down. */
async function drive429s(plan: CommandPlan, api: string[]): Promise<void> {
  await plan.emulator.control('PUT', '/rate-limit', { ratePerSecond: 5, burst: 2 });
  const before = await rateLimited(plan.emulator);
  await expect(plan, 'apply into 429s (debug, text)', EXIT_PARTIAL, [
    'apply',
    plan.rateExportFile,
    '--max-invalid',
    '5',
    '--yes',
    ...api,
    '--rate',
    '50',
    '--burst',
    '5',
    '--log-level',
    'debug',
    '--log-format',
    'text',
  ]);
  plan.rateLimited = (await rateLimited(plan.emulator)) - before;
  await plan.emulator.control('PUT', '/rate-limit', null);
}

async function rateLimited(emulator: CanaryEmulator): Promise<number> {
  const counters = (await emulator.control('GET', '/counters')) as {
    rateLimited: number;
  };
  return counters.rateLimited;
}

async function driveViews(plan: CommandPlan, runId: string): Promise<void> {
  await expect(plan, 'runs', EXIT_OK, ['runs']);
  await expect(plan, 'runs --json', EXIT_OK, ['runs', '--json']);
  await expect(plan, 'status', EXIT_OK, ['status', runId]);
  await expect(plan, 'status --json', EXIT_OK, ['status', runId, '--json']);
  await expect(plan, 'report RUN', EXIT_OK, ['report', runId]);
  await expect(plan, 'report (latest)', EXIT_OK, ['report']);
}

/**
 * Starts an apply slowed by latency, SIGKILLs it once it has sent a few
 * requests, then resumes it; `kills` times over.
 */
export async function driveCrashResume(plan: CommandPlan): Promise<number> {
  const api = ['--base-url', plan.emulator.baseUrl];
  let killed = 0;
  await plan.emulator.control('PUT', '/faults', { global: { latencyMs: 120 } });
  for (let round = 0; round < plan.kills; round += 1) {
    const file = plan.freshExport(`crash${round + 1}`, CRASH_CUSTOMERS);
    const before = await totalRequests(plan.emulator);
    const way = plan.session.nextWay();
    const started = plan.session.start(
      [
        'apply',
        file,
        '--max-invalid',
        '5',
        '--yes',
        ...api,
        '--concurrency',
        '1',
        '--log-level',
        'debug',
        '--log-format',
        'json',
      ],
      way,
    );
    let ended = false;
    void started.exited.then(() => (ended = true));
    while (
      !ended &&
      (await totalRequests(plan.emulator)) < before + REQUESTS_BEFORE_KILL
    ) {
      await sleep(POLL_MS);
    }
    started.kill();
    const exit = await started.exited;
    plan.session.record(`apply killed (round ${round + 1})`, way, exit);
    if (exit.signal === 'SIGKILL') killed += 1;
    await expect(plan, `resume after kill -9 (round ${round + 1})`, EXIT_PARTIAL, [
      'resume',
      '--yes',
      ...api,
      '--log-level',
      'debug',
    ]);
  }
  await plan.emulator.control('PUT', '/faults', {});
  return killed;
}

async function totalRequests(emulator: CanaryEmulator): Promise<number> {
  const counters = (await emulator.control('GET', '/counters')) as {
    totalRequests: number;
  };
  return counters.totalRequests;
}
