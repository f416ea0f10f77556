/**
 * A fresh emulator (loopback, no rate limit unless asked) and a real client of
 * it for each test of performing an operation, with a pass-through gate, a
 * context whose waits are recorded, and helpers for the control endpoints.
 * Everything is closed after each test.
 */
import { afterEach, beforeEach } from 'vitest';
import { PartnerApiClient } from '../../../src/api/index.js';
import { startEmulator } from '../../../src/emulator/index.js';
import type {
  CountersSnapshot,
  EmulatorOptions,
  FaultSettings,
  RequestLogEntry,
  RunningEmulator,
} from '../../../src/emulator/index.js';
import type { PerformContext } from '../../../src/execute/perform.js';
import type { RetryBounds } from '../../../src/execute/retry-policy.js';
import type { OrgTarget } from '../../../src/plan/plan-types.js';
import { PassThroughGate } from './perform-gate.js';

export const TEST_KEY = 'sk_test_perform';
const PARTNER = 'demo';
/**
 * Small bounds for tests. The fixture's `sleep` only records its waits, so
 * backoffs take no time; with `random` at 0.5 they are 5, 10 and 10 ms.
 */
export const TINY_BOUNDS: RetryBounds = {
  maxAttempts: 4,
  baseDelayMs: 10,
  maxDelayMs: 20,
  maxTotalMs: 10_000,
};
const CLIENT_TIMEOUT_MS = 5_000;
const API_PREFIX = '/api/v1';
/** Larger than any test's request log. */
const LOG_PAGE = 1_000;

/** One request as the emulator logged it. */
export interface SeenRequest {
  method: string;
  /** Relative to the base URL, query string included. */
  path: string;
  status: RequestLogEntry['status'];
}

export interface PerformFixture {
  emu: RunningEmulator;
  client: PartnerApiClient;
  gate: PassThroughGate;
  /** The emulator's clock (ms), which tests may move; starts at the real time. */
  clock: { ms: number };
  /** Every backoff wait asked for, in ms (recorded, not waited). */
  sleeps: number[];
  /** Runs at each backoff wait (e.g. to switch a fault off). */
  onSleep: (() => Promise<void>) | null;
  /** What `ctx.stopping()` answers. */
  stopping: boolean;
  /** Organization ids of `{ref}` targets. */
  refs: Map<string, number>;
  /** A context over this fixture; `bounds` default to {@link TINY_BOUNDS}. */
  context(bounds?: Partial<RetryBounds>): PerformContext;
  setFaults(faults: FaultSettings): Promise<void>;
  /** The log's last sequence number: requests after it are the test's own. */
  mark(): Promise<number>;
  requestsSince(seq: number): Promise<SeenRequest[]>;
  counters(): Promise<CountersSnapshot>;
}

/** Registers hooks that give each test a fresh fixture; read it inside tests. */
export function usePerformFixture(options: EmulatorOptions = {}): PerformFixture {
  const fixture = {} as PerformFixture;
  beforeEach(async () => {
    const clock = { ms: Date.now() };
    const emu = await startEmulator({
      rateLimit: null,
      now: () => clock.ms,
      partners: [{ id: PARTNER, keys: [TEST_KEY] }],
      ...options,
    });
    const client = new PartnerApiClient({
      baseUrl: emu.baseUrl,
      apiKey: TEST_KEY,
      timeoutMs: CLIENT_TIMEOUT_MS,
    });
    Object.assign(fixture, {
      emu,
      client,
      clock,
      gate: new PassThroughGate(),
      sleeps: [],
      onSleep: null,
      stopping: false,
      refs: new Map<string, number>(),
    });
    fixture.context = (bounds = {}) => contextOf(fixture, bounds);
    fixture.setFaults = async (faults) => {
      await control(emu, 'PUT', '/faults', { global: faults });
    };
    fixture.mark = async () => {
      const body = (await control(emu, 'GET', '/requests?limit=1')) as {
        lastSeq: number;
      };
      return body.lastSeq;
    };
    fixture.requestsSince = (seq) => requestsSince(emu, seq);
    fixture.counters = async () =>
      (await control(emu, 'GET', '/counters')) as CountersSnapshot;
  });
  afterEach(async () => {
    await fixture.client.close();
    await fixture.emu.close();
  });
  return fixture;
}

function contextOf(
  fixture: PerformFixture,
  bounds: Partial<RetryBounds>,
): PerformContext {
  return {
    client: fixture.client,
    gate: fixture.gate,
    bounds: { ...TINY_BOUNDS, ...bounds },
    random: () => 0.5,
    sleep: async (ms) => {
      fixture.sleeps.push(ms);
      await fixture.onSleep?.();
    },
    stopping: () => fixture.stopping,
    organizationOf: (target: OrgTarget) => {
      if (typeof target === 'number') return target;
      const id = fixture.refs.get(target.ref);
      if (id === undefined) throw new Error(`no organization for ${target.ref}`);
      return id;
    },
  };
}

async function requestsSince(emu: RunningEmulator, seq: number): Promise<SeenRequest[]> {
  const path = `/requests?since=${seq}&limit=${LOG_PAGE}`;
  const body = (await control(emu, 'GET', path)) as { requests: RequestLogEntry[] };
  return body.requests.map(({ method, path: url, query, status }) => {
    const relative = url.slice(API_PREFIX.length);
    return { method, path: query === '' ? relative : `${relative}?${query}`, status };
  });
}

/** Calls a `/_emulator` control endpoint and returns its JSON answer. */
export async function control(
  emu: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${emu.url}/_emulator${path}`, {
    method,
    headers: {
      'X-Emulator-Token': emu.controlToken,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as unknown;
}
