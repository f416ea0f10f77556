/**
 * One apply of the executor bench: a generated export applied with `aa-sync
 * apply --yes` into an empty emulator that runs as its own process with a
 * rate limit and no faults. Its figures come from the emulator's request log
 * (rate, 429s, the emulator's own time per request) and from the run log's
 * per-operation timing lines (the latency the executor adds).
 * Exports: `ScenarioRequest`, `ExecutorScenario`, `runScenario`, `applyExport`,
 * `customersForChanges`, `COMPLETED`, `BENCH_SEED`.
 */
import { join } from 'node:path';
import { customerAt, generateExport } from '../generate-export.js';
import { DIST_ENTRY, runCliToEnd } from './crash-process.js';
import type { CliExit } from './crash-process.js';
import { startEmulatorProcess } from './emulator-process.js';
import type { EmulatorProcess } from './emulator-process.js';
import type { RateFigures } from './executor-measure.js';
import { executorWindow, rateFigures } from './executor-measure.js';
import { isWrite, readRequestLog } from './executor-request-log.js';
import type { Spread } from './executor-stats.js';
import { spreadOf } from './executor-stats.js';
import type { TimingFigures } from './executor-timing.js';
import { readOperationTimings, timingFigures } from './executor-timing.js';

/** The generator's seed for every export of the executor bench. */
export const BENCH_SEED = 1;
const API_KEY = 'sk_test_demo';
/** The emulator's bucket: a client told the limit must not need more. */
const EMULATOR_BURST = 20;
/** The share of the limit whose first reach `--rate auto` is timed by. */
const AUTO_SHARE = 0.85;
const MS_PER_SECOND = 1000;
/** apply's last line: `Run ID completed: N operations: N succeeded, ...`. */
export const COMPLETED = /completed: ([\d,]+) operations?: ([\d,]+) succeeded/;
const STDERR_TAIL_CHARS = 2000;

/** One apply to run. */
export interface ScenarioRequest {
  workDir: string;
  limitPerSecond: number;
  applyRate: number | 'auto';
  /** Changes wanted; the export is the fewest customers that give at least this many. */
  changes: number;
}

/** What one apply achieved. */
export interface ExecutorScenario extends RateFigures {
  limitPerSecond: number;
  burst: number;
  applyRate: number | 'auto';
  /** Operations of the plan; all must succeed. */
  changes: number;
  succeeded: number;
  exitCode: number | null;
  wallSeconds: number;
  /** Request numbers the emulator's log lacks (see readRequestLog). */
  unlogged: number;
  /** The emulator's time per write of the executor, arrival to answer, in ms. */
  emulatorMs: Spread;
  timing: TimingFigures;
}

/**
 * The fewest customers of the generated export (seed BENCH_SEED) whose
 * creates come to at least `changes` operations: each is an organization, its
 * extra users and its locations.
 */
export function customersForChanges(changes: number): {
  customers: number;
  changes: number;
} {
  let total = 0;
  let customers = 0;
  while (total < changes) {
    const customer = customerAt(BENCH_SEED, customers);
    total += 1 + customer.users.length + customer.locations.length;
    customers += 1;
  }
  return { customers, changes: total };
}

/** Runs one apply against a fresh emulator and measures it. */
export async function runScenario(request: ScenarioRequest): Promise<ExecutorScenario> {
  const { workDir, limitPerSecond, applyRate } = request;
  const { customers, changes } = customersForChanges(request.changes);
  const input = join(workDir, `export-${customers}.csv`);
  await generateExport({ customers, seed: BENCH_SEED, out: input });
  const emulator = await startEmulatorProcess({
    aaSync: [process.execPath, DIST_ENTRY],
    cwd: workDir,
    rateLimit: { ratePerSecond: limitPerSecond, burst: EMULATOR_BURST },
  });
  try {
    const stateDir = join(workDir, `state-${limitPerSecond}-${applyRate}`);
    const started = performance.now();
    const exit = await applyExport(workDir, emulator, input, stateDir, applyRate);
    const wallSeconds = (performance.now() - started) / MS_PER_SECOND;
    const log = await readRequestLog((method, path) => emulator.control(method, path));
    const rate = rateFigures(log.requests, limitPerSecond, AUTO_SHARE);
    const writes = executorWindow(log.requests).filter(isWrite);
    const timings = await readOperationTimings(stateDir);
    const done = COMPLETED.exec(exit.stdout);
    if (exit.code !== 0) process.stderr.write(exit.stderr.slice(-STDERR_TAIL_CHARS));
    return {
      limitPerSecond,
      burst: EMULATOR_BURST,
      applyRate,
      changes,
      succeeded: Number((done?.[2] ?? '0').replaceAll(',', '')),
      exitCode: exit.code,
      wallSeconds,
      ...rate,
      unlogged: log.missing,
      emulatorMs: spreadOf(writes.map((w) => w.durationMs)),
      timing: timingFigures(timings, rate.windowSeconds),
    };
  } finally {
    await emulator.stop();
  }
}

/** `aa-sync apply --yes` of `input` into `emulator`, its state and reports in `stateDir`. */
export function applyExport(
  workDir: string,
  emulator: Pick<EmulatorProcess, 'baseUrl'>,
  input: string,
  stateDir: string,
  applyRate: number | 'auto',
): Promise<CliExit> {
  const args = ['apply', input, '--yes', '--state-dir', stateDir];
  args.push('--report-dir', join(stateDir, 'reports'), '--rate', String(applyRate));
  return runCliToEnd(args, {
    cwd: workDir,
    env: {
      ...process.env,
      ANSWERING_AGENT_API_KEY: API_KEY,
      ANSWERING_AGENT_BASE_URL: emulator.baseUrl,
    },
  });
}
