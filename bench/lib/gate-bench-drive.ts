/**
 * Drives a stream of GET requests through a request gate for a fixed time,
 * with a fixed number of workers (the executor's concurrency), sending each
 * GET again after a 429 as the executor does. Exports: `driveGets`,
 * `DriveResult`, `secondsToReach`.
 */
import { PartnerApiClient, isApiErrorOfKind } from '../../src/api/index.js';
import type { RequestGate } from '../../src/execute/types.js';

const API_KEY = 'sk_test_demo';

/** When each GET succeeded, in ms from the start of the drive. */
export interface DriveResult {
  successAtMs: number[];
  durationMs: number;
}

/** `concurrency` workers each send GETs through `gate` until `durationMs` has passed. */
export async function driveGets(
  baseUrl: string,
  gate: RequestGate,
  concurrency: number,
  durationMs: number,
): Promise<DriveResult> {
  const client = new PartnerApiClient({
    baseUrl,
    apiKey: API_KEY,
    connections: concurrency,
  });
  const startMs = Date.now();
  const deadlineMs = startMs + durationMs;
  const successAtMs: number[] = [];
  const worker = async () => {
    while (Date.now() < deadlineMs) {
      if (await getOnce(client, gate)) successAtMs.push(Date.now() - startMs);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await client.close();
  }
  // Answers that came after the deadline are not part of the measured window.
  return { successAtMs: successAtMs.filter((t) => t < durationMs), durationMs };
}

/** True when the GET got a 2xx; false after a 429 (the worker then sends it again). */
async function getOnce(client: PartnerApiClient, gate: RequestGate): Promise<boolean> {
  try {
    await gate.run(() => client.listUsers());
    return true;
  } catch (error) {
    if (isApiErrorOfKind(error, 'rate-limited')) return false;
    throw error;
  }
}

/**
 * Seconds from the start until the success rate over the trailing `windowMs`
 * first reached `targetPerSecond`; null when it never did.
 */
export function secondsToReach(
  successAtMs: readonly number[],
  targetPerSecond: number,
  windowMs: number,
): number | null {
  const needed = Math.ceil((targetPerSecond * windowMs) / 1000);
  for (let i = needed - 1; i < successAtMs.length; i += 1) {
    const end = successAtMs[i] ?? 0;
    const start = successAtMs[i - needed + 1] ?? 0;
    if (end - start < windowMs) return end / 1000;
  }
  return null;
}
