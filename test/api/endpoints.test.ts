import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, PartnerApiClient } from '../../src/api/index.js';
import { CASES } from './support/endpoint-cases.js';
import { BASE_PATH, reply, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

const API_KEY = 'sk_live_endpointsTestKey01';

let server: TestServer;
let client: PartnerApiClient;

beforeAll(async () => {
  server = await startTestServer();
  client = new PartnerApiClient({ baseUrl: server.baseUrl, apiKey: API_KEY });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

beforeEach(() => {
  server.requests.length = 0;
});

describe('every endpoint', () => {
  it.each(CASES)('$name sends $method $url and resolves with the answer', async (c) => {
    server.handle((_request, response) => reply(response, c.status, c.answer));

    const result = await c.call(client);

    expect(result).toStrictEqual(c.expected);
    expect(server.requests).toHaveLength(1);
    const [sent] = server.requests;
    expect({ method: sent!.method, url: sent!.url }).toStrictEqual({
      method: c.method,
      url: BASE_PATH + c.url,
    });
    expect(sent!.body === '' ? undefined : JSON.parse(sent!.body)).toStrictEqual(
      c.sentBody,
    );
  });

  it.each(CASES)('$name sends the key, Accept and User-Agent headers', async (c) => {
    server.handle((_request, response) => reply(response, c.status, c.answer));

    await c.call(client);

    const { headers } = server.requests[0]!;
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
