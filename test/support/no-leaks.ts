/**
 * Fails a test file that leaves a server, a socket or a timer behind: each
 * would keep a real run of aa-sync from exiting, or hold a port or a file.
 */
import { afterAll, beforeAll } from 'vitest';

/** Resource kinds that a finished test file must have closed. */
const WATCHED = new Set(['TCPServerWrap', 'TCPSocketWrap', 'Timeout', 'PipeServerWrap']);
/** How long closing sockets may take to leave the event loop. */
const SETTLE_MS = 200;
const POLL_MS = 20;

let baseline = new Map<string, number>();

function watchedCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) {
    if (WATCHED.has(kind)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts;
}

function leaks(): string[] {
  const found: string[] = [];
  for (const [kind, count] of watchedCounts()) {
    const extra = count - (baseline.get(kind) ?? 0);
    if (extra > 0) found.push(`${extra} × ${kind}`);
  }
  return found;
}

beforeAll(() => {
  baseline = watchedCounts();
});

afterAll(async () => {
  const deadline = Date.now() + SETTLE_MS;
  while (leaks().length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const left = leaks();
  if (left.length > 0) throw new Error(`the test file left open: ${left.join(', ')}`);
});
