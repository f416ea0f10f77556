import { describe, expect, it } from 'vitest';
import { useClientFixture } from './support/client-fixture.js';
import { DEFAULT_USER_AGENT } from '../../src/api/index.js';
import { CASES } from './support/endpoint-cases.js';
import { BASE_PATH, reply } from './support/test-server.js';

const API_KEY = 'sk_live_endpointsTestKey01';

const fx = useClientFixture({ apiKey: API_KEY });

describe('every endpoint', () => {
  it.each(CASES)('$name sends $method $url and resolves with the answer', async (c) => {
    fx.server.handle((_request, response) => reply(response, c.status, c.answer));

    const result = await c.call(fx.client);

    expect(result).toStrictEqual(c.expected);
    expect(fx.server.requests).toHaveLength(1);
    const [sent] = fx.server.requests;
    expect({ method: sent!.method, url: sent!.url }).toStrictEqual({
      method: c.method,
      url: BASE_PATH + c.url,
    });
    expect(sent!.body === '' ? undefined : JSON.parse(sent!.body)).toStrictEqual(
      c.sentBody,
    );
  });

  it.each(CASES)('$name sends the key, Accept and User-Agent headers', async (c) => {
    fx.server.handle((_request, response) => reply(response, c.status, c.answer));

    await c.call(fx.client);

    const { headers } = fx.server.requests[0]!;
    expect(headers['x-api-key']).toBe(API_KEY);
    expect(headers.accept).toBe('application/json');
    expect(headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    const contentType = c.sentBody === undefined ? undefined : 'application/json';
    expect(headers['content-type']).toBe(contentType);
  });

  it('covers all 19 endpoints of the reference', () => {
    const endpoints = new Set(CASES.map((c) => `${c.method} ${c.url.split('?')[0]}`));
    expect(endpoints.size).toBe(19);
  });
});
