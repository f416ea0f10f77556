/**
 * What the emulator saw: a ring buffer of API requests and running counters,
 * for tests that check how a client behaved (retries, duplicates, pacing).
 * Keys appear only as labels. Exports: `RequestLog`, `RequestLogEntry`,
 * `RequestOutcome`, `CountersSnapshot`.
 */
import type { FaultKind } from './faults.js';

/**
 * A status, or what happened instead of an answer: `reset` (fault, no work
 * done), `dropped` (fault, work committed, answer lost) or `aborted` (the
 * client went away before its body arrived).
 */
export type RequestOutcome = number | 'reset' | 'dropped' | 'aborted';

/** One API request. */
export interface RequestLogEntry {
  seq: number;
  /** When it arrived, by the emulator's clock (ISO 8601 with ms). */
  time: string;
  method: string;
  path: string;
  /** The raw query string without `?`; '' when none. */
  query: string;
  keyLabel: string | null;
  partnerId: string | null;
  status: RequestOutcome;
  fault: FaultKind | null;
  durationMs: number;
  /** Set on a 500 caused by an emulator bug, for the test that hit it. */
  error?: string;
}

/** The counters as control output shows them. */
export interface CountersSnapshot {
  /** Committed `POST /organizations` per partner, per owner external id (dropped answers too). */
  organizationCreates: Record<string, Record<string, number>>;
  /** Committed `POST /locations` per partner, per organization id, per location name. */
  locationCreates: Record<string, Record<string, Record<string, number>>>;
  responsesByStatus: Record<string, number>;
  requestsByKey: Record<string, number>;
  rateLimited: number;
  totalRequests: number;
}

/** Label counted for requests without a valid key. */
const NO_KEY = '(none)';

/** Ring buffer plus counters; `reset` clears both (sequence numbers continue). */
export class RequestLog {
  readonly #limit: number;
  #entries: RequestLogEntry[] = [];
  #start = 0;
  #seq = 0;
  #counters = emptyCounters();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Reserves the next sequence number (also the X-Request-Id). */
  nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }

  /** Records a finished request and counts it. */
  add(entry: RequestLogEntry): void {
    if (this.#entries.length < this.#limit) this.#entries.push(entry);
    else {
      this.#entries[this.#start] = entry;
      this.#start = (this.#start + 1) % this.#limit;
    }
    const c = this.#counters;
    c.totalRequests += 1;
    increment(c.responsesByStatus, String(entry.status));
    increment(c.requestsByKey, entry.keyLabel ?? NO_KEY);
    if (entry.status === 429) c.rateLimited += 1;
  }

  /** Counts a committed organization create. */
  countOrganizationCreate(partnerId: string, ownerExternalId: string): void {
    increment(branch(this.#counters.organizationCreates, partnerId), ownerExternalId);
  }

  /** Counts a committed location create. */
  countLocationCreate(partnerId: string, organizationId: number, name: string): void {
    const byOrg = branch(this.#counters.locationCreates, partnerId);
    increment(branch(byOrg, String(organizationId)), name);
  }

  /**
   * Entries with `seq > since` in arrival order (by `seq`), at most `limit`.
   * A request is kept when its answer ends, so the buffer is in answer order:
   * sorted here, a reader paging on the last `seq` it got misses nothing that
   * had been answered. A request still in flight shows up once it ends, with a
   * `seq` below others already read.
   */
  since(since: number, limit: number): RequestLogEntry[] {
    return this.#entries
      .filter((entry) => entry.seq > since)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
  }

  /** The last sequence number handed out. */
  get lastSeq(): number {
    return this.#seq;
  }

  counters(): CountersSnapshot {
    return structuredClone(this.#counters);
  }

  reset(): void {
    this.#entries = [];
    this.#start = 0;
    this.#counters = emptyCounters();
  }
}

function emptyCounters(): CountersSnapshot {
  return {
    organizationCreates: dict(),
    locationCreates: dict(),
    responsesByStatus: dict(),
    requestsByKey: dict(),
    rateLimited: 0,
    totalRequests: 0,
  };
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function branch<T>(
  tree: Record<string, Record<string, T>>,
  key: string,
): Record<string, T> {
  let child = tree[key];
  if (child === undefined) {
    child = dict<T>();
    tree[key] = child;
  }
  return child;
}

/** A map-like object without a prototype: an external id such as `__proto__` is just a key. */
function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
