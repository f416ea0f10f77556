/**
 * `aa-sync validate` end to end: exports shaped like real ones (a spreadsheet's
 * semicolons, BOM and CRLF, quoted newlines, legacy encodings, JSON and
 * NDJSON), read through the real command line, with every line it prints.
 */
import { describe, expect, it } from 'vitest';
import { startTest } from '../emulator/support.js';
import {
  AREA_CODE_HINT,
  EMAIL_HINT,
  aaSync,
  apiRequests,
  rejectedTail,
  useExport,
  writeInput,
} from './support/e2e.js';
import { EXCEL, EXCEL_PROBLEMS, EXCEL_SUMMARY } from './support/excel-export.js';

const KEY = 'sk_test_validate_e2e_7f3a';

describe('aa-sync validate: CSV shaped like real exports', () => {
  it('reads a spreadsheet export (BOM, semicolons, CRLF, quoted newlines, blank trailing lines) and lists each problem at its physical line', async () => {
    const file = useExport(EXCEL);
    const result = await aaSync(['validate', file]);
    expect(result).toEqual({
      code: 3,
      stdout: `${EXCEL_PROBLEMS.join('\n')}\n${EXCEL_SUMMARY}\n`,
      stderr: rejectedTail('2 customers'),
    });
  });

  it('keeps leading zeros of the customer keys it rejects (--json)', async () => {
    const file = useExport(EXCEL);
    const result = await aaSync(['validate', file, '--json']);
    expect(result.code).toBe(3);
    const document = JSON.parse(result.stdout) as {
      counts: object;
      rejected: { key: string; records: object[] }[];
    };
    expect(document.counts).toEqual({
      records: 5,
      rows: 5,
      customers: 3,
      accepted: 1,
      rejected: 2,
      rejectedRecords: 2,
    });
    expect(document.rejected.map(({ key, records }) => ({ key, records }))).toEqual([
      { key: '00018', records: [{ file, line: 5, endLine: 6 }] },
      { key: '00019', records: [{ file, line: 7, endLine: 7 }] },
    ]);
  });

  it('accepts the rejects within --max-invalid and exits 0', async () => {
    const file = useExport(EXCEL);
    const result = await aaSync(['validate', file, '--max-invalid', '2']);
    expect(result).toEqual({
      code: 0,
      stdout: `${EXCEL_PROBLEMS.join('\n')}\n${EXCEL_SUMMARY}\n`,
      stderr: '',
    });
  });

  it('detects a tab delimiter and keeps the leading zero of a short area code', async () => {
    const file = useExport('tab-delimited.tsv');
    const result = await aaSync(['validate', file]);
    expect(result).toEqual({
      code: 3,
      stdout:
        `${file}:3 location_area_code (column 6): location_area_code is not a usable area ` +
        `code: it has 2 digits instead of 3 (value "07"). ${AREA_CODE_HINT}\n` +
        '2 records: 2 customers, 1 valid, 1 rejected (1 problem).\n',
      stderr: rejectedTail('1 customer'),
    });
  });

  it('refuses two columns that both name one field, and reads the file once --map picks one', async () => {
    const file = writeInput(
      'duplicate-headers.csv',
      'customer_id,Company,org_name,owner_external_id,owner_email\n' +
        'c-1,Acme Ltd,Acme,o-1,ann@acme.example\n',
    );
    const refused = await aaSync(['validate', file]);
    expect(refused).toEqual({
      code: 3,
      stdout: '',
      stderr:
        `aa-sync: ${file}:1: column B "Company" and column C "org_name" both map to ` +
        `org_name. Remove or rename one of them, or say which to use with --map ` +
        `('{ "org_name": "<header>" }').\n`,
    });
    const map = writeInput('map.json', '{ "org_name": "Company" }');
    const mapped = await aaSync(['validate', file, '--map', map]);
    expect(mapped).toEqual({
      code: 0,
      stdout: '1 record: 1 customer, 1 valid, 0 rejected (0 problems).\n',
      stderr: '',
    });
  });

  it('refuses a --map header that the export repeats, naming both columns', async () => {
    const file = writeInput(
      'repeated-header.csv',
      'customer_id,org_name,owner_external_id,Email,Email\n' +
        'c-1,Acme,o-1,ann@acme.example,bob@acme.example\n',
    );
    const map = writeInput('map.json', '{ "owner_email": "Email" }');
    const result = await aaSync(['validate', file, '--map', map]);
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr:
        `aa-sync: ${file}:1: the map ${map} names the header "Email", which appears twice: ` +
        'Email (column 4) and Email (column 5). Rename one of the columns in the export.\n',
    });
  });

  it('reports a quoted value that is never closed at the line it opens', async () => {
    const file = writeInput(
      'open-quote.csv',
      'customer_id,org_name,owner_external_id,owner_email\n' +
        'c-1,Acme,o-1,ann@acme.example\n' +
        'c-2,"Broken,o-2,bob@broken.example\n' +
        'c-3,Fine,o-3,cy@fine.example\n',
    );
    const result = await aaSync(['validate', file]);
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr:
        `aa-sync: ${file}:3: a quoted value opened on this line is never closed. ` +
        'Add the closing quote ("), or double the quotes inside the value ("").\n',
    });
  });
});

describe('aa-sync validate: JSON and NDJSON', () => {
  it('checks a JSON array of customers, naming each value by its path', async () => {
    const file = useExport('customers.json');
    const result = await aaSync(['validate', file]);
    expect(result).toEqual({
      code: 3,
      stdout:
        `${file}:17 [1].users[0].email: user_email is not a valid email address: its domain ` +
        `"elmbooks" has no dot (value "lee@elmbooks"). ${EMAIL_HINT}\n` +
        `${file}:17 [1].users[0].role: user_role is not a role; the allowed values are owner, ` +
        'manager, user (value "clerk"). Write one of owner, manager, user (any case), or ' +
        'leave it empty for user.\n' +
        `${file}:19 [1].locations[0].area_code: [1].locations[0].area_code is a number (508), not a ` +
        'string (value "508"). Write it in quotes ("508") so that leading zeros and long ids ' +
        'are kept\n' +
        '2 records: 2 customers, 1 valid, 1 rejected (3 problems).\n',
      stderr: rejectedTail('1 customer'),
    });
  });

  it('checks NDJSON line by line, skipping blank lines', async () => {
    const file = useExport('customers.ndjson');
    const result = await aaSync(['validate', file]);
    const required = (field: string): string =>
      `${file}:4 ${field}: ${field} is required for every customer, and no row of ` +
      `customer "000132" gives it. Fill in ${field} on at least one row of the customer.`;
    expect(result).toEqual({
      code: 3,
      stdout:
        `${file}:3 locations[0].area_code: location_area_code is not a usable area code: ` +
        'it has 4 digits instead of 3 (value "6170"). ' +
        `${AREA_CODE_HINT}\n` +
        `${required('owner_external_id')}\n${required('owner_email')}\n` +
        '3 records: 3 customers, 1 valid, 2 rejected (3 problems).\n',
      stderr: rejectedTail('2 customers'),
    });
  });
});

describe('aa-sync validate: no API call, and --max-invalid', () => {
  it('sends no request even with a key and a base URL in the environment', async () => {
    const t = await startTest({ partners: [{ id: 'acme', keys: [KEY] }] });
    const env = { ANSWERING_AGENT_API_KEY: KEY, ANSWERING_AGENT_BASE_URL: t.emu.baseUrl };
    const file = useExport('customers.json');
    const result = await aaSync(['validate', file, '--max-invalid', '1'], env);
    expect(result.code).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toContain(KEY);
    expect(await apiRequests(t)).toEqual([]);
  });

  it.each([
    [
      '1',
      '2 of 3 customers were rejected (66.67%), more than --max-invalid 1 allows. Fix the ' +
        'rows listed above and run again, or raise --max-invalid (to 2 or more) to go on ' +
        'without the rejected customers.',
    ],
    [
      '50%',
      '2 of 3 customers were rejected (66.67%), more than --max-invalid 50% allows. Fix the ' +
        'rows listed above and run again, or raise --max-invalid (to 66.67% or more) to go ' +
        'on without the rejected customers.',
    ],
  ])('stops with exit 3 when rejects exceed --max-invalid %s', async (limit, message) => {
    const t = await startTest({ partners: [{ id: 'acme', keys: [KEY] }] });
    const env = { ANSWERING_AGENT_API_KEY: KEY, ANSWERING_AGENT_BASE_URL: t.emu.baseUrl };
    const file = useExport(EXCEL);
    const result = await aaSync(['validate', file, '--max-invalid', limit], env);
    expect(result).toEqual({
      code: 3,
      stdout: `${EXCEL_PROBLEMS.join('\n')}\n${EXCEL_SUMMARY}\n`,
      stderr: `aa-sync: ${message}\n`,
    });
    expect(await apiRequests(t)).toEqual([]);
  });

  it('refuses a --max-invalid that is neither a count nor a percentage as a usage error (64)', async () => {
    const file = useExport(EXCEL);
    const result = await aaSync(['validate', file, '--max-invalid', 'lots']);
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr:
        'aa-sync: --max-invalid takes a whole number of rejected customers (for example 5) ' +
        'or a percentage of the customers from 0% to 100% (for example 10% or 2.5%); got ' +
        '"lots".\n',
    });
  });
});

describe('aa-sync validate: headers without the columns a customer needs', () => {
  it('stops at a header with no key column instead of passing "0 customers" (exit 3)', async () => {
    const file = writeInput('abc.csv', 'a,b,c\n1,2,3\n');
    const result = await aaSync(['validate', file]);
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr:
        'aa-sync: abc.csv:1: the header has no key column: neither customer_id nor ' +
        'owner_external_id (headers found: "a", "b", "c"). Rename a column to customer_id ' +
        'or owner_external_id, or name the column that holds the key with --map ' +
        `('{ "customer_id": "<header>" }'); check --delimiter too.\n`,
    });
  });

  it('says once per file which required column its header lacks, not once per customer', async () => {
    const file = writeInput(
      'loc.csv',
      'customer_id,owner_external_id,location_name\n1,o1,A\n2,o2,B\n',
    );
    const result = await aaSync(['validate', file]);
    const hint = (field: string): string =>
      `Add a column named ${field}, or name the column that holds it with --map ` +
      `('{ "${field}": "<header>" }').`;
    expect(result).toEqual({
      code: 3,
      stdout:
        'loc.csv:1: the header has no org_name column, and no input gives org_name to the ' +
        `2 customers of this file, so they are rejected. ${hint('org_name')}\n` +
        'loc.csv:1: the header has no owner_email column, and no input gives owner_email ' +
        `to the 2 customers of this file, so they are rejected. ${hint('owner_email')}\n` +
        '2 records: 2 customers, 0 valid, 2 rejected (2 problems).\n',
      stderr: rejectedTail('2 customers'),
    });
  });

  it('takes the fields a file lacks from another file of the run', async () => {
    const owners = writeInput(
      'owners.csv',
      'customer_id,org_name,owner_external_id,owner_email\n1,Acme,o1,a@acme.example\n',
    );
    const sites = writeInput('sites.csv', 'customer_id,location_name\n1,Main\n2,Side\n');
    const result = await aaSync(['validate', owners, sites, '--json']);
    const document = JSON.parse(result.stdout) as {
      rejected: { key: string; problems: { code: string; reason: string }[] }[];
    };
    expect(document.rejected.map((entry) => [entry.key, entry.problems])).toEqual([
      [
        '2',
        ['org_name', 'owner_external_id', 'owner_email'].map((field) => ({
          code: 'required-column',
          file: 'sites.csv',
          line: 3,
          column: field,
          reason: `${field} is required, and the header of sites.csv (line 1) has no ${field} column`,
        })),
      ],
    ]);
  });
});
