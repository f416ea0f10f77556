import { describe, expect, it } from 'vitest';
import { MODES, failure, startContract } from './support.js';

describe.each(MODES)('partner links, %s mode', (mode) => {
  it('sends a pending invite; the user appears only once accepted', async () => {
    const { acme, control } = await startContract(mode);
    const link = await acme.createPartnerLink({
      email: 'owner@harborcafe.example',
      external_id: 'crm-5003',
    });
    expect(link).toEqual({
      id: link.id,
      email: 'owner@harborcafe.example',
      external_id: 'crm-5003',
      status: 'pending',
    });
    expect(await acme.listUsers()).toEqual([]);
    await control('POST', `/partner-links/${link.id}/accept`);
    const user = await acme.getUser('crm-5003');
    expect([user.email, user.organizations]).toEqual(['owner@harborcafe.example', []]);
  });

  it('answers 422 for a taken external_id and a bad email', async () => {
    const { acme } = await startContract(mode);
    await acme.createPartnerLink({ email: 'a@example.com', external_id: 'crm-1' });
    const error = await failure(() =>
      acme.createPartnerLink({ email: 'nope', external_id: 'crm-1' }),
    );
    expect(error.kind === 'validation' && error.fieldErrors).toEqual({
      email: ['The email field must be a valid email address.'],
      external_id: ['The external_id has already been taken.'],
    });
  });
});
