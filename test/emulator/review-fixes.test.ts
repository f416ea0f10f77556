import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DEMO_KEY, createOrg, orgBody, startTest } from './support.js';
import type { TestEmulator } from './support.js';

/** Sends a request with its target exactly as given (fetch would normalise `%2E`). */
function rawGet(
  t: TestEmulator,
  method: string,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(t.emu.url);
    const headers = { 'X-API-KEY': DEMO_KEY };
    const req = request({ hostname, port, path, method, headers });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const DOT_MESSAGE = (field: string): string =>
  `The ${field} field must not be "." or "..".`;

describe('external ids "." and ".." (U17)', () => {
  it('are refused with 422 for users, owners and partner links', async () => {
    const t = await startTest();
    const org = await createOrg(t, 1);
    const user = await t.api('POST', '/users', {
      external_id: '.',
      email: 'u@x.io',
      organization_id: org,
    });
    expect([user.status, user.body.errors]).toEqual([
      422,
      { external_id: [DOT_MESSAGE('external_id')] },
    ]);
    const owner = await t.api('POST', '/organizations', {
      ...orgBody(2),
      owner: { external_id: '..', email: 'o@x.io' },
    });
    expect(owner.body.errors).toEqual({
      'owner.external_id': [DOT_MESSAGE('owner.external_id')],
    });
    const link = await t.api('POST', '/partner-links', {
      external_id: '..',
      email: 'l@x.io',
    });
    expect(link.body.errors).toEqual({ external_id: [DOT_MESSAGE('external_id')] });
  });

  it('routes on raw segments: GET /users/%2E looks up "." (404), never the list', async () => {
    const t = await startTest();
    await createOrg(t, 1);
    const encoded = await rawGet(t, 'GET', '/api/v1/users/%2E');
    expect([encoded.status, JSON.parse(encoded.body)]).toEqual([
      404,
      { message: 'Not found.' },
    ]);
    const dots = await rawGet(t, 'GET', '/api/v1/users/..');
    expect(dots.status).toBe(404);
    const escape = await rawGet(t, 'GET', '/api/v1/../_emulator/state');
    expect(escape.status).toBe(404);
  });
});

describe('request log redaction', () => {
  it('never shows a configured or control-added key in the logged path or query', async () => {
    const t = await startTest();
    await t.control('POST', '/keys', { partner: 'demo', key: 'sk_added/+=' });
    await t.api('GET', `/users?api_key=${DEMO_KEY}&x=1`);
    await t.api('GET', `/users/${DEMO_KEY}`);
    await t.api('GET', `/users?k=${encodeURIComponent('sk_added/+=')}`);
    const log = (await t.control('GET', '/requests')).body.requests as {
      path: string;
      query: string;
    }[];
    expect(log.map((e) => [e.path, e.query])).toEqual([
      ['/api/v1/users', 'api_key=[REDACTED]&x=1'],
      ['/api/v1/users/[REDACTED]', ''],
      ['/api/v1/users', 'k=[REDACTED]'],
    ]);
  });
});

describe('PUT /_emulator/faults perKey labels', () => {
  it('refuses an unknown label with 422 listing the known labels, never echoing a raw key', async () => {
    const t = await startTest();
    const raw = await t.control('PUT', '/faults', {
      perKey: { [DEMO_KEY]: { errorRate: 1 } },
    });
    expect([raw.status, raw.body.message]).toEqual([
      422,
      'perKey has settings for an unknown label of 12 characters, which no key has; use a key label (known labels: demo#1)',
    ]);
    const typo = await t.control('PUT', '/faults', {
      perKey: { 'demo#9': { errorRate: 1 } },
    });
    expect(typo.body.message).toBe(
      'perKey has settings for "demo#9", which no key has; use a key label (known labels: demo#1)',
    );
    expect((await t.control('GET', '/faults')).body.perKey).toEqual({});
  });
});

describe('drop-after-commit on a refused write', () => {
  it('answers the refusal normally, logs fault none and counts no drop', async () => {
    const t = await startTest({ faults: { dropAfterCommitRate: 1 } });
    const refused = await t.api('POST', '/organizations', { name: '' });
    expect(refused.status).toBe(422);
    const log = (await t.control('GET', '/requests')).body.requests;
    expect(log[0]).toMatchObject({ method: 'POST', status: 422, fault: 'none' });
    const counters = (await t.control('GET', '/counters')).body;
    expect(counters.faults).toEqual({
      none: 1,
      error: 0,
      reset: 0,
      'drop-after-commit': 0,
    });
  });
});

describe('area codes', () => {
  it.each([
    ['800', 'toll-free'],
    ['888', 'toll-free'],
    ['900', 'premium'],
  ])('refuses %s (%s) as non-geographic', async (areaCode) => {
    const t = await startTest();
    const org = await createOrg(t, 1);
    const res = await t.api('POST', '/locations', {
      organization_id: org,
      name: 'A',
      area_code: areaCode,
    });
    expect(res.body.errors).toEqual({
      area_code: [
        `The area_code field must be a geographic area code; ${areaCode} is toll-free or premium.`,
      ],
    });
  });
});

describe('HEAD', () => {
  it('answers a GET route with its status and headers, without a body', async () => {
    const t = await startTest();
    await createOrg(t, 1);
    const get = await rawGet(t, 'GET', '/api/v1/organizations');
    const head = await rawGet(t, 'HEAD', '/api/v1/organizations');
    expect([head.status, head.body]).toEqual([200, '']);
    expect(head.headers['content-type']).toBe('application/json');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.body)));
  });
});
