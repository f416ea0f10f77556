/**
 * The emulator's counters added up over its processes: each process counts
 * from zero and its counters die with it, so the soak keeps the latest
 * reading of the running process and folds it into the total when the
 * process is stopped. Exports: `CounterTally`, `TallyTotals`.
 */
import type { CountersSnapshot } from '../../src/emulator/index.js';
import { SOAK_PARTNER } from './soak-state.js';

/** What every emulator process of the soak counted, added up. */
export interface TallyTotals {
  /** API requests the emulator received (refused connections never arrive). */
  requests: number;
  /** Answers 500, 502 or 503 (injected errors, and any emulator bug). */
  serverErrors: number;
  /** Writes committed whose answer was then dropped. */
  dropped: number;
  rateLimited: number;
  /** Committed organization creates per owner external id. */
  organizationCreates: Map<string, number>;
  /** Committed location creates per `organization id/location name`. */
  locationCreates: Map<string, number>;
}

const SERVER_ERRORS = ['500', '502', '503'];

export class CounterTally {
  #ended = emptyTotals();
  /** The process whose readings count now: 1 for the first, 2 after a restart... */
  #active = 1;
  #latest: CountersSnapshot | null = null;

  /** Keeps `counters` if it is the latest reading of the running process. */
  observe(lifetime: number, counters: CountersSnapshot): void {
    if (lifetime !== this.#active) return;
    if (this.#latest !== null && this.#latest.totalRequests > counters.totalRequests)
      return;
    this.#latest = counters;
  }

  /** The running process was stopped: its last reading joins the total. */
  endLifetime(): void {
    if (this.#latest !== null) addSnapshot(this.#ended, this.#latest);
    this.#latest = null;
    this.#active += 1;
  }

  /** Ended processes plus the latest reading of the running one. */
  totals(): TallyTotals {
    const sum = emptyTotals();
    addTotals(sum, this.#ended);
    if (this.#latest !== null) addSnapshot(sum, this.#latest);
    return sum;
  }
}

function emptyTotals(): TallyTotals {
  return {
    requests: 0,
    serverErrors: 0,
    dropped: 0,
    rateLimited: 0,
    organizationCreates: new Map(),
    locationCreates: new Map(),
  };
}

function addTotals(sum: TallyTotals, part: TallyTotals): void {
  sum.requests += part.requests;
  sum.serverErrors += part.serverErrors;
  sum.dropped += part.dropped;
  sum.rateLimited += part.rateLimited;
  addMap(sum.organizationCreates, part.organizationCreates);
  addMap(sum.locationCreates, part.locationCreates);
}

function addSnapshot(sum: TallyTotals, counters: CountersSnapshot): void {
  const statuses = counters.responsesByStatus;
  sum.requests += counters.totalRequests;
  sum.serverErrors += SERVER_ERRORS.reduce((n, status) => n + (statuses[status] ?? 0), 0);
  sum.dropped += statuses.dropped ?? 0;
  sum.rateLimited += counters.rateLimited;
  const owners = counters.organizationCreates[SOAK_PARTNER] ?? {};
  addMap(sum.organizationCreates, new Map(Object.entries(owners)));
  const byOrganization = counters.locationCreates[SOAK_PARTNER] ?? {};
  for (const [organizationId, byName] of Object.entries(byOrganization)) {
    for (const [name, count] of Object.entries(byName)) {
      addMap(sum.locationCreates, new Map([[`${organizationId}/${name}`, count]]));
    }
  }
}

function addMap(into: Map<string, number>, from: Map<string, number>): void {
  for (const [key, count] of from) into.set(key, (into.get(key) ?? 0) + count);
}
