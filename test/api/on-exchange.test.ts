import { describe, expect, it } from 'vitest';
import { useClientFixture } from './support/client-fixture.js';
import { PartnerApiClient } from '../../src/api/index.js';
import type { Exchange } from '../../src/api/index.js';
import { captureFailure } from './support/capture-failure.js';
import { closedPort, reply } from './support/test-server.js';

const API_KEY = 'sk_live_exchangeKey07';

const fx = useClientFixture({ apiKey: API_KEY, timeoutMs: 200 });

/** The events without their durations, which vary; durations are checked apart. */
function withoutDurations(): Omit<Exchange, 'durationMs'>[] {
  return fx.exchanges.map(({ durationMs: _durationMs, ...rest }) => rest);
}

describe('onExchange', () => {
  it('reports a success with its method, path, status and duration', async () => {
    fx.server.handle((_request, response) => reply(response, 200, []));

    await fx.client.listUsers({ organizationId: 42 });

    expect(withoutDurations()).toStrictEqual([
      { method: 'GET', path: '/users?organization_id=42', status: 200 },
    ]);
    expect(fx.exchanges[0]!.durationMs).toBeGreaterThan(0);
    expect(fx.exchanges[0]!.durationMs).toBeLessThan(1000);
  });

  it('reports a failed status with its error kind', async () => {
    fx.server.handle((_request, response) =>
      reply(response, 422, { message: 'Invalid.' }),
    );

    await captureFailure(fx.client.createLocation({ organization_id: 42, name: '' }));

    expect(withoutDurations()).toStrictEqual([
      { method: 'POST', path: '/locations', status: 422, errorKind: 'validation' },
    ]);
  });

  it('reports an invalid 2xx answer with its status and kind', async () => {
    fx.server.handle((_request, response) => reply(response, 200, 'not json'));

    await captureFailure(fx.client.getLocation(5150));

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
    fx.server.handle(() => undefined);

    await captureFailure(fx.client.getOrganization(42));

    expect(withoutDurations()).toStrictEqual([
      { method: 'GET', path: '/organizations/42', errorKind: 'timeout' },
    ]);
    expect(fx.exchanges[0]!.durationMs).toBeGreaterThanOrEqual(195);
    expect(fx.exchanges[0]!.durationMs).toBeLessThan(1500);
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
    fx.server.handle((_request, response) => reply(response, 204));

    await fx.client.deleteOrganization(1);
    await fx.client.deleteOrganization(2);
    await fx.client.deleteUserUnverified('crm-3');

    expect(withoutDurations()).toStrictEqual([
      { method: 'DELETE', path: '/organizations/1', status: 204 },
      { method: 'DELETE', path: '/organizations/2', status: 204 },
      { method: 'DELETE', path: '/users/crm-3', status: 204 },
    ]);
  });

  it('is not called for a call rejected before sending', () => {
    expect(() => fx.client.getOrganization(0)).toThrow(TypeError);
    expect(fx.exchanges).toHaveLength(0);
  });

  it('cannot turn a success into a failure by throwing', async () => {
    const throwing = new PartnerApiClient({
      baseUrl: fx.server.baseUrl,
      apiKey: API_KEY,
      onExchange: () => {
        throw new Error('chart is broken');
      },
    });
    fx.server.handle((_request, response) => reply(response, 200, [{ id: 1 }]));

    const result = await throwing.listLocations();
    await throwing.close();

    expect(result).toStrictEqual([{ id: 1 }]);
  });
});
