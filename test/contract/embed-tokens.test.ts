import { describe, expect, it } from 'vitest';
import { MODES, failure, newOrganization, startContract } from './support.js';

describe.each(MODES)('embed tokens, %s mode', (mode) => {
  it('reads the current token, rotates it and invalidates it', async () => {
    const { acme } = await startContract(mode);
    await acme.createOrganization(newOrganization(1));
    const current = await acme.getEmbedToken('crm-1');
    expect(current.user_id).toBe('crm-1');
    expect((await acme.getEmbedToken('crm-1')).embed_token).toBe(current.embed_token);

    const rotated = await acme.generateEmbedToken('crm-1');
    expect(rotated.user_id).toBe('crm-1');
    expect(rotated.message).toBe('New embed token generated successfully');
    expect(rotated.embed_token).not.toBe(current.embed_token);

    expect(await acme.invalidateEmbedToken('crm-1')).toEqual({
      user_id: 'crm-1',
      message: 'Embed token invalidated successfully',
    });
    const fresh = await acme.getEmbedToken('crm-1');
    expect([rotated.embed_token, current.embed_token]).not.toContain(fresh.embed_token);
  });

  it('shapes a token as base64url of "<user id>|<16 alphanumerics>"', async () => {
    const { acme } = await startContract(mode);
    const { owner } = await acme.createOrganization(newOrganization(1));
    const { embed_token } = await acme.getEmbedToken('crm-1');
    const decoded = Buffer.from(embed_token, 'base64url').toString('utf8');
    expect(decoded).toMatch(new RegExp(`^${owner.id}\\|[A-Za-z0-9]{16}$`));
    expect(embed_token).not.toContain('=');
  });

  it('answers 404 for an unknown user and 403 when embedding is off for the partner', async () => {
    const { acme, control } = await startContract(mode);
    await acme.createOrganization(newOrganization(1));
    expect((await failure(() => acme.getEmbedToken('nobody'))).status).toBe(404);
    await control('PUT', '/partners/acme/embed', { enabled: false });
    for (const call of [
      () => acme.getEmbedToken('crm-1'),
      () => acme.generateEmbedToken('crm-1'),
      () => acme.invalidateEmbedToken('crm-1'),
    ]) {
      const error = await failure(call);
      expect([error.kind, error.status]).toEqual(['forbidden', 403]);
    }
  });
});
