/**
 * Reads the emulator's request log (`GET /_emulator/requests`) completely.
 * The emulator numbers a request when it arrives but logs it when its answer
 * ends, so the log is in order of answers, and a page that ends on a late
 * number can hide an earlier-numbered request answered after it; paging from
 * that number alone would skip it. Pages therefore overlap by a margin and
 * entries are kept once by number; whatever is still missing is counted.
 * Exports: `LoggedRequest`, `RequestLogRead`, `readRequestLog`, `isWrite`.
 */
import type { RequestLogEntry } from '../../src/emulator/index.js';

/** The control endpoint's largest page. */
const PAGE = 1_000;
/**
 * How far back each page starts from the highest number seen: more than the
 * requests a client keeps in flight, so that late answers are not skipped.
 */
const REORDER_MARGIN = 100;

/** What the benches need of a logged request. */
export interface LoggedRequest {
  seq: number;
  /** Arrival, by the emulator's clock. */
  atMs: number;
  method: string;
  path: string;
  status: RequestLogEntry['status'];
  fault: RequestLogEntry['fault'];
  /** From arrival to the answer's end, by the emulator. */
  durationMs: number;
}

/** The requests, in order of arrival, and the numbers the log lacks. */
export interface RequestLogRead {
  requests: LoggedRequest[];
  /** The last number the emulator handed out when the read ended. */
  lastSeq: number;
  /**
   * Numbers after `sinceSeq` with no entry: requests still unanswered, never
   * logged (the emulator closed mid-request) or lost from the ring buffer.
   */
  missing: number;
}

interface Page {
  requests: RequestLogEntry[];
  lastSeq: number;
}

type Control = (method: string, path: string) => Promise<unknown>;

/** POST, PATCH, PUT and DELETE change something; GET and HEAD read. */
export function isWrite(request: Pick<LoggedRequest, 'method'>): boolean {
  return request.method !== 'GET' && request.method !== 'HEAD';
}

/** Every API request numbered after `sinceSeq`, in order of arrival. */
export async function readRequestLog(
  control: Control,
  sinceSeq = 0,
): Promise<RequestLogRead> {
  const bySeq = new Map<number, LoggedRequest>();
  let since = sinceSeq;
  let lastSeq = sinceSeq;
  for (;;) {
    const path = `/requests?since=${since}&limit=${PAGE}`;
    const page = (await control('GET', path)) as Page;
    lastSeq = Math.max(lastSeq, page.lastSeq);
    let highest = since;
    for (const entry of page.requests) {
      bySeq.set(entry.seq, toLogged(entry));
      highest = Math.max(highest, entry.seq);
    }
    if (page.requests.length < PAGE) break;
    since = Math.max(since, highest - REORDER_MARGIN);
  }
  const requests = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return { requests, lastSeq, missing: lastSeq - sinceSeq - requests.length };
}

function toLogged(entry: RequestLogEntry): LoggedRequest {
  return {
    seq: entry.seq,
    atMs: Date.parse(entry.time),
    method: entry.method,
    path: entry.path,
    status: entry.status,
    fault: entry.fault,
    durationMs: entry.durationMs,
  };
}
