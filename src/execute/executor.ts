/**
 * Runs the open operations of a recorded run: ready work from every tenant in
 * turn, at most `concurrency` at once (p-queue), each request paced by the
 * gate; every operation durably marked in flight before its first request and
 * its outcome recorded when it ends; a debug line of the run log tells where
 * each operation's time went (operation-timing.ts). `stop` lets running
 * operations finish their current request and then ends the run as resumable.
 */
import PQueue from 'p-queue';
import type { Logger } from 'winston';
import type { PartnerApiClient } from '../api/index.js';
import type { Checkpoint } from '../checkpoint/database.js';
import type { OperationRecord, OperationResult } from '../checkpoint/run-types.js';
import { loadOperations, markInFlight, markSkipped } from '../checkpoint/run-store.js';
import type { OrgTarget } from '../plan/plan-types.js';
import { OperationClock, timedGate } from './operation-timing.js';
import type { RetryBounds } from './retry-policy.js';
import type { PerformContext } from './perform.js';
import { performOperation } from './perform.js';
import { recordPerformed } from './record-outcome.js';
import type { StopSignal } from './stop-signal.js';
import type { PerformOutcome, RequestGate } from './types.js';
import { WorkGraph } from './work-graph.js';
import type { Skip } from './work-graph.js';

/**
 * Times one operation goes back in the queue because its retries ran out while
 * the circuit breaker was open; past this the run stops as resumable.
 */
const MAX_REQUEUES = 5;

type Interrupted = Extract<PerformOutcome, { status: 'interrupted' }> & {
  stopRun?: true;
};
/** An outcome as the executor records it: a refused key counts as an interruption. */
type Settled = Exclude<PerformOutcome, { status: 'interrupted' }> | Interrupted;

/** Why a run stopped before its work was done. */
export const STOP_REASONS = ['signal', 'auth', 'breaker'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export interface ExecutorOptions {
  checkpoint: Checkpoint;
  runId: string;
  environment: string;
  client: PartnerApiClient;
  gate: RequestGate;
  bounds: RetryBounds;
  concurrency: number;
  logger: Logger;
  stop: StopSignal;
  /** ISO time now; the checkpoint records what this returns. */
  now: () => Date;
  random: () => number;
  /**
   * Look up every create before sending it, not only those recorded in flight:
   * `retry-failed` reruns creates whose failed attempts may have landed.
   */
  reconcileCreates?: boolean;
  /** Called after every finished operation. */
  onProgress?: (finished: OperationRecord['status']) => void;
}

/** What happened in this process; the run's final counts come from the checkpoint. */
export interface ExecutionSummary {
  /** Why the run stopped early, or null when every open operation was attempted. */
  stoppedBy: StopReason | null;
  /** The first refusal of the key (401), when `stoppedBy` is 'auth'. */
  authError: string | null;
}

/** Performs every open operation of the run; resolves when nothing more can start. */
export async function executeRun(options: ExecutorOptions): Promise<ExecutionSummary> {
  const { checkpoint, runId, logger, stop } = options;
  const records = loadOperations(checkpoint, runId);
  const byId = new Map(records.map((record) => [record.id, record]));
  const results = new Map<string, OperationResult>();
  for (const record of records) {
    if (record.result !== null) results.set(record.id, record.result);
  }
  const graph = new WorkGraph(records);
  const requeues = new Map<string, number>();
  const summary: ExecutionSummary = { stoppedBy: null, authError: null };
  skip(options, graph.initialSkips());
  const context = performContext(options, results);
  const queue = new PQueue({ concurrency: options.concurrency });

  /** Interrupted though nobody asked to stop: the API is down (the breaker is open). */
  const retryLater = (record: OperationRecord, outcome: Interrupted): void => {
    const requeued = requeues.get(record.id) ?? 0;
    if (options.gate.gaveUp || requeued >= MAX_REQUEUES) {
      // The circuit breaker gave up on the API: end the run as resumable.
      summary.stoppedBy = 'breaker';
      stop.request('breaker');
      return;
    }
    // Its retries ran out while the API was down, which is not its fault: later.
    requeues.set(record.id, requeued + 1);
    byId.set(record.id, {
      ...record,
      status: outcome.maybeSent ? 'in-flight' : 'pending',
      attempts: record.attempts + outcome.attempts,
    });
    graph.requeue(record.id);
  };

  /** The key was refused: nothing else can succeed; the operation waits for resume. */
  const stopForKey = (error: string | null): void => {
    if (summary.stoppedBy === null) {
      summary.stoppedBy = 'auth';
      summary.authError = error;
    }
    stop.request('auth');
  };

  const runOne = async (
    record: OperationRecord,
    clock: OperationClock,
  ): Promise<void> => {
    clock.started();
    const reconcileFirst =
      record.status === 'in-flight' ||
      (options.reconcileCreates === true && record.kind.startsWith('create-'));
    markInFlight(checkpoint, runId, record.id, options.now().toISOString());
    clock.intentWritten();
    const startedMs = Date.now();
    const timed = { ...context, gate: timedGate(context.gate, clock) };
    const outcome = refusedKeyAsStop(
      await performOperation(record.operation, timed, { reconcileFirst }),
      reconcileFirst,
    );
    clock.performed();
    const durationMs = Date.now() - startedMs;
    recordPerformed(options, record, outcome, durationMs);
    clock.recorded();
    logger.debug('operation timing', {
      operation: record.id,
      status: outcome.status,
      ...clock.times(),
    });
    switch (outcome.status) {
      case 'succeeded':
      case 'adopted':
        results.set(record.id, outcome.result);
        graph.succeeded(record.id);
        if (outcome.note !== undefined)
          logger.info(outcome.note, { operation: record.id });
        break;
      case 'failed':
        logger.warn(`${record.id} failed: ${outcome.error}`, { tenant: record.tenant });
        skip(options, graph.failed(record.id));
        break;
      case 'interrupted':
        if (outcome.stopRun === true) stopForKey(outcome.error);
        else if (!stop.requested) retryLater(record, outcome);
        break;
    }
    options.onProgress?.(outcome.status === 'interrupted' ? 'pending' : outcome.status);
  };

  // Counted here rather than asked of p-queue: its idle promise settles when the
  // last task ends, before that task's successors have been added.
  let active = 0;
  let failure: unknown;
  let settle = (): void => undefined;
  const finished = new Promise<void>((resolve) => (settle = resolve));
  const dispatch = (): void => {
    while (!stop.requested && active < options.concurrency) {
      const id = graph.next();
      if (id === undefined) break;
      const record = byId.get(id);
      if (record === undefined)
        throw new Error(`operation ${id} vanished from run ${runId}`);
      active += 1;
      const clock = new OperationClock();
      void queue
        .add(() => runOne(record, clock))
        .catch((error: unknown) => {
          // A bug or a checkpoint failure: stop cleanly, then surface it.
          failure ??= error;
          stop.request('signal');
        })
        .finally(() => {
          active -= 1;
          dispatch();
        });
    }
    if (active === 0) settle();
  };
  dispatch();
  await finished;
  if (failure !== undefined) {
    throw failure instanceof Error
      ? failure
      : new Error('an operation task failed', { cause: failure });
  }
  if (stop.requested && summary.stoppedBy === null) summary.stoppedBy = stop.reason;
  return summary;
}

/**
 * A refused key (401) is not the operation's failure: it stays open for
 * `resume` with a valid key, and its dependents are not skipped.
 */
function refusedKeyAsStop(outcome: PerformOutcome, reconcileFirst: boolean): Settled {
  if (outcome.status !== 'failed' || !outcome.stopRun) return outcome;
  return {
    status: 'interrupted',
    attempts: outcome.attempts,
    // An earlier attempt may have been lost on the way back; look it up on resume.
    maybeSent: reconcileFirst || outcome.attempts > 1,
    error: outcome.error,
    stopRun: true,
  };
}

function performContext(
  options: ExecutorOptions,
  results: ReadonlyMap<string, OperationResult>,
): PerformContext {
  return {
    client: options.client,
    gate: options.gate,
    bounds: options.bounds,
    random: options.random,
    sleep: (ms) => options.stop.sleep(ms),
    stopping: () => options.stop.requested,
    organizationOf: (target: OrgTarget) => {
      if (typeof target === 'number') return target;
      const id = results.get(target.ref)?.organizationId;
      if (id === undefined) {
        throw new Error(
          `organization of ${target.ref} is not known yet (a dependency bug)`,
        );
      }
      return id;
    },
  };
}

function skip(options: ExecutorOptions, skips: readonly Skip[]): void {
  if (skips.length === 0) return;
  const at = options.now().toISOString();
  const byCause = new Map<string, string[]>();
  for (const { id, because } of skips) {
    const ids = byCause.get(because);
    if (ids === undefined) byCause.set(because, [id]);
    else ids.push(id);
  }
  for (const [because, ids] of byCause) {
    markSkipped(options.checkpoint, options.runId, ids, `skipped: ${because} failed`, at);
    options.logger.warn(`skipped ${ids.length} operation(s) that need ${because}`);
    for (let i = 0; i < ids.length; i += 1) options.onProgress?.('skipped');
  }
}
