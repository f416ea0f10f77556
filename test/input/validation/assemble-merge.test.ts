import { describe, expect, it } from 'vitest';
import { assembleCustomers } from '../../../src/input/assemble.js';
import { at, columnOf, customer, row } from './rows.js';

const FILE = 'export.csv';

describe('assembleCustomers within one customer', () => {
  it('merges a three-row customer into one organization, owner, users and locations', async () => {
    const head = { ...customer('c1', 'o1', 'Bayside Dental'), owner_name: 'Dana Ruiz' };
    const assembly = await assembleCustomers([
      row(FILE, 2, { ...head, location_name: 'Harbor Rd', location_area_code: '415' }),
      row(FILE, 3, {
        ...head,
        location_name: 'Mill Valley',
        location_address: '12 Throckmorton Ave',
        location_google_place_id: 'place-2',
        user_external_id: 'u2',
        user_email: 'lee@example.com',
        user_role: 'Manager',
      }),
      row(FILE, 4, {
        customer_id: 'c1',
        user_external_id: 'u1',
        user_email: 'kim@example.com',
      }),
    ]);

    expect(assembly.customers).toStrictEqual([
      {
        key: 'c1',
        keySource: 'customer_id',
        organization: {
          name: 'Bayside Dental',
          description: null,
          source: { file: FILE, line: 2 },
        },
        owner: {
          externalId: 'o1',
          email: 'o1@example.com',
          name: 'Dana Ruiz',
          source: { file: FILE, line: 2 },
        },
        users: [
          {
            externalId: 'u1',
            email: 'kim@example.com',
            name: null,
            role: 'user',
            source: { file: FILE, line: 4 },
          },
          {
            externalId: 'u2',
            email: 'lee@example.com',
            name: null,
            role: 'manager',
            source: { file: FILE, line: 3 },
          },
        ],
        locations: [
          {
            name: 'Harbor Rd',
            address: null,
            areaCode: '415',
            googlePlaceId: null,
            source: { file: FILE, line: 2 },
          },
          {
            name: 'Mill Valley',
            address: '12 Throckmorton Ave',
            areaCode: null,
            googlePlaceId: 'place-2',
            source: { file: FILE, line: 3 },
          },
        ],
      },
    ]);
    expect(assembly.rejected).toStrictEqual([]);
    expect(assembly.problems).toStrictEqual([]);
    expect(assembly.counts).toStrictEqual({
      records: 3,
      rows: 3,
      customers: 1,
      accepted: 1,
      rejected: 0,
      rejectedRecords: 0,
    });
  });

  it('rejects a customer whose rows give different organization names, naming both', async () => {
    const first = row(FILE, 2, customer('c1', 'o1', 'Bayside Dental'));
    const second = row('more.csv', 9, customer('c1', 'o1', 'Bayside Dental Co'));
    const assembly = await assembleCustomers([second, first]);

    expect(assembly.customers).toStrictEqual([]);
    expect(assembly.rejected).toStrictEqual([
      {
        key: 'c1',
        records: [first.source, second.source],
        problems: [
          {
            code: 'conflicting-value',
            ...at('more.csv', 9, 'org_name', 'Bayside Dental Co'),
            reason:
              'org_name "Bayside Dental Co" (more.csv:9) differs from "Bayside Dental" ' +
              '(export.csv:2) for the same customer "c1"',
            hint: 'Write the same value on every row that gives it, or leave it empty on all rows but one.',
          },
        ],
      },
    ]);
  });

  it('accepts the same location written twice with identical fields', async () => {
    const values = {
      ...customer('c1', 'o1'),
      location_name: 'Harbor Rd',
      location_area_code: '415',
    };
    const assembly = await assembleCustomers([
      row(FILE, 2, values),
      row(FILE, 3, { ...values, location_name: 'Harbor Rd' }),
    ]);

    expect(assembly.rejected).toStrictEqual([]);
    expect(
      assembly.customers[0]?.locations.map((l) => [l.name, l.source.line]),
    ).toStrictEqual([['Harbor Rd', 2]]);
  });

  it('rejects two different locations whose names normalise alike, naming both lines', async () => {
    const assembly = await assembleCustomers([
      row(FILE, 2, {
        ...customer('c1', 'o1'),
        location_name: 'Harbor Rd',
        location_area_code: '415',
      }),
      row(FILE, 5, {
        ...customer('c1', 'o1'),
        location_name: ' harbor  RD',
        location_area_code: '628',
      }),
    ]);

    expect(assembly.problems).toStrictEqual([
      {
        code: 'duplicate-location',
        ...at(FILE, 5, 'location_name', ' harbor  RD'),
        reason:
          'location " harbor  RD" is given twice for customer "c1" with different ' +
          'location_name: " harbor  RD" (export.csv:5) and "Harbor Rd" (export.csv:2)',
        hint: 'Write identical values on every row that repeats the location, or tell them apart by location_name.',
      },
    ]);
  });

  it('rejects one user given twice with different emails, and accepts an identical repeat', async () => {
    const user = {
      user_external_id: 'u1',
      user_email: 'kim@example.com',
      user_role: 'user',
    };
    const assembly = await assembleCustomers([
      row(FILE, 2, { ...customer('c1', 'o1'), ...user }),
      row(FILE, 3, { customer_id: 'c1', ...user, user_role: undefined }),
      row(FILE, 4, { customer_id: 'c1', ...user, user_email: 'kim@other.example' }),
    ]);

    expect(assembly.problems).toStrictEqual([
      {
        code: 'duplicate-user',
        ...at(FILE, 4, 'user_external_id', 'u1'),
        reason:
          'user "u1" is given twice for customer "c1" with different user_email: ' +
          '"kim@other.example" (export.csv:4) and "kim@example.com" (export.csv:2)',
        hint: 'Write identical values on every row that repeats the user, or tell them apart by user_external_id.',
      },
    ]);
  });

  it('takes a user row for the owner as the owner, not as a second user', async () => {
    const assembly = await assembleCustomers([
      row(FILE, 2, {
        customer_id: 'c1',
        user_external_id: 'o1',
        user_email: 'o1@example.com',
        user_role: 'OWNER',
      }),
      row(FILE, 3, {
        ...customer('c1', 'o1'),
        user_external_id: 'u1',
        user_email: 'u1@x.co',
        user_role: 'owner',
      }),
    ]);

    expect(assembly.rejected).toStrictEqual([]);
    expect(assembly.customers[0]?.owner.externalId).toBe('o1');
    expect(assembly.customers[0]?.users.map((u) => [u.externalId, u.role])).toStrictEqual(
      [['u1', 'owner']],
    );
  });

  it('rejects a user row for the owner with another role, email or name', async () => {
    const assembly = await assembleCustomers([
      row(FILE, 2, { ...customer('c1', 'o1'), owner_name: 'Dana Ruiz' }),
      row(FILE, 3, {
        customer_id: 'c1',
        user_external_id: 'o1',
        user_email: 'dana@example.com',
        user_name: 'Dana R.',
        user_role: 'manager',
      }),
    ]);

    expect(assembly.problems.map((p) => [p.code, p.column, p.reason])).toStrictEqual([
      [
        'owner-role',
        columnOf('user_role'),
        'user "o1" is the owner of customer "c1", so its user_role must be owner or empty',
      ],
      [
        'conflicting-value',
        columnOf('user_email'),
        'user_email "dana@example.com" (export.csv:3) of user "o1", the owner of customer ' +
          '"c1", differs from owner_email "o1@example.com" (export.csv:2)',
      ],
      [
        'conflicting-value',
        columnOf('user_name'),
        'user_name "Dana R." (export.csv:3) of user "o1", the owner of customer "c1", ' +
          'differs from owner_name "Dana Ruiz" (export.csv:2)',
      ],
    ]);
  });

  it('needs organization and owner fields on one row of the customer, not on every row', async () => {
    const accepted = await assembleCustomers([
      row(FILE, 2, { customer_id: 'c1', location_name: 'Harbor Rd' }),
      row(FILE, 3, customer('c1', 'o1')),
    ]);
    const missing = await assembleCustomers([
      row(FILE, 2, { customer_id: 'c2', org_name: 'Org', location_name: 'Harbor Rd' }),
    ]);

    expect(accepted.counts.accepted).toBe(1);
    expect(missing.problems.map((p) => [p.code, p.line, p.column])).toStrictEqual([
      ['required', 2, 'owner_external_id'],
      ['required', 2, 'owner_email'],
    ]);
  });

  it('rejects the whole customer for a problem the reader found in one record', async () => {
    const readerProblem = {
      code: 'cell-count',
      file: FILE,
      line: 3,
      reason: 'the row has 15 cells and the header 14',
    };
    const assembly = await assembleCustomers([
      row(FILE, 2, customer('c1', 'o1')),
      row(FILE, 3, { customer_id: 'c1', location_name: 'Harbor Rd' }, [readerProblem]),
    ]);

    expect(assembly.customers).toStrictEqual([]);
    expect(
      assembly.rejected.map((r) => [r.key, r.records.length, r.problems]),
    ).toStrictEqual([['c1', 2, [readerProblem]]]);
    expect(assembly.counts.rejectedRecords).toBe(2);
  });
});
