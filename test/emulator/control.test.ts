import { describe, expect, it } from 'vitest';
import { DEMO_KEY, createOrg, pluck, startTest } from './support.js';

describe('control endpoints', () => {
  it('need X-Emulator-Token; a partner API key is refused with a message naming the header', async () => {
    const t = await startTest();
    const withKey = await t.raw('GET', '/_emulator/state', undefined, {
      'X-API-KEY': DEMO_KEY,
    });
    expect([withKey.status, withKey.body]).toEqual([
      401,
      {
        message:
          "Control endpoints need the header X-Emulator-Token with the emulator's control token. " +
          'A partner X-API-KEY is not accepted here.',
      },
    ]);
    const wrong = await t.raw('POST', '/_emulator/reset', undefined, {
      'X-Emulator-Token': 'nope',
    });
    expect(wrong.status).toBe(401);
  });

  it('serve GET /_emulator/health without a token', async () => {
    const t = await startTest();
    const res = await t.raw('GET', '/_emulator/health', undefined, {});
    expect([res.status, res.body]).toEqual([200, { ok: true }]);
  });

  it('use the configured control token, or 32 random hex characters', async () => {
    const given = await startTest({ controlToken: 'let-me-in' });
    expect(given.emu.controlToken).toBe('let-me-in');
    const random = await startTest();
    expect(random.emu.controlToken).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reset deletes all data and counters but keeps partners and keys; ids keep growing', async () => {
    const t = await startTest();
    const first = await createOrg(t, 1);
    expect((await t.control('POST', '/reset')).body).toEqual({ ok: true });
    expect((await t.api('GET', '/organizations')).body).toEqual([]);
    expect((await t.control('GET', '/requests')).body.requests).toHaveLength(1);
    expect((await t.control('GET', '/counters')).body.totalRequests).toBe(1);
    expect(await createOrg(t, 1)).toBe(first + 1);
  });

  it('pages the request log with since and limit', async () => {
    const t = await startTest();
    for (let i = 0; i < 5; i += 1) await t.api('GET', `/users?page=${i}`);
    const page = (await t.control('GET', '/requests?since=2&limit=2')).body;
    expect(page.lastSeq).toBe(5);
    expect(
      (page.requests as { seq: number; query: string }[]).map((r) => [r.seq, r.query]),
    ).toEqual([
      [3, 'page=2'],
      [4, 'page=3'],
    ]);
    expect(page.requests[0]).toEqual({
      seq: 3,
      time: '2025-03-02T09:15:00.000Z',
      method: 'GET',
      path: '/api/v1/users',
      query: 'page=2',
      keyLabel: 'demo#1',
      partnerId: 'demo',
      status: 200,
      fault: null,
      durationMs: expect.any(Number),
    });
    expect((await t.control('GET', '/requests?since=x')).status).toBe(422);
  });

  it('keeps only the newest requestLogLimit entries', async () => {
    const t = await startTest({ requestLogLimit: 3 });
    for (let i = 0; i < 5; i += 1) await t.api('GET', '/users');
    const seqs = pluck((await t.control('GET', '/requests')).body.requests, 'seq');
    expect(seqs).toEqual([3, 4, 5]);
  });

  it('counts location creates per organization and name', async () => {
    const t = await startTest();
    const org = await createOrg(t, 1);
    for (const name of ['Main', 'Main', 'Annex']) {
      await t.api('POST', '/locations', { organization_id: org, name });
    }
    const counters = (await t.control('GET', '/counters')).body;
    expect(counters.locationCreates).toEqual({ demo: { [org]: { Main: 2, Annex: 1 } } });
    expect(counters.organizationCreates).toEqual({ demo: { 'owner-1': 1 } });
  });

  it('report the state of every partner as the API lists it', async () => {
    const t = await startTest();
    await createOrg(t, 1);
    await t.api('POST', '/partner-links', { email: 'l@x.io', external_id: 'lk' });
    const state = (await t.control('GET', '/state')).body;
    const demo = state.partners[0];
    expect(demo).toMatchObject({
      id: 'demo',
      name: null,
      embedEnabled: true,
      keys: [{ label: 'demo#1', revoked: false }],
      partnerLinks: [
        { id: 3_000_001, email: 'l@x.io', external_id: 'lk', status: 'pending' },
      ],
    });
    expect(demo.organizations).toEqual((await t.api('GET', '/organizations')).body);
    expect(demo.users).toEqual((await t.api('GET', '/users')).body);
    expect(demo.locations).toEqual([]);
  });

  it('answer 404 for unknown control paths and 405 with Allow for wrong methods', async () => {
    const t = await startTest();
    expect((await t.control('GET', '/nothing')).status).toBe(404);
    const res = await t.control('GET', '/reset');
    expect([res.status, res.headers.get('allow')]).toEqual([405, 'POST']);
  });
});
