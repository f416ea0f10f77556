import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PartnerApiClient } from '../../src/api/index.js';
import type { Exchange } from '../../src/api/index.js';
import { captureFailure } from './support/capture-failure.js';
import { closedPort, reply, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

const API_KEY = 'sk_live_exchangeKey07';

let server: TestServer;
let client: PartnerApiClient;
const exchanges: Exchange[] = [];

beforeAll(async () => {
  server = await startTestServer();
  client = new PartnerApiClient({
    baseUrl: server.baseUrl,
    apiKey: API_KEY,
    timeoutMs: 200,
    onExchange: (exchange) => exchanges.push(exchange),
  });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

beforeEach(() => {
  exchanges.length = 0;
});

/** The events without their durations, which vary; durations are checked apart. */
function withoutDurations(): Omit<Exchange, 'durationMs'>[] {
  return exchanges.map(({ durationMs: _durationMs, ...rest }) => rest);
}

describe('onExchange', () => {
  it('reports a success with its method, path, status and duration', async () => {
    server.handle((_request, response) => reply(response, 200, []));

    await client.listUsers({ organizationId: 42 });

    expect(withoutDurations()).toStrictEqual([
      { method: 'GET', path: '/users?organization_id=42', status: 200 },
    ]);
    expect(exchanges[0]!.durationMs).toBeGreaterThan(0);
    expect(exchanges[0]!.durationMs).toBeLessThan(1000);
  });

  it('reports a failed status with its error kind', async () => {
    server.handle((_request, response) => reply(response, 422, { message: 'Invalid.' }));

    await captureFailure(client.createLocation({ organization_id: 42, name: '' }));

    expect(withoutDurations()).toStrictEqual([
      { method: 'POST', path: '/locations', status: 422, errorKind: 'validation' },
    ]);
  });

  it('reports an invalid 2xx answer with its status and kind', async () => {
    server.handle((_request, response) => reply(response, 200, 'not json'));

    await captureFailure(client.getLocation(5150));

    expect(withoutDurations()).toStrictEqual([
      {
        method: 'GET',
        path: '/locations/5150',
        status: 200,
        errorKind: 'invalid-response',
      },
    ]);
  });

  it('reports a timeout without a status, after about timeoutMs', async () => {
    server.handle(() => undefined);

    await captureFailure(client.getOrganization(42));

    expect(withoutDurations()).toStrictEqual([
      { method: 'GET', path: '/organizations/42', errorKind: 'timeout' },
    ]);
    expect(exchanges[0]!.durationMs).toBeGreaterThanOrEqual(195);
    expect(exchanges[0]!.durationMs).toBeLessThan(1500);
  });

  it('reports a refused connection without a status', async () => {
    const seen: Exchange[] = [];
    const port = await closedPort();
    const refused = new PartnerApiClient({
      baseUrl: `http://127.0.0.1:${port}/api/v1`,
      apiKey: API_KEY,
      onExchange: (exchange) => seen.push(exchange),
    });

    await captureFailure(refused.deleteLocation(9));
    await refused.close();

    expect(seen.map(({ durationMs: _d, ...rest }) => rest)).toStrictEqual([
      { method: 'DELETE', path: '/locations/9', errorKind: 'network' },
    ]);
  });

  it('is called once per request, in completion order', async () => {
    server.handle((_request, response) => reply(response, 204));

    await client.deleteOrganization(1);
    await client.deleteOrganization(2);
    await client.deleteUserUnverified('crm-3');

    expect(withoutDurations()).toStrictEqual([
      { method: 'DELETE', path: '/organizations/1', status: 204 },
      { method: 'DELETE', path: '/organizations/2', status: 204 },
      { method: 'DELETE', path: '/users/crm-3', status: 204 },
    ]);
  });

  it('is not called for a call rejected before sending', () => {
    expect(() => client.getOrganization(0)).toThrow(TypeError);
    expect(exchanges).toHaveLength(0);
  });

  it('cannot turn a success into a failure by throwing', async () => {
    const throwing = new PartnerApiClient({
      baseUrl: server.baseUrl,
      apiKey: API_KEY,
      onExchange: () => {
        throw new Error('chart is broken');
      },
    });
    server.handle((_request, response) => reply(response, 200, [{ id: 1 }]));

    const result = await throwing.listLocations();
    await throwing.close();

    expect(result).toStrictEqual([{ id: 1 }]);
  });
});
