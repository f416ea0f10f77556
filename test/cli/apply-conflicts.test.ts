/**
 * A run whose plan holds conflicts does nothing for those customers and can
 * still end 0, so its end says how many were left for a person, every time:
 * a nightly job that only looked at the exit code would never hear of them.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  PARTNER,
  STATE_DIR,
  runBuilt,
  startApi,
  writeCustomers,
} from './support/apply-cli.js';
import { remember, workDir } from './support/e2e.js';

/** `own-001` holds role owner in two organizations. */
const OWNED_TWICE = {
  organizations: [
    {
      partner: PARTNER,
      name: 'Branch 1',
      owner: { external_id: 'own-001', email: 'o1@shop.example' },
    },
    {
      partner: PARTNER,
      name: 'Branch 2',
      owner: { external_id: 'partner-9', email: 'p9@shop.example' },
      users: [{ external_id: 'own-001', email: 'o1@shop.example', role: 'owner' }],
    },
  ],
};

describe('the end of a run with conflicts', () => {
  it('counts the customers in conflict and where to read why', async () => {
    const api = await startApi();
    const seeded = await api.t.control('POST', '/seed', OWNED_TWICE);
    expect(seeded.status).toBe(200);
    // Customer 001's owner owns both seeded organizations: which one is it?
    writeCustomers(2);
    const applied = await runBuilt(
      ['apply', 'customers.csv', '--yes', '--log-level', 'warn'],
      api.env,
    );
    expect(applied.code).toBe(0);
    expect(applied.stdout.split('\n').slice(1, 3)).toEqual([
      expect.stringMatching(/^Run \S+ completed: 2 operations: 2 succeeded, 0 adopted, /),
      "1 customer in conflict: nothing was done for it until a person decides; the report's " +
        'failures say why and what to do (summary.json: tenants.conflict).',
    ]);
  });

  it("refuses a stranger's organization that took a remembered id and the customer's name", async () => {
    const api = await startApi();
    writeCustomers(1);
    // aa-sync created an organization for customer 001, owner own-001...
    const applied = await runBuilt(['apply', 'customers.csv', '--yes'], api.env);
    expect(applied.code).toBe(0);
    // ...then the state directory meets other data, where the remembered id is a
    // stranger's organization of the same name (a reused emulator port, a backup).
    expect((await api.t.control('POST', '/reset')).status).toBe(200);
    const stranger = {
      organizations: [
        {
          partner: PARTNER,
          name: 'Shop 1',
          owner: { external_id: 'x-999', email: 'x@elsewhere.example' },
        },
      ],
    };
    expect((await api.t.control('POST', '/seed', stranger)).status).toBe(200);
    const listed = await fetch(`${api.t.emu.baseUrl}/organizations`, {
      headers: { 'X-API-KEY': api.env.ANSWERING_AGENT_API_KEY ?? '' },
    });
    const [org] = (await listed.json()) as { id: number }[];
    remember(join(workDir(), STATE_DIR), api.t.emu.baseUrl, { '001': org?.id ?? 0 });
    const planned = await runBuilt(['plan', 'customers.csv', '--quiet'], api.env);
    expect(planned.stdout.split('\n')[0]).toBe(
      'Plan: 0 to create, 0 to update, 0 to delete; 0 unchanged, 0 adopted, 1 conflict, 0 drift.',
    );
  });
});
