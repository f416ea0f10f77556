/**
 * Test support: start an emulator on a loopback port, call it over real HTTP
 * with the global fetch, and close it after the test.
 */
import { afterEach } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorOptions, RunningEmulator } from '../../src/emulator/index.js';

export const DEMO_KEY = 'sk_test_demo';
/** 2025-03-02T09:15:00Z, the time of the reference's examples. */
export const T0 = Date.UTC(2025, 2, 2, 9, 15, 0);
export const T0_TEXT = '2025-03-02T09:15:00Z';

/** A clock tests move by hand. */
export interface TestClock {
  ms: number;
  now: () => number;
}

export function testClock(start = T0): TestClock {
  const clock: TestClock = { ms: start, now: () => clock.ms };
  return clock;
}

/** A parsed answer. */
export interface Answer {
  status: number;
  // Tests read answers field by field and compare exact values; any keeps that terse.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

/** An emulator plus helpers to call its API and control endpoints. */
export interface TestEmulator {
  emu: RunningEmulator;
  clock: TestClock;
  api(method: string, path: string, body?: unknown, key?: string | null): Promise<Answer>;
  control(method: string, path: string, body?: unknown): Promise<Answer>;
  /** Sends a raw body (string) with any headers. */
  raw(
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<Answer>;
}

const running: RunningEmulator[] = [];

/** Closes every emulator started by `startTest` (also run after each test). */
export async function closeAll(): Promise<void> {
  await Promise.all(running.splice(0).map((emu) => emu.close()));
}

afterEach(closeAll);

/**
 * Starts an emulator closed automatically after the test. Defaults for tests:
 * no rate limit and the test clock at T0.
 */
export async function startTest(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const clock = testClock();
  const emu = await startEmulator({ rateLimit: null, now: clock.now, ...options });
  running.push(emu);
  const raw = async (
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<Answer> => {
    const res = await fetch(`${emu.url}${path}`, { method, headers, body });
    const text = await res.text();
    return {
      status: res.status,
      body: text === '' ? undefined : JSON.parse(text),
      headers: res.headers,
    };
  };
  const json = (body: unknown): Record<string, string> =>
    body === undefined ? {} : { 'Content-Type': 'application/json' };
  return {
    emu,
    clock,
    api: (method, path, body, key = DEMO_KEY) =>
      raw(
        method,
        `/api/v1${path}`,
        body === undefined ? undefined : JSON.stringify(body),
        {
          ...json(body),
          ...(key === null ? {} : { 'X-API-KEY': key }),
        },
      ),
    control: (method, path, body) =>
      raw(
        method,
        `/_emulator${path}`,
        body === undefined ? undefined : JSON.stringify(body),
        {
          ...json(body),
          'X-Emulator-Token': emu.controlToken,
        },
      ),
    raw,
  };
}

/** A valid `POST /organizations` body. */
export function orgBody(
  n: number | string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name: `Org ${n}`,
    owner: {
      external_id: `owner-${n}`,
      email: `owner${n}@example.com`,
      name: `Owner ${n}`,
    },
    ...extra,
  };
}

/** Creates an organization and returns its id. */
export async function createOrg(
  t: TestEmulator,
  n: number | string,
  key?: string,
): Promise<number> {
  const res = await t.api('POST', '/organizations', orgBody(n), key);
  if (res.status !== 201)
    throw new Error(`create org ${n} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.organization.id as number;
}

/** One field of every item of a JSON list answer. */
export function pluck(list: unknown, field: string): unknown[] {
  return (list as Record<string, unknown>[]).map((item) => item[field]);
}
