/**
 * The latency the executor adds, from the `operation timing` lines that the
 * executor writes to a run's log (see src/execute/operation-timing.ts).
 *
 * Definition: for an operation that ended with one request, the time it
 * spends in aa-sync outside the gate's wait and outside its HTTP exchange:
 * the queue's hand-off (dispatch to task start), the checkpoint's intent
 * before the request, handling the answer, and the checkpoint's result after
 * it. Waiting for the rate limit (the gate) and the round trip are not added
 * by the executor; they are reported beside it. Operations with retries or
 * lookups are counted but left out of the percentiles: their extra time is the
 * retry policy's.
 * Exports: `OperationTiming`, `TimingFigures`, `readOperationTimings`,
 * `timingFigures`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Spread } from './executor-stats.js';
import { spreadOf } from './executor-stats.js';
import type { OperationTimes } from '../../src/execute/operation-timing.js';

/** The message of the executor's per-operation debug line. */
const TIMING_MESSAGE = 'operation timing';
const MS_PER_SECOND = 1000;

/** One `operation timing` line: the executor's step times (ms) of one operation. */
export interface OperationTiming extends OperationTimes {
  operation: string;
  status: string;
}

/** The spreads of one apply's operations, in ms. */
export interface TimingFigures {
  /** Operations with a timing line, and those of them with exactly one request. */
  operations: number;
  singleRequest: number;
  /** queue + intent + settle + result: the latency the executor adds. */
  added: Spread;
  queue: Spread;
  intent: Spread;
  settle: Spread;
  result: Spread;
  /** intent + result: the checkpoint's two writes. */
  checkpoint: Spread;
  /** Waiting for the gate: the rate limit, by design. */
  gate: Spread;
  /** The HTTP exchange as aa-sync's client sees it. */
  request: Spread;
  /** The checkpoint's writes of every operation over the executor's window. */
  checkpointShareOfWall: number | null;
}

/** The timing lines of the one run log in `stateDir`/logs. */
export async function readOperationTimings(stateDir: string): Promise<OperationTiming[]> {
  const logDir = join(stateDir, 'logs');
  const logs = (await readdir(logDir)).filter((name) => name.endsWith('.log'));
  if (logs.length !== 1) {
    throw new Error(
      `expected one run log in ${logDir}, found ${logs.length}: give each apply a ` +
        'fresh --state-dir',
    );
  }
  const text = await readFile(join(logDir, logs[0] ?? ''), 'utf8');
  const timings: OperationTiming[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes(TIMING_MESSAGE)) continue;
    const parsed = JSON.parse(line) as { message?: string } & OperationTiming;
    if (parsed.message === TIMING_MESSAGE) timings.push(parsed);
  }
  return timings;
}

/**
 * The figures of `timings`; `windowSeconds` is the span of the executor's
 * requests, over which the checkpoint's share of wall time is taken.
 */
export function timingFigures(
  timings: readonly OperationTiming[],
  windowSeconds: number,
): TimingFigures {
  const single = timings.filter((t) => t.requests === 1);
  const pick = (field: keyof OperationTiming): number[] =>
    single.map((t) => t[field]).filter((v): v is number => typeof v === 'number');
  const sum = (t: OperationTiming, fields: (keyof OperationTiming)[]): number =>
    fields.reduce((total, field) => total + Number(t[field] ?? 0), 0);
  const allCheckpoint = timings.map((t) => sum(t, ['intentMs', 'resultMs']));
  const checkpointTotalMs = allCheckpoint.reduce((a, b) => a + b, 0);
  return {
    operations: timings.length,
    singleRequest: single.length,
    added: spreadOf(
      single.map((t) => sum(t, ['queueMs', 'intentMs', 'settleMs', 'resultMs'])),
    ),
    queue: spreadOf(pick('queueMs')),
    intent: spreadOf(pick('intentMs')),
    settle: spreadOf(pick('settleMs')),
    result: spreadOf(pick('resultMs')),
    checkpoint: spreadOf(single.map((t) => sum(t, ['intentMs', 'resultMs']))),
    gate: spreadOf(pick('gateMs')),
    request: spreadOf(pick('requestMs')),
    checkpointShareOfWall:
      windowSeconds > 0 ? checkpointTotalMs / (windowSeconds * MS_PER_SECOND) : null,
  };
}
