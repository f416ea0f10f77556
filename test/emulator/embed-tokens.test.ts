import { describe, expect, it } from 'vitest';
import { createOrg, startTest } from './support.js';
import type { TestEmulator } from './support.js';

function decode(token: string): string {
  return Buffer.from(token, 'base64url').toString('utf8');
}

async function withMember(): Promise<{ t: TestEmulator; token: string; userId: number }> {
  const t = await startTest();
  const org = await createOrg(t, 1);
  const res = await t.api('POST', `/users?organization_id=${org}`, {
    external_id: 'crm-7',
    email: 'e@example.com',
  });
  return { t, token: res.body.embed_token as string, userId: res.body.user.id as number };
}

describe('embed tokens', () => {
  it('encodes "<user id>|<16 alphanumerics>" as unpadded base64url', async () => {
    const { token, userId } = await withMember();
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decode(token)).toMatch(new RegExp(`^${userId}\\|[A-Za-z0-9]{16}$`));
  });

  it('GET returns the token from creation until it is rotated', async () => {
    const { t, token } = await withMember();
    const first = await t.api('GET', '/users/crm-7/embed-token');
    expect([first.status, first.body]).toEqual([
      200,
      { embed_token: token, user_id: 'crm-7' },
    ]);
    expect((await t.api('GET', '/users/crm-7/embed-token')).body.embed_token).toBe(token);
  });

  it('POST rotates with 200 and a message; the old token is no longer returned', async () => {
    const { t, token } = await withMember();
    const res = await t.api('POST', '/users/crm-7/embed-token');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      embed_token: expect.any(String),
      user_id: 'crm-7',
      message: 'New embed token generated successfully',
    });
    expect(res.body.embed_token).not.toBe(token);
    expect((await t.api('GET', '/users/crm-7/embed-token')).body.embed_token).toBe(
      res.body.embed_token,
    );
  });

  it('DELETE invalidates with 200; the next GET issues a fresh token (U14)', async () => {
    const { t, token } = await withMember();
    const res = await t.api('DELETE', '/users/crm-7/embed-token');
    expect([res.status, res.body]).toEqual([
      200,
      { user_id: 'crm-7', message: 'Embed token invalidated successfully' },
    ]);
    const fresh = (await t.api('GET', '/users/crm-7/embed-token')).body.embed_token;
    expect(fresh).not.toBe(token);
    expect((await t.api('GET', '/users/crm-7/embed-token')).body.embed_token).toBe(fresh);
  });

  it('answers 404 for an unknown user on all three endpoints', async () => {
    const { t } = await withMember();
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await t.api(method, '/users/nobody/embed-token');
      expect([method, res.status, res.body]).toEqual([
        method,
        404,
        { message: 'Not found.' },
      ]);
    }
  });

  it('answers 403 on all three endpoints when embedding is disabled for the partner (U16)', async () => {
    const { t } = await withMember();
    const off = await t.control('PUT', '/partners/demo/embed', { enabled: false });
    expect(off.body).toEqual({ partner: 'demo', embedEnabled: false });
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await t.api(method, '/users/crm-7/embed-token');
      expect([method, res.status, res.body]).toEqual([
        method,
        403,
        { message: 'Dashboard embedding is not enabled for this partner account.' },
      ]);
    }
    await t.control('PUT', '/partners/demo/embed', { enabled: true });
    expect((await t.api('GET', '/users/crm-7/embed-token')).status).toBe(200);
  });

  it('starts a partner configured with embedEnabled false answering 403', async () => {
    const t = await startTest({
      partners: [{ id: 'p', keys: ['k'], embedEnabled: false }],
    });
    await createOrg(t, 1, 'k');
    expect(
      (await t.api('GET', '/users/owner-1/embed-token', undefined, 'k')).status,
    ).toBe(403);
  });
});
