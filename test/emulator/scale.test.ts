import { describe, expect, it } from 'vitest';
import type { SeedDocument } from '../../src/emulator/index.js';
import { startTest } from './support.js';

const ORGS = 10_000;

function bigSeed(): SeedDocument {
  return {
    organizations: Array.from({ length: ORGS }, (_, i) => ({
      name: `Org ${i}`,
      owner: { external_id: `owner-${i}`, email: `o${i}@example.com` },
      users: [
        { external_id: `member-${i}`, email: `m${i}@example.com`, role: 'user' as const },
      ],
      locations: [{ name: `Main ${i}`, area_code: '415' }],
    })),
  };
}

describe('scale', () => {
  it('lists 10k organizations with members and numbers in well under a second', async () => {
    const t = await startTest({ seed: bigSeed() });
    await t.api('GET', '/organizations'); // warm-up
    const started = performance.now();
    const res = await t.api('GET', '/organizations');
    const elapsedMs = performance.now() - started;
    expect(res.body).toHaveLength(ORGS);
    expect(res.body[ORGS - 1].users).toHaveLength(2);
    expect(res.body[ORGS - 1].phone_numbers).toHaveLength(1);
    // Generous bound for slow CI machines; N+1 queries would take several seconds.
    expect(elapsedMs).toBeLessThan(1_500);
  });
});
