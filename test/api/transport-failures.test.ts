import { describe, expect, it } from 'vitest';
import { useClientFixture } from './support/client-fixture.js';
import { NetworkError, PartnerApiClient, TimeoutError } from '../../src/api/index.js';
import { captureFailure } from './support/capture-failure.js';
import { closedPort } from './support/test-server.js';

const API_KEY = 'sk_live_failuresKey04';
const TIMEOUT_MS = 200;
/** Upper bound of a timed-out call on a slow CI machine. */
const TIMEOUT_TOLERANCE_MS = 1500;

const fx = useClientFixture({ apiKey: API_KEY, timeoutMs: TIMEOUT_MS });

describe('timeouts', () => {
  it('fails with a timeout, request sent, when the server never answers', async () => {
    fx.server.handle(() => undefined);
    const startedMs = performance.now();

    const error = await captureFailure(fx.client.listOrganizations());

    const elapsedMs = performance.now() - startedMs;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.kind).toBe('timeout');
    expect(error.requestSent).toBe(true);
    expect(error.status).toBeUndefined();
    expect((error as TimeoutError).timeoutMs).toBe(TIMEOUT_MS);
    expect(error.message).toBe(
      'GET /organizations failed: no complete response within 200 ms (timeoutMs)',
    );
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(elapsedMs).toBeLessThan(TIMEOUT_TOLERANCE_MS);
  });

  it('fails with a timeout when the body stalls after the headers', async () => {
    fx.server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('[{"id": 1');
    });

    const error = await captureFailure(fx.client.listOrganizations());

    expect(error.kind).toBe('timeout');
    expect(error.requestSent).toBe(true);
  });
});

describe('connection failures', () => {
  it('fails with a network error, request not sent, when the connection is refused', async () => {
    const port = await closedPort();
    const refused = new PartnerApiClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: API_KEY,
    });

    const error = await captureFailure(refused.listOrganizations());
    await refused.close();

    expect(error).toBeInstanceOf(NetworkError);
    expect(error.kind).toBe('network');
    expect(error.requestSent).toBe(false);
    expect(error.status).toBeUndefined();
    expect((error as NetworkError).code).toBe('ECONNREFUSED');
    expect(error.message).toBe(
      `GET /organizations failed: network error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    expect(error.cause).toStrictEqual({
      name: 'Error',
      code: 'ECONNREFUSED',
      message: `connect ECONNREFUSED 127.0.0.1:${port}`,
    });
  });

  it('fails with a network error, request sent, when the server resets the connection', async () => {
    fx.server.handle((request) => request.socket.destroy());

    const error = await captureFailure(
      fx.client.createOrganization({
        name: 'X',
        owner: { external_id: 'a', email: 'a@b.c' },
      }),
    );

    expect(error.kind).toBe('network');
    expect(error.requestSent).toBe(true);
    expect((error as NetworkError).code).toBe('UND_ERR_SOCKET');
    expect(error.message).toBe(
      'POST /organizations failed: network error UND_ERR_SOCKET: other side closed',
    );
  });

  it('never retries: a reset request reaches the server exactly once', async () => {
    fx.server.handle((request) => request.socket.destroy());

    await captureFailure(fx.client.listUsers());

    expect(fx.server.requests).toHaveLength(1);
  });

  it('fails with a network error when the connection drops in the middle of the body', async () => {
    fx.server.handle((request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': '100',
      });
      response.write('[{"id": 1', () => request.socket.destroy());
    });

    const error = await captureFailure(fx.client.listOrganizations());

    expect(error.kind).toBe('network');
    expect(error.requestSent).toBe(true);
    expect((error as NetworkError).code).toBe('UND_ERR_SOCKET');
  });

  it('fails with a network error, request not sent, after close()', async () => {
    const closed = new PartnerApiClient({ baseUrl: fx.server.baseUrl, apiKey: API_KEY });
    await closed.close();

    const error = await captureFailure(closed.listOrganizations());

    expect(error.kind).toBe('network');
    expect(error.requestSent).toBe(false);
    expect((error as NetworkError).code).toBe('UND_ERR_DESTROYED');
    expect(fx.server.requests).toHaveLength(0);
  });
});
