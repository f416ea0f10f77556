import { describe, expect, it } from 'vitest';
import type { CanonicalField } from '../../../src/input/fields.js';
import {
  checkRow,
  checkRowRequired,
  missingCustomerField,
} from '../../../src/input/row-rules.js';
import {
  checkAreaCode,
  checkControlCharacters,
  checkEmail,
  checkExternalId,
  checkLength,
  checkRole,
  checkValue,
  parseRole,
} from '../../../src/input/rules.js';
import { at, columnOf, row } from './rows.js';

const FILE = 'export.csv';
const LINE = 7;

function valueAt(field: CanonicalField, value: string) {
  return { file: FILE, field, value: { value, line: LINE, column: columnOf(field) } };
}

describe('checkEmail', () => {
  it.each(['dana@bayside.example', 'a.b+c@mail.bayside.example', 'x@y.co'])(
    'accepts %s',
    (email) => {
      expect(checkEmail(valueAt('owner_email', email))).toBeUndefined();
    },
  );

  it.each([
    ['dana.bayside.example', 'it has no @'],
    ['dana@@bayside.example', 'it has 2 @ signs instead of one'],
    ['@bayside.example', 'it has nothing before the @'],
    ['dana@', 'it has nothing after the @'],
    ['dana@localhost', 'its domain "localhost" has no dot'],
    [
      'dana@bayside.',
      'its domain "bayside." has an empty part (a dot at an end, or two dots in a row)',
    ],
    [
      'dana@a..example',
      'its domain "a..example" has an empty part (a dot at an end, or two dots in a row)',
    ],
    ['dana ruiz@bayside.example', 'it contains a space'],
    ['dana\t@bayside.example', 'it contains a space'],
    [
      `${'a'.repeat(250)}@b.co`,
      'it is 255 characters long; an address holds at most 254',
    ],
  ])('rejects %j: %s', (email, fault) => {
    expect(checkEmail(valueAt('user_email', email))).toStrictEqual({
      code: 'email',
      ...at(FILE, LINE, 'user_email', email),
      reason: `user_email is not a valid email address: ${fault}`,
      hint: 'Write one address such as name@example.com.',
    });
  });
});

describe('checkAreaCode', () => {
  it.each(['201', '617', '989'])('accepts %s', (code) => {
    expect(checkAreaCode(valueAt('location_area_code', code))).toBeUndefined();
  });

  it.each([
    ['911', 'it is an N11 service code (like 411 or 911)'],
    ['211', 'it is an N11 service code (like 411 or 911)'],
    ['011', 'it starts with 0 or 1; North American area codes start with 2 to 9'],
    ['161', 'it starts with 0 or 1; North American area codes start with 2 to 9'],
    ['61', 'it has 2 digits instead of 3'],
    ['6170', 'it has 4 digits instead of 3'],
    ['800', 'it is a toll-free code, which cannot carry a local number'],
    ['888', 'it is a toll-free code, which cannot carry a local number'],
    ['6a1', 'it holds characters other than the digits 0-9'],
    ['６１７', 'it holds characters other than the digits 0-9'],
    ['617-555-0100', 'it holds characters other than the digits 0-9'],
  ])('rejects %s: %s', (code, fault) => {
    expect(checkAreaCode(valueAt('location_area_code', code))).toStrictEqual({
      code: 'area-code',
      ...at(FILE, LINE, 'location_area_code', code),
      reason: `location_area_code is not a usable area code: ${fault}`,
      hint: 'Give the 3-digit area code of the number to provision, such as 617, or leave it empty for no number.',
    });
  });
});

describe('checkRole and parseRole', () => {
  it.each([
    ['owner', 'owner'],
    ['Manager', 'manager'],
    ['USER', 'user'],
  ])('accepts %s as %s', (text, role) => {
    expect(checkRole(valueAt('user_role', text))).toBeUndefined();
    expect(parseRole(text)).toBe(role);
  });

  it('rejects a role that is not owner, manager or user and lists the allowed values', () => {
    expect(parseRole('admin')).toBeUndefined();
    expect(checkRole(valueAt('user_role', 'admin'))).toStrictEqual({
      code: 'role',
      ...at(FILE, LINE, 'user_role', 'admin'),
      reason: 'user_role is not a role; the allowed values are owner, manager, user',
      hint: 'Write one of owner, manager, user (any case), or leave it empty for user.',
    });
  });
});

describe('checkLength', () => {
  it('accepts 255 characters, counting an emoji as one character', () => {
    expect(checkLength(valueAt('org_name', 'x'.repeat(255)))).toBeUndefined();
    expect(checkLength(valueAt('org_name', '😀'.repeat(255)))).toBeUndefined();
  });

  it('rejects 256 characters and says the length', () => {
    const value = `${'😀'.repeat(200)}${'x'.repeat(56)}`;
    expect(checkLength(valueAt('org_name', value))).toStrictEqual({
      code: 'too-long',
      ...at(FILE, LINE, 'org_name', value),
      reason: 'org_name is 256 characters long; the Partner API accepts at most 255',
      hint: 'Shorten the value to 255 characters or fewer.',
    });
  });
});

describe('checkControlCharacters', () => {
  it('accepts a tab', () => {
    expect(checkControlCharacters(valueAt('org_name', 'a\tb'))).toBeUndefined();
  });

  it('allows line breaks in descriptions and addresses, and only there', () => {
    expect(checkControlCharacters(valueAt('org_description', 'a\r\nb'))).toBeUndefined();
    expect(
      checkControlCharacters(valueAt('location_address', '1 Main St\nBoston')),
    ).toBeUndefined();
    expect(checkControlCharacters(valueAt('org_name', 'a\nb'))?.code).toBe(
      'control-characters',
    );
  });

  it.each([
    ['a\u0000b', 'U+0000', 2],
    ['ab\nc', 'U+000A', 3],
    ['😀\u001fx', 'U+001F', 2],
  ])('rejects %j naming %s at character %i', (value, name, position) => {
    expect(checkControlCharacters(valueAt('owner_name', value))).toStrictEqual({
      code: 'control-characters',
      ...at(FILE, LINE, 'owner_name', value),
      reason: `owner_name holds the control character ${name} at character ${position}`,
      hint: 'Remove the control character (often a stray line break or a NUL from the export tool).',
    });
  });
});

describe('checkExternalId', () => {
  it.each(['crm-4821', 'a.b', '...', 'user@example.com'])('accepts %s', (id) => {
    expect(checkExternalId(valueAt('user_external_id', id))).toBeUndefined();
  });

  it.each([
    ['crm/4821', 'holds a slash'],
    ['.', 'is only "."'],
    ['..', 'is only ".."'],
  ])('rejects %s: %s', (id, why) => {
    expect(checkExternalId(valueAt('owner_external_id', id))).toStrictEqual({
      code: 'external-id',
      ...at(FILE, LINE, 'owner_external_id', id),
      reason: `owner_external_id ${why}; external ids go into the Partner API's URL paths, where it would address another resource`,
      hint: 'Use an external id without a slash that is not "." or "..".',
    });
  });
});

describe('checkValue', () => {
  it('gives one problem per value, the control character before the field rule', () => {
    expect(checkValue(valueAt('user_email', 'a\u0000@b'))?.code).toBe(
      'control-characters',
    );
  });

  it('applies the rule of the field', () => {
    expect(checkValue(valueAt('user_role', 'boss'))?.code).toBe('role');
    expect(checkValue(valueAt('org_name', 'boss'))).toBeUndefined();
  });
});

describe('checkRowRequired', () => {
  it('needs location_name on a row with any location value', () => {
    const located = row(FILE, 4, { customer_id: 'c1', location_area_code: '617' });

    expect(checkRowRequired(located)).toStrictEqual([
      {
        code: 'required',
        file: FILE,
        line: 4,
        column: 'location_name',
        reason:
          'location_name is required on a location row, and this row is one because it has location_area_code',
        hint: 'Fill in location_name, or leave every location_* column of this row empty.',
      },
    ]);
  });

  it('needs user_external_id and user_email on a row with any user value', () => {
    const problems = checkRowRequired(
      row(FILE, 5, { customer_id: 'c1', user_name: 'Lee' }),
    );

    expect(problems.map((p) => [p.column, p.reason])).toStrictEqual([
      [
        'user_external_id',
        'user_external_id is required on a user row, and this row is one because it has user_name',
      ],
      [
        'user_email',
        'user_email is required on a user row, and this row is one because it has user_name',
      ],
    ]);
  });

  it('accepts a row with one location and one user, and a row with only the key', () => {
    const both = row(FILE, 6, {
      customer_id: 'c1',
      location_name: 'Harbor Rd',
      user_external_id: 'u1',
      user_email: 'u1@example.com',
    });

    expect(checkRowRequired(both)).toStrictEqual([]);
    expect(checkRowRequired(row(FILE, 7, { customer_id: 'c1' }))).toStrictEqual([]);
  });

  it('does not ask a row for organization or owner fields', () => {
    const userOnly = row(FILE, 8, {
      customer_id: 'c1',
      user_external_id: 'u1',
      user_email: 'u1@example.com',
      user_role: 'Owner',
    });

    expect(checkRow(userOnly)).toStrictEqual([]);
  });
});

describe('checkRow', () => {
  it('lists the value problems in field order, then what the row kind needs', () => {
    const bad = row(FILE, 9, {
      customer_id: 'c1',
      owner_email: 'nobody',
      location_area_code: '911',
      user_role: 'admin',
    });

    expect(checkRow(bad).map((p) => [p.code, p.column])).toStrictEqual([
      ['email', columnOf('owner_email')],
      ['area-code', columnOf('location_area_code')],
      ['role', columnOf('user_role')],
      ['required', 'location_name'],
      ['required', 'user_external_id'],
      ['required', 'user_email'],
    ]);
  });
});

describe('missingCustomerField', () => {
  it('names the field and the customer', () => {
    expect(
      missingCustomerField('owner_email', 'c1', { file: FILE, line: 2 }),
    ).toStrictEqual({
      code: 'required',
      file: FILE,
      line: 2,
      column: 'owner_email',
      reason:
        'owner_email is required for every customer, and no row of customer "c1" gives it',
      hint: 'Fill in owner_email on at least one row of the customer.',
    });
  });
});
