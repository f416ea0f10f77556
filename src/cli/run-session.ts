/**
 * Executes a recorded run in this process: the client, the gate, the
 * progress display and the signal handling around `executeRun`, then the
 * run's final status, its summary on standard output and the exit code.
 * Shared by apply, resume and retry-failed.
 */
import type { Logger } from 'winston';
import { PartnerApiClient } from '../api/index.js';
import type { Checkpoint } from '../checkpoint/database.js';
import { recordInputSize } from '../checkpoint/memory-store.js';
import {
  countCarried,
  countPlanConflicts,
  finishRun,
  getRun,
} from '../checkpoint/run-store.js';
import type { RunOptions, RunRecord, RunStatus } from '../checkpoint/run-types.js';
import { executeRun } from '../execute/executor.js';
import type { ExecutionSummary } from '../execute/executor.js';
import { createRequestGate } from '../execute/gate.js';
import { createProgressDisplay } from '../execute/progress.js';
import type { ProgressSnapshot } from '../execute/progress.js';
import { StopSignal } from '../execute/stop-signal.js';
import type { RequestGate } from '../execute/types.js';
import type { ApiTarget } from './api-flags.js';
import { EXIT } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import { logGateEvent } from './gate-log.js';
import { done, total } from './run-json.js';
import { countOf } from '../util/count-of.js';
import { describeEnd } from './run-end.js';
import type { HintFlags } from './run-end.js';
import { STOP_SIGNALS } from './signals.js';
import { DEFAULT_MAX_OUTAGE_MS } from './run-flags.js';
import { BREAKER_DEFAULTS } from '../execute/circuit-breaker.js';
import { recordTraffic } from '../checkpoint/report-store.js';
import { countAwaitingNumbers, recordLiveNumbers } from '../checkpoint/phone-numbers.js';
import { environmentOf } from '../checkpoint/environment.js';
import { readLiveState } from '../plan/read-live.js';
import { ExchangeTally } from '../report/exchange-tally.js';
import type { RetryBounds } from '../execute/retry-policy.js';
import { startTrafficSampler } from '../execute/traffic-sampler.js';
import { produceReports } from '../report/produce-reports.js';
import type { TrafficSample } from '../report/report-types.js';
import { describeBug, isExitError } from './errors.js';
import { describeReportPaths } from './report.js';
import type { BreakerOptions } from '../execute/circuit-breaker.js';

/** The read for the new numbers is a courtesy: it gives up quickly. */
const NUMBER_READ_BOUNDS: RetryBounds = {
  maxAttempts: 2,
  baseDelayMs: 1_000,
  maxDelayMs: 1_000,
  maxTotalMs: 10_000,
};

/** How often the progress display hears from the run when no operation finishes. */
const HEARTBEAT_MS = 1_000;

export interface SessionInput {
  checkpoint: Checkpoint;
  runId: string;
  target: ApiTarget;
  /** For the next-step hints: `--state-dir` as given. */
  stateDir: string;
  /** The flags the next-step hints repeat (see `hintFlagsOf`). */
  hints: HintFlags;
  /** `--report-dir` as given: the run's reports go into a directory of its id there. */
  reportDir: string;
  options: RunOptions;
  logger: Logger;
  /** Removes the handlers that ended the process on a signal before the run began. */
  releaseEarlierSignals: () => void;
}

/** Runs the open operations of the run and returns the exit code it ends with. */
export async function runSession(input: SessionInput): Promise<ExitCode> {
  // From here a signal lets the requests in flight finish, so take over first.
  const stop = new StopSignal();
  const release = onSignals(stop);
  input.releaseEarlierSignals();
  try {
    const summary = await execute(input, stop);
    const exitCode = finish(input, summary);
    // Not after a refused key or a stop: then nobody wants one more request.
    if (exitCode === EXIT.ok || exitCode === EXIT.partial) await learnNewNumbers(input);
    return await writeReports(input, exitCode);
  } finally {
    release();
  }
}

async function execute(input: SessionInput, stop: StopSignal): Promise<ExecutionSummary> {
  const { checkpoint, runId, logger } = input;
  const started = Date.now();
  finishRun(checkpoint, runId, 'running', null, new Date().toISOString());
  const before = requireRun(checkpoint, runId);
  const client = new PartnerApiClient({
    baseUrl: input.target.baseUrl,
    apiKey: input.target.apiKey,
  });
  const gate = createRequestGate({
    rate: input.options.rate,
    burst: input.options.burst,
    breaker: breakerOf(input.options),
    onEvent: (event) => logGateEvent(logger, event),
  });
  const traffic = startTrafficSampler({
    gate,
    now: Date.now,
    sink: (samples) => keepTraffic(input, samples),
  });
  // Requests still waiting for their turn are not sent once the run stops: only
  // those already on the wire finish (their operations stay in flight if unanswered).
  stop.onStop(() => void gate.close());
  const progress = createProgressDisplay({
    tty: process.stderr.isTTY,
    stream: process.stderr,
    logger,
  });
  const tally = new Tally(before, gate, started);
  // Between finished operations too (a long 429 hold), so that cron logs keep a heartbeat.
  const heartbeat = setInterval(() => progress.update(tally.snapshot()), HEARTBEAT_MS);
  try {
    return await executeRun({
      checkpoint,
      runId,
      environment: before.environment,
      client,
      gate,
      bounds: input.target.retry,
      concurrency: input.options.concurrency,
      logger,
      stop,
      now: () => new Date(),
      random: Math.random,
      reconcileCreates: before.command === 'retry-failed',
      onProgress: (status) => progress.update(tally.add(status)),
    });
  } finally {
    clearInterval(heartbeat);
    traffic.stop();
    progress.stop(tally.snapshot());
    await gate.close();
    await client.close();
  }
}

/**
 * Records the requests of the last second for the report's rate chart. A
 * failure here must not stop the run: the chart has a gap, and the log says why.
 */
function keepTraffic(input: SessionInput, samples: TrafficSample[]): void {
  try {
    recordTraffic(input.checkpoint, input.runId, samples);
  } catch (error) {
    input.logger.warn(
      `could not record the request rate for the report: ${String(error)}`,
    );
  }
}

/**
 * When the run created locations whose numbers were still being provisioned,
 * reads the live state once more so that the report shows the numbers bought.
 * Best effort: a number still pending, or a read that fails, is learnt by the
 * next plan or apply instead.
 */
async function learnNewNumbers(input: SessionInput): Promise<void> {
  const { checkpoint, runId, logger } = input;
  const environment = environmentOf(input.target.baseUrl);
  if (countAwaitingNumbers(checkpoint, environment, runId) === 0) return;
  const tally = new ExchangeTally();
  const client = new PartnerApiClient({
    baseUrl: input.target.baseUrl,
    apiKey: input.target.apiKey,
    onExchange: tally.onExchange,
  });
  try {
    const live = await readLiveState(client, { logger, bounds: NUMBER_READ_BOUNDS });
    const learnt = recordLiveNumbers(checkpoint, environment, live);
    logger.info(`learnt the numbers of ${countOf(learnt, 'new location')}`, {
      run: runId,
    });
  } catch (error) {
    logger.warn(
      `could not read the new locations' numbers for the report (${String(error)}); ` +
        'the next plan or apply records them',
    );
  } finally {
    keepTraffic(input, tally.samples());
    await client.close();
  }
}

/**
 * Writes the run's reports once its end is recorded. The run stands whatever
 * happens here: a report that cannot be written is said, with how to write it
 * later, and turns a successful exit into an I/O error (9).
 */
async function writeReports(input: SessionInput, exitCode: ExitCode): Promise<ExitCode> {
  try {
    const written = await produceReports(input.checkpoint, input.runId, input.reportDir);
    if (written !== undefined) {
      const paths = describeReportPaths(input.runId, written.paths);
      process.stdout.write(paths);
      input.logger.debug(paths.trimEnd(), { run: input.runId });
    }
    return exitCode;
  } catch (error) {
    const reason = isExitError(error) ? error.message : describeBug(error);
    process.stderr.write(
      `aa-sync: run ${input.runId} is recorded, but its reports could not be written: ` +
        `${reason}
Write them later with \`aa-sync report ${input.runId}` +
        `${input.hints.state}${input.hints.report}\`.\n`,
    );
    if (exitCode !== EXIT.ok) return exitCode;
    return isExitError(error) ? error.exitCode : EXIT.internal;
  }
}

/** The first probe comes sooner when the allowed outage is short. */
function breakerOf(options: RunOptions): Partial<BreakerOptions> {
  const maxOpenMs = options.maxOutageMs ?? DEFAULT_MAX_OUTAGE_MS;
  return {
    maxOpenMs,
    cooldownMs: Math.min(BREAKER_DEFAULTS.cooldownMs, Math.ceil(maxOpenMs / 4)),
  };
}

function finish(input: SessionInput, summary: ExecutionSummary): ExitCode {
  const { checkpoint, runId } = input;
  const run = requireRun(checkpoint, runId);
  const { status, exitCode } = verdict(run, summary);
  const at = new Date().toISOString();
  checkpoint.write(() => {
    finishRun(checkpoint, runId, status, exitCode, at);
    if (status === 'completed') {
      recordInputSize(checkpoint, run.environment, runId, run.customers, at);
    }
  });
  const end = describeEnd(
    { ...run, status },
    summary,
    countCarried(checkpoint, runId),
    input.hints,
    countPlanConflicts(checkpoint, runId),
  );
  process.stdout.write(end);
  // The terminal shows it already; the run's log file keeps it too.
  input.logger.debug(end.trimEnd(), { run: runId, status, exitCode });
  return exitCode;
}

/** The final status: a refused key, then unfinished work, then failures decide. */
function verdict(
  run: RunRecord,
  summary: ExecutionSummary,
): { status: RunStatus; exitCode: ExitCode } {
  const { counts } = run;
  if (summary.stoppedBy === 'auth') return { status: 'stopped', exitCode: EXIT.auth };
  if (counts.pending + counts['in-flight'] > 0) {
    return { status: 'interrupted', exitCode: EXIT.interrupted };
  }
  if (counts.failed + counts.skipped > 0)
    return { status: 'partial', exitCode: EXIT.partial };
  return { status: 'completed', exitCode: EXIT.ok };
}

function requireRun(checkpoint: Checkpoint, runId: string): RunRecord {
  const run = getRun(checkpoint, runId);
  if (run === undefined) throw new Error(`run ${runId} is missing from the checkpoint`);
  return run;
}

/** First SIGINT or SIGTERM: finish what is in flight; the second: exit at once. */
function onSignals(stop: StopSignal): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    if (stop.requested) {
      process.stderr.write(
        `aa-sync: second ${signal}: exiting now; resume will look up what was in flight\n`,
      );
      process.exit(EXIT.interrupted);
    }
    process.stderr.write(
      `aa-sync: ${signal}: finishing the requests in flight, then stopping (send it again to exit at once)\n`,
    );
    stop.request('signal');
  };
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, handler);
  };
}

/** Running figures for the progress display. */
class Tally {
  readonly #snapshot: ProgressSnapshot;
  readonly #gate: RequestGate;
  readonly #startedMs: number;

  constructor(run: RunRecord, gate: RequestGate, startedMs: number) {
    const { counts } = run;
    this.#gate = gate;
    this.#startedMs = startedMs;
    this.#snapshot = {
      done: done(run),
      total: total(run),
      succeeded: counts.succeeded,
      adopted: counts.adopted,
      failed: counts.failed,
      skipped: counts.skipped,
      requests: 0,
      currentRate: 0,
      rateLimited: 0,
      rateLimitWaitMs: 0,
      elapsedMs: 0,
    };
  }

  add(status: string): ProgressSnapshot {
    const s = this.#snapshot;
    if (
      status === 'succeeded' ||
      status === 'adopted' ||
      status === 'failed' ||
      status === 'skipped'
    ) {
      s.done += 1;
      s[status] += 1;
    }
    return this.snapshot();
  }

  snapshot(): ProgressSnapshot {
    const stats = this.#gate.stats();
    return {
      ...this.#snapshot,
      requests: stats.requests,
      currentRate: stats.currentRate,
      rateLimited: stats.rateLimited,
      rateLimitWaitMs: stats.rateLimitWaitMs,
      elapsedMs: Date.now() - this.#startedMs,
    };
  }
}
