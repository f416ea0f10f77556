import { describe, expect, it } from 'vitest';
import {
  areaCodeOf,
  automaticField,
  columnLetters,
  loadHeaderMap,
  parseHeaderMap,
} from '../../../src/input/header-map.js';
import { failure, fixture, readFile, valuesOf } from './support.js';

describe('automatic header matching', () => {
  it('matches canonical names ignoring case, surrounding space, spaces and hyphens', () => {
    expect(
      ['owner_email', ' Owner Email ', 'OWNER-EMAIL', 'OwnerEmail'].map(automaticField),
    ).toEqual(['owner_email', 'owner_email', 'owner_email', 'owner_email']);
  });

  it('knows the common aliases and leaves ambiguous names unmatched', () => {
    const headers = [
      'Account ID',
      'Business Name',
      'Description',
      'Owner ID',
      'Address',
      'Place ID',
    ];
    expect(headers.map(automaticField)).toEqual([
      'customer_id',
      'org_name',
      'org_description',
      'owner_external_id',
      'location_address',
      'location_google_place_id',
    ]);
    expect(['email', 'name', 'id', 'phone'].map(automaticField)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('areaCodeOf', () => {
  it('takes the area code from the usual ways of writing a US number', () => {
    const phones = [
      '617-555-0100',
      '(617) 555-0100',
      '+1 617 555 0100',
      '16175550100',
      '6175550100',
    ];
    expect(phones.map(areaCodeOf)).toEqual(['617', '617', '617', '617', '617']);
  });

  it('gives nothing for numbers it cannot read or area codes that cannot exist', () => {
    const phones = [
      '555-0100',
      '+44 20 7946 0958',
      'call me',
      '+10000000000',
      '617-555-0100 x12',
    ];
    expect(phones.map(areaCodeOf)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('columnLetters', () => {
  it('numbers columns as spreadsheets do', () => {
    expect([0, 25, 26, 51, 701, 702].map(columnLetters)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('--map files', () => {
  it('loads a map of canonical fields to headers, with areaCodeFrom for the area code', async () => {
    const file = await fixture(
      'map.json',
      '{"org_name": "Firm", "location_area_code": {"areaCodeFrom": "Phone"}}',
    );
    expect(await loadHeaderMap(file)).toEqual({
      file,
      fields: {
        org_name: { header: 'Firm', areaCodeFrom: false },
        location_area_code: { header: 'Phone', areaCodeFrom: true },
      },
    });
  });

  it('refuses an unknown canonical field with a usage error naming the key', () => {
    expect(() => parseHeaderMap('m.json', { org: 'Firm' })).toThrow(
      expect.objectContaining({
        exitCode: 64,
        message: expect.stringMatching(
          /^--map m\.json: "org" is not a canonical field; use one of customer_id, org_name,/,
        ),
      }),
    );
  });

  it('refuses values of the wrong shape, naming the key', () => {
    expect(() => parseHeaderMap('m.json', { org_name: { areaCodeFrom: 'P' } })).toThrow(
      '--map m.json: "org_name" must be a header name; got {"areaCodeFrom":"P"}',
    );
    expect(() => parseHeaderMap('m.json', { location_area_code: 3 })).toThrow(
      '--map m.json: "location_area_code" must be a header name or { "areaCodeFrom": "<phone header>" }; got 3',
    );
    expect(() => parseHeaderMap('m.json', ['org_name'])).toThrow(
      '--map m.json: must be a JSON object { "<canonical field>": "<header in the export>", ... }; got ["org_name"]',
    );
  });

  it('refuses a map file that is not JSON', async () => {
    const file = await fixture('map.json', '{org_name: 1}');
    const error = await failure(loadHeaderMap(file));
    expect(error).toMatchObject({ exitCode: 64 });
    expect(error.message).toMatch(new RegExp(`^--map ${file}: not valid JSON \\(`));
  });

  it('names the map and lists the export headers when a mapped header is missing', async () => {
    const csv = await fixture('a.csv', 'Firm,Mail\nA,a@x.io\n');
    const map = parseHeaderMap('m.json', { org_name: 'Firm', owner_email: 'E-mail' });
    const error = await failure(readFile(csv, { map }));
    expect(error).toMatchObject({ exitCode: 3, line: 1, value: 'E-mail' });
    expect(error.message).toBe(
      `${csv}:1: the map m.json names the header "E-mail", which this file does not have ` +
        '(its headers: "Firm", "Mail"). Correct the header name in m.json.',
    );
  });

  it('does not also match a mapped column automatically', async () => {
    const csv = await fixture('a.csv', 'Description,Notes\nAcme,n\n');
    const map = parseHeaderMap('m.json', { org_name: 'Description' });
    expect((await readFile(csv, { map })).map(valuesOf)).toEqual([{ org_name: 'Acme' }]);
  });

  it('reads mapped columns, takes area codes from phones, and falls back to automatic matching', async () => {
    const text = [
      'Firm,Phone,owner_email,Address,Street',
      'A,(617) 555-0100,a@x.io,ignored,1 Main St',
      'B,555-0100,b@x.io,x,2 Elm St',
      'C,,c@x.io,x,3 Oak St',
    ].join('\n');
    const csv = await fixture('a.csv', text);
    const map = parseHeaderMap('m.json', {
      org_name: 'firm',
      location_address: 'Street',
      location_area_code: { areaCodeFrom: 'Phone' },
    });
    const rows = await readFile(csv, { map });
    expect(rows.map(valuesOf)).toEqual([
      {
        org_name: 'A',
        location_address: '1 Main St',
        location_area_code: '617',
        owner_email: 'a@x.io',
      },
      {
        org_name: 'B',
        location_address: '2 Elm St',
        location_area_code: '555-0100',
        owner_email: 'b@x.io',
      },
      { org_name: 'C', location_address: '3 Oak St', owner_email: 'c@x.io' },
    ]);
    expect(rows[1]?.values.location_area_code).toEqual({
      value: '555-0100',
      line: 3,
      column: 'Phone (column 2)',
      written: '555-0100',
    });
  });
});
