import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useClientFixture } from './support/client-fixture.js';
import { ApiErrorKind, PartnerApiClient } from '../../src/api/index.js';
import type { AnyApiError } from '../../src/api/index.js';
import { captureFailure } from './support/capture-failure.js';
import { closedPort, reply } from './support/test-server.js';
import type { Handler } from './support/test-server.js';

const CANARY = 'sk_live_CANARY_7f3e9a1c5b';
/** The canary as a JSON string with every letter escaped, so only a parser sees it. */
const ESCAPED_CANARY = [...CANARY]
  .map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
  .join('');

const fx = useClientFixture({ apiKey: CANARY, timeoutMs: 200 });

/** Every rendering of an error that could end up in a log, report or crash dump. */
function renderings(error: AnyApiError): string[] {
  return [
    JSON.stringify(error),
    inspect(error, { depth: Infinity, showHidden: true }),
    String(error),
    error.message,
    error.stack ?? '',
    JSON.stringify(error.cause ?? null),
    inspect(error.cause, { depth: Infinity, showHidden: true }),
    JSON.stringify(error.body ?? null),
  ];
}

/** A cause, when present, is a plain copy of name, code and message, never the raw error. */
function expectSanitizedCause(error: AnyApiError): void {
  const cause: unknown = error.cause;
  if (cause === undefined) return;
  expect(Object.getPrototypeOf(cause)).toBe(Object.prototype);
  const keys = Object.keys(cause as object);
  expect(keys.every((key) => ['name', 'code', 'message'].includes(key))).toBe(true);
}

const answering =
  (status: number, body: unknown, headers?: Record<string, string>): Handler =>
  (_request, response) =>
    reply(response, status, body, headers);

interface CanaryCase {
  kind: ApiErrorKind;
  handler: Handler;
  call?: (c: PartnerApiClient) => Promise<unknown>;
}

const CASES: CanaryCase[] = [
  { kind: 'unauthorized', handler: answering(401, { message: `Invalid key ${CANARY}` }) },
  {
    kind: 'forbidden',
    handler: answering(403, { message: CANARY, detail: { [CANARY]: [CANARY] } }),
  },
  {
    kind: 'not-found',
    handler: answering(404, `No user ${CANARY}`),
    call: (c) => c.getUser(CANARY),
  },
  {
    kind: 'validation',
    handler: answering(422, {
      message: `Key ${CANARY} rejected`,
      errors: { [`key_${CANARY}`]: [`Must not be ${CANARY}.`] },
    }),
  },
  {
    kind: 'rate-limited',
    handler: answering(429, { message: `Slow down, ${CANARY}` }, { 'Retry-After': '1' }),
  },
  { kind: 'server', handler: answering(500, `Trace: api_key=${CANARY}\n at x`) },
  {
    kind: 'unexpected-status',
    handler: answering(400, `{"message": "bad key ${ESCAPED_CANARY}"}`),
  },
  { kind: 'network', handler: (request) => request.socket.destroy() },
  { kind: 'timeout', handler: () => undefined },
  { kind: 'invalid-response', handler: answering(200, `<p>Hello ${CANARY}</p>`) },
  { kind: 'invalid-response', handler: answering(200, { key: CANARY }) },
];

describe('the API key never leaves the client', () => {
  it.each(CASES)('in a $kind error', async ({ kind, handler, call }) => {
    fx.server.handle(handler);
    fx.exchanges.length = 0;

    const error = await captureFailure(
      (call ?? ((c) => c.listOrganizations()))(fx.client),
    );

    expect(error.kind).toBe(kind);
    for (const text of renderings(error)) expect(text).not.toContain(CANARY);
    expectSanitizedCause(error);
    expect(JSON.stringify(fx.exchanges)).not.toContain(CANARY);
    expect(fx.exchanges).toHaveLength(1);
  });

  it('in a network error for a refused connection', async () => {
    const port = await closedPort();
    const refused = new PartnerApiClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: CANARY,
    });

    const error = await captureFailure(refused.getUser(CANARY));
    await refused.close();

    expect(error.kind).toBe('network');
    for (const text of renderings(error)) expect(text).not.toContain(CANARY);
    expectSanitizedCause(error);
  });

  it('by showing [REDACTED] where the server echoed it', async () => {
    fx.server.handle(answering(401, { message: `Invalid key ${CANARY}` }));

    const error = await captureFailure(fx.client.getUser(CANARY));

    expect(error.message).toBe(
      'GET /users/[REDACTED] failed: 401 Invalid key [REDACTED]',
    );
    expect(error.body).toStrictEqual({ message: 'Invalid key [REDACTED]' });
  });

  it('in the client object itself', () => {
    expect(inspect(fx.client, { depth: Infinity, showHidden: true })).not.toContain(
      CANARY,
    );
    expect(JSON.stringify(fx.client)).toBe(
      `{"baseUrl":"${fx.server.baseUrl}","timeoutMs":200}`,
    );
  });

  it('while still being sent to the server', async () => {
    fx.server.handle(answering(200, []));

    await fx.client.listLocations();

    expect(fx.server.requests.at(-1)!.headers['x-api-key']).toBe(CANARY);
  });

  it('covers every error kind', () => {
    const kinds = new Set<ApiErrorKind>(CASES.map((c) => c.kind));
    expect([...kinds].sort()).toStrictEqual(Object.values(ApiErrorKind).sort());
  });
});
