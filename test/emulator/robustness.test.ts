import { connect } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { orgBody, startTest } from './support.js';
import type { TestEmulator } from './support.js';

/** Sends raw bytes on a fresh connection; resolves with whatever came back. */
async function rawExchange(
  t: TestEmulator,
  payload: string,
  hangUp: boolean,
): Promise<string> {
  const url = new URL(t.emu.url);
  const socket = connect(Number(url.port), url.hostname);
  await once(socket, 'connect');
  socket.write(payload);
  if (hangUp) {
    socket.destroy();
    return '';
  }
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  await once(socket, 'close');
  return received;
}

describe('robustness', () => {
  it('survives a client that hangs up mid-body and logs the request as aborted', async () => {
    const t = await startTest();
    const head =
      'POST /api/v1/organizations HTTP/1.1\r\nHost: x\r\nX-API-KEY: sk_test_demo\r\n' +
      'Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{"name":';
    await rawExchange(t, head, true);
    const log = await firstLogEntries(t);
    expect(log[0]).toMatchObject({ method: 'POST', status: 'aborted' });
    expect((await t.api('GET', '/organizations')).body).toEqual([]);
  });

  it('answers malformed HTTP with 400 and keeps serving', async () => {
    const t = await startTest();
    const reply = await rawExchange(t, 'NONSENSE\r\n\r\n', false);
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect((await t.api('GET', '/users')).status).toBe(200);
  });

  it('creates exactly one organization when 25 identical creates race', async () => {
    const t = await startTest();
    const results = await Promise.all(
      Array.from({ length: 25 }, () => t.api('POST', '/organizations', orgBody(1))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 422)).toHaveLength(24);
    expect((await t.api('GET', '/organizations')).body).toHaveLength(1);
  });

  it('logs a POST whose client left during a fault delay as aborted, without doing the work', async () => {
    const t = await startTest({ faults: { latencyMs: 100 } });
    const body = JSON.stringify(orgBody(1));
    const head =
      'POST /api/v1/organizations HTTP/1.1\r\nHost: x\r\nX-API-KEY: sk_test_demo\r\n' +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    await rawExchange(t, head, true);
    const log = await firstLogEntries(t);
    expect(log[0]).toMatchObject({ method: 'POST', status: 'aborted' });
    await t.control('PUT', '/faults', {});
    expect((await t.api('GET', '/organizations')).body).toEqual([]);
  });
});

/** Polls the request log until it holds an entry (at most a second). */
async function firstLogEntries(t: TestEmulator): Promise<unknown[]> {
  let log: unknown[] = [];
  for (let i = 0; i < 100 && log.length === 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    log = (await t.control('GET', '/requests')).body.requests;
  }
  return log;
}
