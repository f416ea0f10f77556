/**
 * What every writing command does around its work: open the checkpoint, take
 * the state directory's run lock (one run at a time; a dead holder is taken
 * over), and start a recorded run.
 */
import type { HintFlags } from './run-end.js';
import { dirname, resolve } from 'node:path';
import type { Logger } from 'winston';
import type { Checkpoint } from '../checkpoint/database.js';
import { openCheckpoint } from '../checkpoint/database.js';
import { environmentOf } from '../checkpoint/environment.js';
import { acquireRunLock, forceUnlock } from '../checkpoint/run-lock.js';
import type { RunLock } from '../checkpoint/run-lock.js';
import type { NewOperation, RunOptions, RunRecord } from '../checkpoint/run-types.js';
import { usageError } from './errors.js';
import { newRunId, startRun } from '../execute/start-run.js';
import type { InputFingerprint, Plan } from '../plan/plan-types.js';
import type { ApiFlags, ApiTarget } from './api-flags.js';
import { DEFAULT_BASE_URL_FROM, resolveApiTarget } from './api-flags.js';
import type { LogFlags } from './common-flags.js';
import { withCommandLog } from './command-log.js';
import { openRunLog } from '../log/run-log.js';
import { requireYesOffTerminal } from './confirm.js';
import { exitOnSignal } from './signals.js';
import type { StateFlags } from './common-flags.js';
import type { ExitCode } from './exit-codes.js';
import type { RunFlags } from './run-flags.js';
import { runSession } from './run-session.js';
import type { ReportFlags } from './report-flags.js';
import { prepareReportRoot } from '../report/report-dir.js';
import { recordReportSources, recordTraffic } from '../checkpoint/report-store.js';
import type { TrafficSample } from '../report/report-types.js';
import type { RejectedCustomer } from '../input/assemble.js';
import type { RecordSource } from '../input/records.js';
import type { Operation } from '../plan/plan-types.js';

/** The export's records a run keeps for its reports. */
export interface RunRecords {
  rejected: RejectedCustomer[];
  sources: ReadonlyMap<string, readonly RecordSource[]>;
}

function tenantsWithOperations(operations: readonly Operation[]): Set<string> {
  return new Set(operations.map((operation) => operation.tenant));
}

/**
 * Runs `work` holding the run lock of the state directory; the lock is
 * released and the checkpoint closed however `work` ends.
 */
export async function withRunLock(
  flags: StateFlags & Pick<RunFlags, 'forceUnlock'> & { logLevel?: string },
  command: string,
  work: (checkpoint: Checkpoint, lock: RunLock) => Promise<ExitCode>,
): Promise<ExitCode> {
  // A writing command reads the whole file first: see OpenOptions.verify.
  const checkpoint = openCheckpoint(flags.stateDir, { verify: true });
  try {
    if (flags.forceUnlock) {
      const holder = forceUnlock(checkpoint);
      if (holder !== null) {
        process.stderr.write(
          `aa-sync: removed the lock of ${holder.command} (pid ${holder.pid} on ${holder.hostname})\n`,
        );
      }
    }
    const lock = acquireRunLock(checkpoint, {
      command,
      runId: null,
      at: new Date().toISOString(),
    });
    if (lock.tookOverFrom !== null) {
      const dead = lock.tookOverFrom;
      process.stderr.write(
        `aa-sync: took over the lock of ${dead.command} (pid ${dead.pid}), which is no ` +
          `longer running${dead.runId === null ? '' : `; its run ${dead.runId} can be resumed`}\n`,
      );
    }
    try {
      return await work(checkpoint, lock);
    } finally {
      lock.release();
    }
  } finally {
    checkpoint.close();
  }
}

/** What a writing command works with once it holds the state directory. */
export interface WritingContext {
  checkpoint: Checkpoint;
  lock: RunLock;
  target: ApiTarget;
  logger: Logger;
  /** See `SessionInput.releaseEarlierSignals`. */
  releaseEarlierSignals: () => void;
}

type WritingFlags = ApiFlags &
  LogFlags &
  StateFlags &
  ReportFlags &
  Pick<RunFlags, 'forceUnlock'> & { yes: boolean };

/**
 * The frame of apply, resume and retry-failed: `--yes` off a terminal, an exit
 * with "nothing changed" on an early signal, the target and key, a logger that
 * masks the key, and the run lock around `work`, whose code becomes the exit code.
 */
export async function runWritingCommand(
  flags: WritingFlags,
  command: string,
  work: (context: WritingContext) => Promise<ExitCode>,
): Promise<void> {
  requireYesOffTerminal(flags.yes, command);
  prepareReportRoot(flags.reportDir);
  const releaseEarlierSignals = exitOnSignal(command, 'no write had started');
  const target = resolveApiTarget(flags);
  process.exitCode = await withCommandLog(flags, [target.apiKey], (logger) =>
    withRunLock(flags, command, (checkpoint, lock) =>
      work({ checkpoint, lock, target, logger, releaseEarlierSignals }),
    ),
  );
}

/**
 * Makes `runId` the run of this process: the lock names it (for a second
 * command that finds the lock taken), and the log file of the run opens in the
 * state directory.
 */
export function claimRun(
  checkpoint: Checkpoint,
  lock: RunLock,
  logger: Logger,
  runId: string,
): void {
  lock.setRunId(runId);
  openRunLog(logger, dirname(checkpoint.path), runId);
}

export interface NewRunInput {
  checkpoint: Checkpoint;
  lock: RunLock;
  target: ApiTarget;
  /** For the next-step hints: `--state-dir` as given. */
  stateDir: string;
  /** The flags the next-step hints repeat (see `hintFlagsOf`). */
  hints: HintFlags;
  /** `--report-dir` as given. */
  reportDir: string;
  logger: Logger;
  options: RunOptions;
  command: string;
  plan: Plan;
  inputs: InputFingerprint[];
  customers: number;
  parentRunId: string | null;
  /** Default: every operation of the plan. */
  operations?: NewOperation[];
  /** The export's records, kept for rejected.csv and failed.csv. */
  records?: RunRecords;
  /** Requests sent before the run began (the live read), for its report. */
  traffic?: TrafficSample[];
  /** See `SessionInput.releaseEarlierSignals`. */
  releaseEarlierSignals: () => void;
}

/**
 * The target of a command that continues `run`: its own base URL unless a flag
 * or the environment chose one (then it must be the same environment).
 */
export function targetForRun(target: ApiTarget, run: RunRecord): ApiTarget {
  const chosen = target.baseUrlFrom !== DEFAULT_BASE_URL_FROM;
  const resolved = chosen
    ? target
    : { ...target, baseUrl: run.baseUrl, baseUrlFrom: `run ${run.id}` };
  requireSameEnvironment(run, resolved);
  return resolved;
}

/** Refuses to continue a run against another environment than its own. */
export function requireSameEnvironment(run: RunRecord, target: ApiTarget): void {
  if (environmentOf(target.baseUrl) === run.environment) return;
  throw usageError(
    `run ${run.id} was against ${run.baseUrl}, not ${target.baseUrl}; give --base-url ` +
      `${run.baseUrl} to work on it`,
  );
}

/** Records a new run and executes it; returns its exit code. */
export async function startNewRun(input: NewRunInput): Promise<ExitCode> {
  const now = new Date();
  const runId = newRunId(now);
  startRun(
    input.checkpoint,
    {
      id: runId,
      command: input.command,
      environment: environmentOf(input.target.baseUrl),
      baseUrl: input.target.baseUrl,
      // Absolute, so that `resume` from another directory finds the same files.
      inputs: input.inputs.map((entry) => ({ ...entry, file: resolve(entry.file) })),
      options: input.options,
      plan: input.plan,
      parentRunId: input.parentRunId,
      customers: input.customers,
      startedAt: now.toISOString(),
    },
    input.operations,
  );
  if (input.records !== undefined) {
    recordReportSources(input.checkpoint, runId, {
      ...input.records,
      tenants: tenantsWithOperations(
        input.operations?.map((entry) => entry.operation) ??
          input.plan.tenants.flatMap((tenant) => tenant.operations),
      ),
    });
  }
  if (input.traffic !== undefined) recordTraffic(input.checkpoint, runId, input.traffic);
  claimRun(input.checkpoint, input.lock, input.logger, runId);
  input.logger.info(`run ${runId} started`, {
    run: runId,
    baseUrl: input.target.baseUrl,
    baseUrlFrom: input.target.baseUrlFrom,
  });
  return runSession({
    checkpoint: input.checkpoint,
    runId,
    target: input.target,
    stateDir: input.stateDir,
    hints: input.hints,
    reportDir: input.reportDir,
    options: input.options,
    logger: input.logger,
    releaseEarlierSignals: input.releaseEarlierSignals,
  });
}
