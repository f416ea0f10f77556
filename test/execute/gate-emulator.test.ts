import { afterEach, describe, expect, it } from 'vitest';
import { PartnerApiClient, isApiErrorOfKind } from '../../src/api/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { createRequestGate } from '../../src/execute/gate.js';
import type { RequestGate } from '../../src/execute/types.js';

const DEMO_KEY = 'sk_test_demo';
const LIMIT = { ratePerSecond: 10, burst: 20 };
const REQUESTS = 60;

let emulator: RunningEmulator | undefined;
let client: PartnerApiClient | undefined;
let gate: RequestGate | undefined;

afterEach(async () => {
  await gate?.close();
  await client?.close();
  await emulator?.close();
  [gate, client, emulator] = [undefined, undefined, undefined];
});

async function start(rate: number): Promise<PartnerApiClient> {
  emulator = await startEmulator({ host: '127.0.0.1', rateLimit: LIMIT });
  client = new PartnerApiClient({ baseUrl: emulator.baseUrl, apiKey: DEMO_KEY });
  gate = createRequestGate({ rate, burst: 1 });
  return client;
}

/** One GET through the gate, sent again after each 429 as the executor would. */
async function getUsers(api: PartnerApiClient, through: RequestGate): Promise<void> {
  for (;;) {
    try {
      await through.run(() => api.listUsers());
      return;
    } catch (error) {
      if (!isApiErrorOfKind(error, 'rate-limited')) throw error;
    }
  }
}

async function counters(): Promise<{ rateLimited: number; totalRequests: number }> {
  const emu = emulator!;
  const res = await fetch(`${emu.url}/_emulator/counters`, {
    headers: { 'X-Emulator-Token': emu.controlToken },
  });
  return (await res.json()) as { rateLimited: number; totalRequests: number };
}

describe('request gate against the emulator (10/s, burst 20)', () => {
  it('sends 60 GETs at rate 10 without a single 429', async () => {
    const api = await start(10);
    await Promise.all(Array.from({ length: REQUESTS }, () => getUsers(api, gate!)));
    expect(gate!.stats()).toMatchObject({
      requests: REQUESTS,
      rateLimited: 0,
      currentRate: 10,
    });
    expect(await counters()).toMatchObject({ rateLimited: 0, totalRequests: REQUESTS });
  });

  it('at rate 40 meets 429s, holds, slows down and still finishes every request', async () => {
    const api = await start(40);
    await Promise.all(Array.from({ length: REQUESTS }, () => getUsers(api, gate!)));
    const stats = gate!.stats();
    expect(stats.rateLimited).toBeGreaterThan(0);
    expect(stats.currentRate).toBeLessThan(40);
    expect(stats.rateLimitWaitMs).toBeGreaterThanOrEqual(1_000);
    expect(await counters()).toMatchObject({
      rateLimited: stats.rateLimited,
      totalRequests: stats.requests,
    });
    expect(stats.requests - stats.rateLimited).toBe(REQUESTS);
  });
});
