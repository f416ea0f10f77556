import { describe, expect, it } from 'vitest';
import { ExitError } from '../../src/cli/errors.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import {
  checkPlanFreshness,
  parsePlan,
  serialisePlan,
} from '../../src/plan/plan-file.js';
import type { Organization } from '../../src/api/types.js';
import { customer, liveLocation, liveOrgs, memory, options, plan } from './support.js';

function scenario() {
  const live = liveOrgs([
    {
      id: 1,
      name: 'a Inc',
      members: [
        { externalId: 'a-owner', role: 'owner' },
        { externalId: 'shared', role: 'user' },
      ],
      locations: [
        liveLocation(10, 'Main', { phone: '+16175550100' }),
        liveLocation(11, 'Old'),
      ],
    },
    { id: 2, name: 'b Inc', members: [{ externalId: 'b-owner', role: 'owner' }] },
    { id: 3, name: 'Stranger', members: [{ externalId: 's', role: 'owner' }] },
  ]);
  const customers = [
    customer('a', {
      users: [{ externalId: 'shared', role: 'manager', email: 'new@example.com' }],
      locations: [
        { name: 'Main', areaCode: '617' },
        { name: 'New', areaCode: '212' },
      ],
    }),
    customer('b', { name: 'B Renamed', users: [{ externalId: 'shared', role: 'user' }] }),
    customer('c', { locations: [{ name: 'Shop', areaCode: '415' }] }),
  ];
  return { live, customers };
}

const mem = memory({
  organizations: { a: 1 },
  lastApplied: { a: { description: null } },
});

function shuffled<T>(items: readonly T[]): T[] {
  // A fixed permutation keeps the test deterministic while changing the order.
  return [...items].reverse();
}

describe('determinism', () => {
  it('gives byte-identical output for the same arguments in another order', () => {
    const { live, customers } = scenario();
    const first = serialisePlan(plan(customers, live, { memory: mem }));
    const reordered = live.map((org) => ({
      ...org,
      users: shuffled(org.users),
      phone_numbers: shuffled(org.phone_numbers),
    }));
    const second = serialisePlan(
      plan(shuffled(customers), shuffled(reordered), { memory: mem }),
    );
    expect(second).toBe(first);
    expect(first.startsWith('{\n  "format": "aa-sync-plan",\n  "version": 1,\n')).toBe(
      true,
    );
    expect(first.endsWith('}\n')).toBe(true);
  });

  it('ignores timestamps, status and the digits of a number beyond its area code', () => {
    const { live, customers } = scenario();
    const before = plan(customers, live, { memory: mem }).fingerprints.live;
    const redialled = live.map((org) => ({
      ...org,
      created_at: '2031-01-01T00:00:00Z',
      updated_at: '2031-01-01T00:00:00Z',
      phone_numbers: org.phone_numbers.map((l) =>
        l.id === 10
          ? { ...l, phone_number: '+16175550999', status: 'pending' as const }
          : l,
      ),
    }));
    expect(plan(customers, redialled, { memory: mem }).fingerprints.live).toBe(before);
    const provisioned = live.map((org) => ({
      ...org,
      phone_numbers: org.phone_numbers.map((l) =>
        l.id === 11
          ? { ...l, phone_number: '+12125550199', status: 'active' as const }
          : l,
      ),
    }));
    expect(plan(customers, provisioned, { memory: mem }).fingerprints.live).not.toBe(
      before,
    );
  });
});

describe('the plan file', () => {
  it('reads back what it wrote, byte for byte', () => {
    const { live, customers } = scenario();
    const written = plan(customers, live, { memory: mem });
    const text = serialisePlan(written);
    expect(parsePlan(text, 'plan.json')).toEqual(written);
    expect(serialisePlan(parsePlan(text, 'plan.json'))).toBe(text);
  });

  const usageError = (text: string): ExitError => {
    try {
      parsePlan(text, 'plan.json');
    } catch (error) {
      if (error instanceof ExitError) return error;
      throw error;
    }
    throw new Error('parsePlan accepted the text');
  };

  it('refuses a plan of a newer version, saying which version it reads', () => {
    const error = usageError('{"format": "aa-sync-plan", "version": 2}');
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).toBe(
      'plan.json is a version 2 plan, written by a newer aa-sync; this aa-sync reads ' +
        'version 1. Upgrade aa-sync, or make the plan again with this one.',
    );
  });

  it('refuses a file that is not a plan', () => {
    expect(usageError('{"hello": 1}').message).toBe(
      'plan.json is not an aa-sync plan: it has no "format": "aa-sync-plan". Pass a file ' +
        'written by `aa-sync plan --out`.',
    );
    expect(usageError('nope').message).toMatch(
      /^plan\.json is not an aa-sync plan: it is not JSON/,
    );
  });

  it('names the JSON path of a hand-edited broken plan', () => {
    const { live, customers } = scenario();
    const broken = JSON.parse(serialisePlan(plan(customers, live, { memory: mem })));
    broken.tenants[0].operations[1].kind = 'create-widget';
    expect(usageError(JSON.stringify(broken)).message).toBe(
      'plan.json is a broken aa-sync plan: $.tenants[0].operations[1].kind should be one of ' +
        '"create-organization", "update-organization", "create-user", "update-user", ' +
        '"set-user-role", "create-location", "update-location", "delete-location", ' +
        '"delete-organization", but is "create-widget". Plans must not be edited by hand; ' +
        'run `aa-sync plan --out` again to make a new one.',
    );
  });

  it('refuses a dependency on an operation the plan does not hold', () => {
    const { live, customers } = scenario();
    const broken = JSON.parse(serialisePlan(plan(customers, live, { memory: mem })));
    broken.tenants[2].operations[1].dependsOn = ['c/organization:crate'];
    expect(usageError(JSON.stringify(broken)).message).toContain(
      '$.tenants[2].operations[1].dependsOn[0] should be the id of an operation, but is ' +
        '"c/organization:crate"',
    );
  });
  it('refuses an organization reference that is not a create-organization', () => {
    const { live, customers } = scenario();
    const broken = JSON.parse(serialisePlan(plan(customers, live, { memory: mem })));
    const other = broken.tenants[0].operations[0].id;
    broken.tenants[2].operations[1].body.organization_id = { ref: other };
    expect(usageError(JSON.stringify(broken)).message).toContain(
      `$.tenants[2].operations[1].body.organization_id.ref should be a create-organization ` +
        `id, but is ${JSON.stringify(other)}`,
    );
  });
});

describe('freshness', () => {
  it('is fresh when the live state did not change', () => {
    const { live, customers } = scenario();
    expect(checkPlanFreshness(plan(customers, live, { memory: mem }), live)).toEqual({
      fresh: true,
    });
  });

  it('detects a renamed organization and a deleted location', () => {
    const { live, customers } = scenario();
    const saved = plan(customers, live, { memory: mem });
    const now: Organization[] = live.map((org) => {
      if (org.id === 1) return { ...org, phone_numbers: org.phone_numbers.slice(0, 1) };
      if (org.id === 2) return { ...org, name: 'Renamed by hand' };
      return org;
    });
    expect(checkPlanFreshness(saved, now)).toEqual({
      fresh: false,
      changed: [
        {
          key: 'a',
          organizationId: 1,
          what: 'organization 1 changed since the plan was made',
        },
        {
          key: 'b',
          organizationId: 2,
          what: 'organization 2 changed since the plan was made',
        },
      ],
      message: [
        'The plan no longer matches the live state:',
        '  - customer "a": organization 1 changed since the plan was made',
        '  - customer "b": organization 2 changed since the plan was made',
        'Run `aa-sync plan` again and review the new plan.',
      ].join('\n'),
    });
  });

  it('detects an organization created by hand for a customer the plan creates', () => {
    const { live, customers } = scenario();
    const saved = plan(customers, live, { memory: mem, options: options() });
    const byHand = liveOrgs([
      { id: 9, name: 'c Inc', members: [{ externalId: 'c-owner', role: 'owner' }] },
    ]);
    const result = checkPlanFreshness(saved, [...live, ...byHand]);
    expect(result.fresh === false && result.changed).toEqual([
      {
        key: 'c',
        organizationId: null,
        what: 'organization 9 now exists for it (made since the plan)',
      },
    ]);
  });

  it('detects a deleted organization', () => {
    const { live, customers } = scenario();
    const saved = plan(customers, live, { memory: mem });
    const result = checkPlanFreshness(
      saved,
      live.filter((org) => org.id !== 2),
    );
    expect(result.fresh === false && result.changed).toEqual([
      { key: 'b', organizationId: 2, what: 'organization 2 no longer exists' },
    ]);
  });
});
