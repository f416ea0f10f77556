/**
 * The exit codes of `aa-sync plan` end to end: `--detailed-exitcode`, the key
 * (missing, refused), an API that answers wrongly, a tripped guard and usage
 * errors. None of them may print the API key.
 */
import { describe, expect, it } from 'vitest';
import { ONLY_REPORT_LINE, freePort } from '../support/cli.js';
import { aaSync, requestLines, writeInput } from './support/e2e.js';
import {
  KEY,
  ORG,
  PLAN_EXPORT,
  STATE_DIR,
  expectNoKey,
  plan,
  startSeeded,
} from './support/plan-seed.js';

const ONE_READ = ['GET /api/v1/organizations'];
const SUMMARY =
  'Plan: 2 to create (1 organization, 1 location: 1 new phone number), 1 to update, ' +
  '1 to delete; 2 unchanged, 2 adopted, 1 conflict, 1 drift.';

const ONE_CUSTOMER =
  'customer_id,org_name,owner_external_id,owner_email\n0103,Steady Books,0000103,kim@books.example\n';

/** An export of one customer, 0103, which the live state already matches. */
function steadyExport(): string {
  return writeInput(
    'steady.csv',
    'customer_id,org_name,owner_external_id,owner_email,owner_name\n' +
      '0103,Steady Books,0000103,kim@books.example,Kim Lee\n',
  );
}

describe('aa-sync plan --detailed-exitcode', () => {
  it('exits 2 when the plan holds changes', async () => {
    const api = await startSeeded();
    const result = await plan(api, [PLAN_EXPORT, '--detailed-exitcode', '--quiet']);
    expect(result).toEqual({
      code: 2,
      stdout: `${SUMMARY.replace('1 to delete', '0 to delete')}\n`,
      stderr: expect.stringMatching(ONLY_REPORT_LINE),
    });
  });

  it('exits 0 when the remembered organization already matches the export', async () => {
    const api = await startSeeded();
    const result = await plan(api, [steadyExport(), '--detailed-exitcode']);
    const wouldDelete = '--mode mirror --prune would delete it';
    expect(result).toEqual({
      code: 0,
      stdout: [
        'Unmanaged organizations (no valid customer of the export matches them; left alone):',
        `    ${ORG.oldDental} "Old Dental" (was customer "0101"; ${wouldDelete})`,
        `    ${ORG.adoptedCafe} "Adopted Cafe"`,
        `    ${ORG.twinA} "Twin Shops A"`,
        `    ${ORG.twinB} "Twin Shops B"`,
        `    ${ORG.driftPizza} "Drift Pizza" (was customer "0105"; ${wouldDelete})`,
        `    ${ORG.goneGrill} "Gone Grill" (was customer "0199"; ${wouldDelete})`,
        '',
        'No changes. 1 customer matches the live state.',
        '',
      ].join('\n'),
      stderr: expect.stringMatching(ONLY_REPORT_LINE),
    });
    expect(await requestLines(api.t)).toEqual(ONE_READ);
  });
});

describe('aa-sync plan and the Partner API key', () => {
  it('exits 64 naming the variable when the key is missing, before any request', async () => {
    const api = await startSeeded();
    const { ANSWERING_AGENT_BASE_URL: baseUrl = '' } = api.env;
    const result = await aaSync(['plan', PLAN_EXPORT, '--state-dir', STATE_DIR], {
      ANSWERING_AGENT_BASE_URL: baseUrl,
    });
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr:
        'aa-sync: no API key: set the environment variable ANSWERING_AGENT_API_KEY to your ' +
        'Partner API key (Settings → API Keys in the partner dashboard)\n',
    });
    expect(await requestLines(api.t)).toEqual([]);
  });

  it('exits 4 when the key is refused, and never prints it, even at debug level', async () => {
    const api = await startSeeded();
    const wrongKey = 'sk_test_not_a_key_5e6f';
    const result = await aaSync(
      ['plan', PLAN_EXPORT, '--state-dir', STATE_DIR, '--log-level', 'debug'],
      { ...api.env, ANSWERING_AGENT_API_KEY: wrongKey },
    );
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').at(-2)).toBe(
      `aa-sync: Reading the live state from ${api.t.emu.baseUrl} failed: the API key was ` +
        'refused (401). Check that the key variable (ANSWERING_AGENT_API_KEY, or the one ' +
        '--api-key-env names) holds a current key for this environment (playground and ' +
        'production keys differ).',
    );
    expect(result.stderr).not.toContain(wrongKey);
    expect(await requestLines(api.t)).toEqual(ONE_READ);
  });

  it('reads the key from the variable --api-key-env names', async () => {
    const api = await startSeeded();
    const result = await aaSync(
      [
        'plan',
        steadyExport(),
        '--state-dir',
        STATE_DIR,
        '--api-key-env',
        'ACME_AA_KEY',
        '--quiet',
        '--log-level',
        'debug',
      ],
      {
        ACME_AA_KEY: KEY,
        ANSWERING_AGENT_BASE_URL: api.env.ANSWERING_AGENT_BASE_URL ?? '',
      },
    );
    expect([result.code, result.stdout]).toEqual([
      0,
      'No changes. 1 customer matches the live state.\n',
    ]);
    expectNoKey(result);
  });
});

describe('aa-sync plan when it cannot go on', () => {
  it('exits 64 naming --base-url when the live read answers 404, a wrong URL', async () => {
    const api = await startSeeded();
    const baseUrl = `${api.t.emu.url}/missing/v1`;
    const result = await aaSync(
      ['plan', PLAN_EXPORT, '--state-dir', STATE_DIR, '--base-url', baseUrl],
      { ANSWERING_AGENT_API_KEY: KEY },
    );
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr:
        `aa-sync: Reading the live state from ${baseUrl} failed: GET /organizations ` +
        'answered 404, so this base URL does not serve the Partner API. Check --base-url ' +
        '(or ANSWERING_AGENT_BASE_URL); it ends in /api/v1.\n',
    });
    expect(await requestLines(api.t)).toEqual(['GET /missing/v1/organizations']);
    expectNoKey(result);
  });

  it('exits 11 when nothing answers, once --max-retry-ms has run out', async () => {
    const baseUrl = `http://127.0.0.1:${await freePort()}/api/v1`;
    const result = await aaSync(
      [
        'plan',
        writeInput('one.csv', ONE_CUSTOMER),
        '--base-url',
        baseUrl,
        '--max-retry-ms',
        '0',
      ],
      { ANSWERING_AGENT_API_KEY: KEY },
    );
    expect(result.code).toBe(11);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(
        `^aa-sync: Reading the live state from ${baseUrl.replaceAll('.', '\\.')} failed after 1 attempt: ` +
          'GET /organizations failed: network error ECONNREFUSED: .*Nothing was changed; run the ' +
          'command again later, or check --base-url\\.\n$',
      ),
    );
    expectNoKey(result);
  });

  it('exits 10 when --mode mirror --prune would delete more than --max-delete-percent allows', async () => {
    const api = await startSeeded();
    const result = await plan(api, [PLAN_EXPORT, '--mode', 'mirror', '--prune']);
    expect(result.code).toBe(10);
    expect(result.stdout.split('\n\n').slice(-3)).toEqual([
      [
        `- customer "0199" (organization ${ORG.goneGrill}): no longer in the export`,
        `    - delete organization ${ORG.goneGrill} "Gone Grill"`,
        '    note: customer "0199" is no longer in the export',
      ].join('\n'),
      [
        'Safety guards tripped; applying this plan will change nothing:',
        '    ! 1 organization deletion planned, over the limit of 0 (10% of 7 live ' +
          'organizations); nothing was changed. Raise it with --max-delete-percent if ' +
          'these deletions are intended.',
      ].join('\n'),
      `${SUMMARY}\n`,
    ]);
    const [reportLine, guardLine] = result.stderr.split(/(?<=\n)/);
    expect([reportLine, guardLine]).toEqual([
      expect.stringMatching(ONLY_REPORT_LINE),
      'aa-sync: a safety guard tripped (see above); nothing will be deleted until the ' +
        'export or the limits change\n',
    ]);
    expect(await requestLines(api.t)).toEqual(ONE_READ);
    expectNoKey(result);
  });

  it('exits 3 before any request when rejects exceed --max-invalid', async () => {
    const api = await startSeeded();
    const file = writeInput(
      'one-bad.csv',
      'customer_id,org_name,owner_external_id,owner_email\n' +
        '0103,Steady Books,0000103,kim@books.example\n' +
        '0108,Broken,0000108,not-an-email\n',
    );
    const result = await plan(api, [file, '--max-invalid', '0']);
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr: [
        `${file}:3 owner_email (column 4): owner_email is not a valid email address: it has ` +
          'no @ (value "not-an-email"). Write one address such as name@example.com.',
        'aa-sync: 1 of 2 customers were rejected (50%), more than --max-invalid 0 allows. ' +
          'Fix the rows listed above and run again, or raise --max-invalid (to 1 or more) ' +
          'to go on without the rejected customers.',
        '',
      ].join('\n'),
    });
    expect(await requestLines(api.t)).toEqual([]);
  });

  it.each([
    [
      ['--prune'],
      'aa-sync: --prune deletes what the export lacks and needs --mode mirror; add --mode ' +
        'mirror or drop --prune.\n',
    ],
    [
      ['--mode', 'sideways'],
      'aa-sync: Invalid values:\n  Argument: mode, Given: "sideways", Choices: "merge", ' +
        '"mirror"\nRun `aa-sync plan --help` for usage.\n',
    ],
    [
      ['--detailed-exitcode=yes'],
      'aa-sync: --detailed-exitcode is on or off: give --detailed-exitcode or ' +
        '--no-detailed-exitcode; got "yes"\n',
    ],
  ])('exits 64 for the usage error %j, before any request', async (flags, stderr) => {
    const api = await startSeeded();
    const result = await plan(api, [PLAN_EXPORT, ...flags]);
    expect(result).toEqual({ code: 64, stdout: '', stderr });
    expect(await requestLines(api.t)).toEqual([]);
  });
});

describe('aa-sync plan --match-by-name', () => {
  it('adopts an unclaimed organization by its normalised name only when asked', async () => {
    const api = await startSeeded();
    const file = writeInput(
      'by-name.csv',
      'customer_id,org_name,owner_external_id,owner_email,owner_name\n' +
        '0402,Adopted   CAFE,0000402,ida@cafe.example,Ida Ink\n' +
        '0403,twin shops a,0000403,new@twins.example,Nat New\n',
    );
    const run = (flags: string[]) =>
      aaSync(['plan', file, '--state-dir', 'fresh-state', ...flags], api.env);
    const [byName, byOwnerOnly] = [await run(['--match-by-name']), await run([])];
    const adopted = (key: string, id: number, from: string, to: string, owner: string) =>
      [
        `~ customer "${key}" (organization ${id}, adopted: matched by name)`,
        `    ~ update organization ${id}`,
        `        name: "${from}" → "${to}"`,
        `    + create user "000${key}" as owner in organization ${id}`,
        `    left alone (not in the export): owner "${owner}"`,
      ].join('\n');
    expect(byName).toEqual({
      code: 0,
      stdout: [
        adopted('0402', ORG.adoptedCafe, 'Adopted Cafe', 'Adopted   CAFE', '0000102'),
        adopted('0403', ORG.twinA, 'Twin Shops A', 'twin shops a', '0000104'),
        [
          'Unmanaged organizations (no valid customer of the export matches them; left alone):',
          `    ${ORG.oldDental} "Old Dental"`,
          `    ${ORG.steadyBooks} "Steady Books"`,
          `    ${ORG.twinB} "Twin Shops B"`,
          `    ${ORG.driftPizza} "Drift Pizza"`,
          `    ${ORG.goneGrill} "Gone Grill"`,
        ].join('\n'),
        'Plan: 2 to create (2 users), 2 to update, 0 to delete; 0 unchanged, 2 adopted, ' +
          '0 conflicts, 0 drift.\n',
      ].join('\n\n'),
      stderr: expect.stringMatching(ONLY_REPORT_LINE),
    });
    const blocks = byOwnerOnly.stdout.split('\n\n');
    expect([blocks[0], blocks[1], blocks.at(-1)]).toEqual([
      '+ customer "0402": new organization\n' +
        '    + create organization "Adopted   CAFE" with owner "0000402"',
      '+ customer "0403": new organization\n' +
        '    + create organization "twin shops a" with owner "0000403"',
      'Plan: 2 to create (2 organizations), 0 to update, 0 to delete; 0 unchanged, ' +
        '0 adopted, 0 conflicts, 0 drift.\n',
    ]);
  });

  it('refuses a name match on an organization the memory gives to a customer the export lacks', async () => {
    const api = await startSeeded();
    const file = writeInput(
      'by-name.csv',
      'customer_id,org_name,owner_external_id,owner_email,owner_name\n' +
        '0401,gone  GRILL,0000401,new@grill.example,New Owner\n',
    );
    const result = await plan(api, [file, '--match-by-name', '--detailed-exitcode']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n\n')[0]).toBe(
      '! customer "0401": conflict, organization 1000007 is named "gone  GRILL" but ' +
        'customer "0199" claims it too; nothing planned',
    );
  });
});
