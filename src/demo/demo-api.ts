/**
 * The Partner API of the demo: the emulator, started in this process on
 * loopback with a rate limit and a small share of faults, and what its own
 * counters say about the requests it saw (not what aa-sync says it sent).
 */
import { startEmulator } from '../emulator/index.js';
import type {
  CountersSnapshot,
  FaultSettings,
  RateLimitSettings,
  RequestLogEntry,
  RunningEmulator,
} from '../emulator/index.js';

export const DEMO_PARTNER = 'boston-demo';
/** A test key of the emulator's only partner; never a real key. */
export const DEMO_KEY = 'sk_test_boston_demo';

/** The emulator's limit per key, and the rate aa-sync is told to keep. */
export const DEMO_RATE_LIMIT: RateLimitSettings = { ratePerSecond: 100, burst: 20 };

/**
 * A bad night on a real network, reproducible from its seed: 2% of requests
 * answered 502 or 503 without doing the work, and 1% of writes committed with
 * their answer lost (the case that makes naive clients buy a second number).
 */
export const DEMO_FAULTS: FaultSettings = {
  seed: 2015,
  latencyMs: 5,
  latencyJitterMs: 20,
  errorRate: 0.02,
  errorStatuses: [502, 503],
  dropAfterCommitRate: 0.01,
};

/** How long a new number stays pending, as the real API provisions it. */
const ACTIVATION_DELAY_MS = 500;
/** Room for every request of the migration in the request log. */
const REQUEST_LOG_LIMIT = 50_000;
const REQUESTS_PAGE = 1_000;

export interface DemoApi {
  emulator: RunningEmulator;
  /** Sequence number of the latest request the emulator logged. */
  lastSeq(): Promise<number>;
  /** Every API request logged after `since`. */
  requestsSince(since: number): Promise<RequestLogEntry[]>;
  /** The counters, with the faults the emulator injected by kind. */
  counters(): Promise<CountersSnapshot & { faults: Record<string, number> }>;
}

export async function startDemoApi(): Promise<DemoApi> {
  const emulator = await startEmulator({
    partners: [{ id: DEMO_PARTNER, keys: [DEMO_KEY] }],
    rateLimit: DEMO_RATE_LIMIT,
    faults: DEMO_FAULTS,
    activationDelayMs: ACTIVATION_DELAY_MS,
    requestLogLimit: REQUEST_LOG_LIMIT,
  });
  const control = async <T>(path: string): Promise<T> => {
    const answer = await fetch(`${emulator.url}/_emulator${path}`, {
      headers: { 'X-Emulator-Token': emulator.controlToken },
    });
    if (!answer.ok) throw new Error(`emulator control ${path} answered ${answer.status}`);
    return (await answer.json()) as T;
  };
  const page = (since: number, limit = REQUESTS_PAGE) =>
    control<{ requests: RequestLogEntry[]; lastSeq: number }>(
      `/requests?since=${since}&limit=${limit}`,
    );
  return {
    emulator,
    lastSeq: async () => (await page(0, 0)).lastSeq,
    async requestsSince(since) {
      const all: RequestLogEntry[] = [];
      for (let from = since; ;) {
        const { requests } = await page(from);
        all.push(...requests);
        const last = requests.at(-1);
        if (last === undefined || requests.length < REQUESTS_PAGE) return all;
        from = last.seq;
      }
    },
    counters: () => control('/counters'),
  };
}

/** Writes: what costs money or changes a customer's account. */
export function isWrite(entry: RequestLogEntry): boolean {
  return entry.method !== 'GET' && entry.method !== 'HEAD';
}

/** Creates the emulator committed more than once for one owner or location name. */
export function duplicatesIn(counters: CountersSnapshot): {
  organizations: number;
  locations: number;
} {
  const extra = (counts: Iterable<number>): number =>
    [...counts].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
  const organizations = Object.values(counters.organizationCreates).flatMap((owners) =>
    Object.values(owners),
  );
  const locations = Object.values(counters.locationCreates).flatMap((organizationsOf) =>
    Object.values(organizationsOf).flatMap((names) => Object.values(names)),
  );
  return { organizations: extra(organizations), locations: extra(locations) };
}
