import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { orgBody } from './support.js';

const HANDLE_KINDS = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'];

/** How many servers, sockets and timers are open, by kind. */
function handles(): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(
    HANDLE_KINDS.map((k) => [k, 0]),
  );
  for (const kind of process.getActiveResourcesInfo()) {
    if (kind in counts) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** Kinds with more handles open now than in `before`. */
function leaked(before: Record<string, number>): string[] {
  const now = handles();
  return HANDLE_KINDS.filter((kind) => (now[kind] ?? 0) > (before[kind] ?? 0));
}

/** Client sockets see the server's FIN a moment after close; poll briefly. */
async function settledLeaks(before: Record<string, number>): Promise<string[]> {
  for (let i = 0; i < 50 && leaked(before).length > 0; i += 1) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  return leaked(before);
}

describe('close()', () => {
  it('leaves no server, socket or timer behind, even with a hung request', async () => {
    const before = handles();
    const emu = await startEmulator({
      faults: { dropAfterCommitRate: 1, dropMode: 'hang', hangMs: 60_000, latencyMs: 0 },
    });
    const headers = { 'X-API-KEY': 'sk_test_demo', 'Content-Type': 'application/json' };
    const hung = fetch(`${emu.baseUrl}/organizations`, {
      method: 'POST',
      headers,
      body: JSON.stringify(orgBody(1)),
    }).catch((error: unknown) => error);
    const slow = await startEmulator({ faults: { latencyMs: 60_000 } });
    const waiting = fetch(`${slow.baseUrl}/users`, { headers }).catch(
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all([emu.close(), slow.close()]);
    expect(await hung).toBeInstanceOf(Error);
    expect(await waiting).toBeInstanceOf(Error);
    expect(await settledLeaks(before)).toEqual([]);
  });

  it('can be called twice', async () => {
    const emu = await startEmulator();
    await Promise.all([emu.close(), emu.close()]);
    await emu.close();
  });

  it('rejects with EADDRINUSE when the port is taken, leaving nothing open', async () => {
    const emu = await startEmulator();
    const port = Number(new URL(emu.url).port);
    await expect(startEmulator({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await emu.close();
  });

  it('rejects invalid options naming the option', async () => {
    await expect(startEmulator({ port: -1 })).rejects.toThrow(
      'port must be an integer from 0 to 65535; got -1',
    );
    await expect(
      startEmulator({
        partners: [
          { id: 'a', keys: ['k'] },
          { id: 'b', keys: ['k'] },
        ],
      }),
    ).rejects.toThrow(
      'partners[1].keys[0] is the same key as partners[0].keys[0]; every key must be distinct',
    );
  });
});
