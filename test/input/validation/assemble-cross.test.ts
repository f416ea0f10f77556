import { describe, expect, it } from 'vitest';
import { assembleCustomers } from '../../../src/input/assemble.js';
import { at, customer, row } from './rows.js';

const FILE = 'export.csv';

describe('assembleCustomers across customers', () => {
  it('rejects both customers that claim one owner, each naming the other', async () => {
    const assembly = await assembleCustomers([
      row(FILE, 2, customer('c1', 'o1')),
      row(FILE, 3, customer('c2', 'o1')),
      row(FILE, 4, customer('c3', 'o3')),
    ]);
    const hint =
      'If these rows are one customer, give every row of it the same customer_id (a row ' +
      'without one is keyed by its owner_external_id); otherwise correct the owner.';

    expect(assembly.customers.map((c) => c.key)).toStrictEqual(['c3']);
    expect(assembly.rejected.map((r) => [r.key, r.problems])).toStrictEqual([
      [
        'c1',
        [
          {
            code: 'owner-claimed',
            ...at(FILE, 2, 'owner_external_id', 'o1'),
            reason:
              'owner_external_id "o1" owns customer "c1" and also customer "c2" (export.csv:3)',
            hint,
          },
        ],
      ],
      [
        'c2',
        [
          {
            code: 'owner-claimed',
            ...at(FILE, 3, 'owner_external_id', 'o1'),
            reason:
              'owner_external_id "o1" owns customer "c2" and also customer "c1" (export.csv:2)',
            hint,
          },
        ],
      ],
    ]);
  });

  it('keys a row by customer_id, else by owner: mixing both splits one customer in two', async () => {
    const assembly = await assembleCustomers([
      row(FILE, 2, customer('c1', 'o1')),
      row(FILE, 3, { ...customer('c1', 'o1'), customer_id: undefined }),
      row(FILE, 4, { ...customer('c2', 'o2'), customer_id: undefined }),
    ]);

    expect(assembly.customers.map((c) => [c.key, c.keySource])).toStrictEqual([
      ['o2', 'owner_external_id'],
    ]);
    expect(
      assembly.rejected.map((r) => [r.key, r.problems.map((p) => p.code)]),
    ).toStrictEqual([
      ['c1', ['owner-claimed']],
      ['o1', ['owner-claimed']],
    ]);
  });

  it('rejects both customers that give one google place id, each naming the other', async () => {
    const assembly = await assembleCustomers([
      row(FILE, 2, {
        ...customer('c1', 'o1'),
        location_name: 'A',
        location_google_place_id: 'P1',
      }),
      row(FILE, 3, {
        ...customer('c2', 'o2'),
        location_name: 'B',
        location_google_place_id: 'P1',
      }),
    ]);
    const hint =
      'A place belongs to one customer: correct the place id of the wrong location.';

    expect(assembly.problems).toStrictEqual([
      {
        code: 'place-id-shared',
        ...at(FILE, 2, 'location_google_place_id', 'P1'),
        reason:
          'location_google_place_id "P1" of customer "c1" is also given for customer "c2" (export.csv:3)',
        hint,
      },
      {
        code: 'place-id-shared',
        ...at(FILE, 3, 'location_google_place_id', 'P1'),
        reason:
          'location_google_place_id "P1" of customer "c2" is also given for customer "c1" (export.csv:2)',
        hint,
      },
    ]);
    expect(assembly.counts).toStrictEqual({
      records: 2,
      rows: 2,
      customers: 2,
      accepted: 0,
      rejected: 2,
      rejectedRecords: 2,
    });
  });

  it('accepts one user in two customers when email and name agree', async () => {
    const user = { user_external_id: 'u1', user_email: 'kim@x.co', user_name: 'Kim' };
    const assembly = await assembleCustomers([
      row(FILE, 2, { ...customer('c1', 'o1'), ...user, user_role: 'manager' }),
      row(FILE, 3, { ...customer('c2', 'o2'), ...user, user_name: undefined }),
    ]);

    expect(assembly.rejected).toStrictEqual([]);
    expect(
      assembly.customers.map((c) => c.users.map((u) => [u.externalId, u.role])),
    ).toStrictEqual([[['u1', 'manager']], [['u1', 'user']]]);
  });

  it('rejects both customers when one user has two emails, each naming the other', async () => {
    const assembly = await assembleCustomers([
      row(FILE, 2, {
        ...customer('c1', 'o1'),
        user_external_id: 'u1',
        user_email: 'kim@x.co',
      }),
      row(FILE, 3, {
        ...customer('c2', 'o2'),
        user_external_id: 'u1',
        user_email: 'kim@y.co',
      }),
    ]);
    const hint =
      'One external id is one person with one email and one name: write the same values ' +
      'in every customer the person belongs to.';

    expect(assembly.problems).toStrictEqual([
      {
        code: 'conflicting-value',
        ...at(FILE, 2, 'user_email', 'kim@x.co'),
        reason:
          'user_email "kim@x.co" of "u1" in customer "c1" differs from user_email "kim@y.co" ' +
          'of the same person in customer "c2" (export.csv:3)',
        hint,
      },
      {
        code: 'conflicting-value',
        ...at(FILE, 3, 'user_email', 'kim@y.co'),
        reason:
          'user_email "kim@y.co" of "u1" in customer "c2" differs from user_email "kim@x.co" ' +
          'of the same person in customer "c1" (export.csv:2)',
        hint,
      },
    ]);
  });

  it("compares a customer's owner with the same person as a user of another customer", async () => {
    const assembly = await assembleCustomers([
      row(FILE, 2, { ...customer('c1', 'o1'), owner_name: 'Dana' }),
      row(FILE, 3, {
        ...customer('c2', 'o2'),
        user_external_id: 'o1',
        user_email: 'o1@example.com',
        user_name: 'Dee',
      }),
      row(FILE, 4, {
        ...customer('c3', 'o3'),
        user_external_id: 'o1',
        user_email: 'o1@example.com',
      }),
    ]);

    expect(assembly.customers.map((c) => c.key)).toStrictEqual(['c3']);
    expect(assembly.problems.map((p) => [p.line, p.reason])).toStrictEqual([
      [
        2,
        'owner_name "Dana" of "o1" in customer "c1" differs from user_name "Dee" of the ' +
          'same person in customer "c2" (export.csv:3)',
      ],
      [
        3,
        'user_name "Dee" of "o1" in customer "c2" differs from owner_name "Dana" of the ' +
          'same person in customer "c1" (export.csv:2)',
      ],
    ]);
  });

  it('still checks a customer rejected for its own problems against the others', async () => {
    const assembly = await assembleCustomers([
      row(FILE, 2, {
        ...customer('c1', 'o1'),
        location_name: 'A',
        location_area_code: '911',
      }),
      row(FILE, 3, customer('c2', 'o1')),
    ]);

    expect(
      assembly.rejected.map((r) => [r.key, r.problems.map((p) => p.code)]),
    ).toStrictEqual([
      ['c1', ['area-code', 'owner-claimed']],
      ['c2', ['owner-claimed']],
    ]);
  });
});
