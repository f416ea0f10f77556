import { describe, expect, it } from 'vitest';
import { DEMO_KEY, createOrg, startTest } from './support.js';

const JSON_HEADERS = { 'X-API-KEY': DEMO_KEY, 'Content-Type': 'application/json' };

describe('request bodies', () => {
  it('answers 400 for unparseable JSON and for JSON that is not an object', async () => {
    const t = await startTest();
    const broken = await t.raw('POST', '/api/v1/organizations', '{"name":', JSON_HEADERS);
    expect(broken.status).toBe(400);
    expect(broken.body.message).toMatch(/^The request body is not valid JSON: .+/);
    const array = await t.raw('POST', '/api/v1/organizations', '[1]', JSON_HEADERS);
    expect([array.status, array.body]).toEqual([
      400,
      {
        message:
          'The request body is not valid JSON: expected a JSON object, got an array',
      },
    ]);
    const nul = await t.raw(
      'PATCH',
      '/api/v1/organizations/1000001',
      'null',
      JSON_HEADERS,
    );
    expect(nul.body.message).toBe(
      'The request body is not valid JSON: expected a JSON object, got null',
    );
  });

  it('answers 413 for a body over 1 MiB and keeps serving', async () => {
    const t = await startTest();
    const big = JSON.stringify({ name: 'x'.repeat(1_048_576) });
    const res = await t.raw('POST', '/api/v1/organizations', big, JSON_HEADERS);
    expect([res.status, res.body]).toEqual([
      413,
      { message: 'The request body is too large: the limit is 1048576 bytes.' },
    ]);
    expect((await t.api('GET', '/organizations')).status).toBe(200);
  });
});

describe('routing', () => {
  it('answers 404 {"message":"Not found."} for unknown paths, with or without a key', async () => {
    const t = await startTest();
    for (const path of [
      '/api/v1/nope',
      '/api/v2/organizations',
      '/',
      '/api/v1/users/a/b/c',
    ]) {
      const res = await t.raw('GET', path, undefined, {});
      expect([path, res.status, res.body]).toEqual([
        path,
        404,
        { message: 'Not found.' },
      ]);
      expect(res.headers.get('content-type')).toBe('application/json');
    }
  });

  it('answers 405 with an Allow header for a known path and a wrong method', async () => {
    const t = await startTest();
    const res = await t.api('PUT', '/organizations/1000001', {});
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, PATCH, DELETE');
    expect((await t.api('DELETE', '/partner-links')).headers.get('allow')).toBe('POST');
  });

  it('ignores one trailing slash', async () => {
    const t = await startTest();
    expect((await t.api('GET', '/organizations/')).status).toBe(200);
  });
});

describe('headers', () => {
  it('sends Content-Type application/json on success, error and 204 answers', async () => {
    const t = await startTest();
    const id = await createOrg(t, 1);
    const answers = [
      await t.api('GET', '/organizations'),
      await t.api('GET', '/organizations', undefined, null),
      await t.api('DELETE', `/organizations/${id}`),
    ];
    expect(answers.map((a) => [a.status, a.headers.get('content-type')])).toEqual([
      [200, 'application/json'],
      [401, 'application/json'],
      [204, 'application/json'],
    ]);
  });

  it('adds X-Request-Id in default mode, matching the request log sequence', async () => {
    const t = await startTest();
    const res = await t.api('GET', '/users');
    expect(res.headers.get('x-request-id')).toBe('1');
  });
});

describe('strict mode', () => {
  it('answers only documented fields and headers', async () => {
    const t = await startTest({
      strict: true,
      rateLimit: { ratePerSecond: 100, burst: 100 },
    });
    const res = await t.api('POST', '/organizations', {
      name: 'S',
      description: 'hidden',
      owner: { external_id: 'o', email: 'o@x.io' },
    });
    expect(Object.keys(res.body.organization as object)).toEqual([
      'id',
      'name',
      'created_at',
      'updated_at',
      'users',
      'phone_numbers',
    ]);
    const list = await t.api('GET', '/organizations');
    expect(list.body[0]).not.toHaveProperty('description');
    for (const header of ['x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining']) {
      expect([header, list.headers.get(header)]).toEqual([header, null]);
    }
  });

  it('returns description and rate-limit headers in default mode', async () => {
    const t = await startTest({ rateLimit: { ratePerSecond: 100, burst: 100 } });
    await t.api('POST', '/organizations', {
      name: 'S',
      description: 'shown',
      owner: { external_id: 'o', email: 'o@x.io' },
    });
    const list = await t.api('GET', '/organizations');
    expect(list.body[0].description).toBe('shown');
    expect(list.headers.get('x-ratelimit-limit')).toBe('100');
    expect(list.headers.get('x-ratelimit-remaining')).toBe('98');
  });
});
