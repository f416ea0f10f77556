/**
 * Counts the API calls of one run from the emulator's request log: reads and
 * writes, writes per endpoint, and which writes took effect. A write took
 * effect when it was answered 2xx, or when the emulator committed it and then
 * dropped the answer (a fault); a 5xx or reset fault, a 429 or a 4xx did no
 * work. Exports: `CallCounts`, `countCalls`, `endpointOf`, `tookEffect`.
 */
import type { LoggedRequest } from './executor-request-log.js';
import { isWrite } from './executor-request-log.js';

const API_PREFIX = '/api/v1/';
const HTTP_SUCCESS_MIN = 200;
const HTTP_SUCCESS_MAX = 299;

/** The calls of one run. */
export interface CallCounts {
  requests: number;
  reads: number;
  /** Reads answered 2xx. */
  readsAnswered: number;
  /** Writes sent, whatever became of them. */
  writesSent: number;
  /** Writes that took effect (see `tookEffect`). */
  writesCommitted: number;
  /** Per `METHOD resource`, e.g. `POST locations`: sent and took effect. */
  byEndpoint: Record<string, { sent: number; committed: number }>;
  /** How requests ended: status or outcome (`dropped`, `reset`...) → count. */
  outcomes: Record<string, number>;
  /** Faults the emulator injected, by kind. */
  faults: Record<string, number>;
}

/** `POST locations` for `POST /api/v1/locations`; ids are left out. */
export function endpointOf(request: Pick<LoggedRequest, 'method' | 'path'>): string {
  const path = request.path.startsWith(API_PREFIX)
    ? request.path.slice(API_PREFIX.length)
    : request.path;
  return `${request.method} ${path.split('/')[0] ?? ''}`;
}

/** Whether the emulator did the work of this request (its answer may have been lost). */
export function tookEffect(request: Pick<LoggedRequest, 'status'>): boolean {
  const { status } = request;
  if (status === 'dropped') return true;
  return (
    typeof status === 'number' && status >= HTTP_SUCCESS_MIN && status <= HTTP_SUCCESS_MAX
  );
}

/** Counts `requests` (one run's, from the request log). */
export function countCalls(requests: readonly LoggedRequest[]): CallCounts {
  const counts: CallCounts = {
    requests: requests.length,
    reads: 0,
    readsAnswered: 0,
    writesSent: 0,
    writesCommitted: 0,
    byEndpoint: {},
    outcomes: {},
    faults: {},
  };
  for (const request of requests) {
    bump(counts.outcomes, String(request.status));
    if (request.fault !== null) bump(counts.faults, request.fault);
    const effect = tookEffect(request);
    if (!isWrite(request)) {
      counts.reads += 1;
      if (effect) counts.readsAnswered += 1;
      continue;
    }
    const endpoint = endpointOf(request);
    const entry = (counts.byEndpoint[endpoint] ??= { sent: 0, committed: 0 });
    entry.sent += 1;
    counts.writesSent += 1;
    if (effect) {
      entry.committed += 1;
      counts.writesCommitted += 1;
    }
  }
  return counts;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
