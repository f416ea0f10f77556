import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SeedError, loadSeedFile, startEmulator } from '../../src/emulator/index.js';
import type { SeedDocument } from '../../src/emulator/index.js';
import { startTest, pluck } from './support.js';

const SEED: SeedDocument = {
  partners: [{ id: 'acme', name: 'Acme', keys: ['sk_acme'] }],
  organizations: [
    {
      partner: 'acme',
      name: 'Bayside',
      description: 'd',
      owner: { external_id: 'crm-1', email: 'o@x.io', name: 'Dana' },
      users: [{ external_id: 'crm-2', email: 'u@x.io', role: 'manager' }],
      locations: [
        { name: 'Harbor', phone_number: '+14155550123' },
        { name: 'Hill', area_code: '212', status: 'pending' },
        { name: 'Plain' },
      ],
    },
    {
      partner: 'acme',
      name: 'Second',
      owner: { external_id: 'crm-2', email: 'u@x.io' },
    },
  ],
};

describe('seed documents', () => {
  it('preloads partners, organizations, members and locations', async () => {
    const t = await startTest({ seed: SEED });
    const orgs = (await t.api('GET', '/organizations', undefined, 'sk_acme')).body;
    expect(pluck(orgs, 'name')).toEqual(['Bayside', 'Second']);
    expect(pluck(orgs[0].users, 'external_id')).toEqual(['crm-1', 'crm-2']);
    expect(pluck(orgs[1].users[0].organizations, 'role')).toEqual(['manager', 'owner']);
    const [harbor, hill, plain] = orgs[0].phone_numbers;
    expect(harbor).toMatchObject({ phone_number: '+14155550123', status: 'active' });
    expect(hill).toMatchObject({ phone_number: null, status: 'pending' });
    expect(plain).toMatchObject({ phone_number: null, status: 'pending' });
    const activated = await t.control('POST', '/locations/activate');
    expect(activated.body).toEqual({ activated: 1 });
    const now = (await t.api('GET', `/locations/${hill.id}`, undefined, 'sk_acme')).body;
    expect(now.phone_number).toMatch(/^\+1212[2-9]\d{6}$/);
  });

  it('seeds through the control endpoint and answers the counts', async () => {
    const t = await startTest();
    const res = await t.control('POST', '/seed', SEED);
    expect([res.status, res.body]).toEqual([
      200,
      { partners: 1, organizations: 2, users: 2, locations: 3 },
    ]);
  });

  it('reports every problem with its JSON path and loads nothing', async () => {
    const t = await startTest();
    const res = await t.control('POST', '/seed', {
      organizations: [
        { name: 'A', owner: { external_id: 'a', email: 'a@x.io' } },
        {
          name: '',
          owner: { external_id: 'b', email: 'bad' },
          users: [{ external_id: 'c', email: 'c@x.io' }],
        },
        { partner: 'ghost', name: 'G', owner: { external_id: 'g', email: 'g@x.io' } },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      'organizations[1].name: The name field is required.',
      'organizations[1].owner.email: The owner.email field must be a valid email address.',
      'organizations[1].users[0].role: The role field is required.',
    ]);
    const conflict = await t.control('POST', '/seed', {
      organizations: [
        { name: 'A', owner: { external_id: 'a', email: 'a@x.io' } },
        { partner: 'ghost', name: 'G', owner: { external_id: 'g', email: 'g@x.io' } },
        { name: 'B', owner: { external_id: 'a', email: 'other@x.io' } },
      ],
    });
    expect(conflict.body.problems).toEqual([
      'organizations[1].partner: unknown partner "ghost"',
      'organizations[2].owner.external_id: a is used at organizations[0].owner with another email or name',
    ]);
    expect((await t.api('GET', '/organizations')).body).toEqual([]);
  });

  it('loadSeedFile reads a valid file and explains a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-seed-'));
    try {
      const good = join(dir, 'good.json');
      writeFileSync(good, JSON.stringify(SEED));
      expect(loadSeedFile(good)).toEqual(SEED);
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, '{');
      expect(() => loadSeedFile(broken)).toThrow(`seed file ${broken} is not valid JSON`);
      const bad = join(dir, 'bad.json');
      writeFileSync(
        bad,
        JSON.stringify({
          organizations: [
            {
              name: 'x',
              owner: { external_id: 'o', email: 'o@x.io' },
              locations: [{ name: 'L', area_code: '911' }],
            },
          ],
        }),
      );
      expect(() => loadSeedFile(bad)).toThrow(
        'invalid seed document (1 problem):\n  organizations[0].locations[0].area_code: The area_code field must be 3 digits, the first from 2 to 9, and not an N11 code.',
      );
      expect(() => loadSeedFile(join(dir, 'missing.json'))).toThrow(
        /^cannot read seed file/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes startEmulator reject a bad seed with a SeedError', async () => {
    const bad = { organizations: [{ name: 'x' }] } as unknown as SeedDocument;
    await expect(startEmulator({ seed: bad })).rejects.toBeInstanceOf(SeedError);
  });
});
