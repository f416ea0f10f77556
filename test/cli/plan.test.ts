/**
 * `aa-sync plan` end to end, against an emulator seeded with part of the
 * customers and a state directory that remembers some of them: the text plan,
 * the JSON plan and the saved plan file, and the requests the command sends.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ONLY_REPORT_LINE } from '../support/cli.js';
import { EXPORTS_DIR, requestLines, workDir } from './support/e2e.js';
import { ORG, PLAN_EXPORT, expectNoKey, plan, startSeeded } from './support/plan-seed.js';

const ONE_READ = ['GET /api/v1/organizations'];

const CREATE = [
  '+ customer "0100": new organization',
  '    + create organization "New Bakery" with owner "0000100"',
  '    + create location "Main St" with a new phone number in area code "617"',
].join('\n');
const UPDATE = [
  `~ customer "0101" (organization ${ORG.oldDental})`,
  `    ~ update organization ${ORG.oldDental}`,
  '        name: "Old Dental" → "Renamed Dental"',
].join('\n');
const ADOPT = `= customer "0102" (organization ${ORG.adoptedCafe}): adopted, matched by owner; no changes`;
const CONFLICT =
  '! customer "0104": conflict, owner "0000104" holds role owner in several ' +
  `organizations (${ORG.twinA}, ${ORG.twinB}); nothing planned`;
const DRIFT = [
  `? customer "0105" (organization ${ORG.driftPizza})`,
  '    ? location 5000001 "Harbor": the export says area code "508", the number is ' +
    '"+16175550199"; an area code cannot change',
].join('\n');
const UNMANAGED = [
  'Unmanaged organizations (no valid customer of the export matches them; left alone):',
  `    ${ORG.goneGrill} "Gone Grill" (was customer "0199"; --mode mirror --prune would delete it)`,
].join('\n');
const SUMMARY =
  'Plan: 2 to create (1 organization, 1 location: 1 new phone number), 1 to update, ' +
  '0 to delete; 2 unchanged, 2 adopted, 1 conflict, 1 drift.';

describe('aa-sync plan against a partly seeded emulator', () => {
  it('shows creates, updates, adoptions, conflicts and drift, and counts the unchanged', async () => {
    const api = await startSeeded();
    const result = await plan(api, [PLAN_EXPORT]);
    expect(result).toEqual({
      code: 0,
      stdout:
        [CREATE, UPDATE, ADOPT, CONFLICT, DRIFT, UNMANAGED, SUMMARY].join('\n\n') + '\n',
      stderr: expect.stringMatching(ONLY_REPORT_LINE),
    });
    expectNoKey(result);
  });

  it('reads the live state with exactly one GET /organizations and writes nothing', async () => {
    const api = await startSeeded();
    await plan(api, [PLAN_EXPORT]);
    expect(await requestLines(api.t)).toEqual(ONE_READ);
    const state = (await api.t.control('GET', '/state')).body as unknown;
    expect(JSON.stringify(state)).not.toContain('New Bakery');
  });

  it('plans the delete of a remembered organization the export lacks with --mode mirror --prune', async () => {
    const api = await startSeeded();
    const result = await plan(api, [
      PLAN_EXPORT,
      '--mode',
      'mirror',
      '--prune',
      '--max-delete-percent',
      '50',
    ]);
    const deletion = [
      `- customer "0199" (organization ${ORG.goneGrill}): no longer in the export`,
      `    - delete organization ${ORG.goneGrill} "Gone Grill"`,
      '    note: customer "0199" is no longer in the export',
    ].join('\n');
    expect(result).toEqual({
      code: 0,
      stdout:
        [
          CREATE,
          UPDATE,
          ADOPT,
          CONFLICT,
          DRIFT,
          deletion,
          SUMMARY.replace('0 to', '1 to'),
        ].join('\n\n') + '\n',
      stderr: expect.stringMatching(ONLY_REPORT_LINE),
    });
    expect(await requestLines(api.t)).toEqual(ONE_READ);
  });
});

describe('aa-sync plan --json and --out', () => {
  it('prints with --json the very bytes --out saves, owner-only, and the same bytes on a second run', async () => {
    const api = await startSeeded();
    const first = await plan(api, [PLAN_EXPORT, '--json', '--out', 'plan-1.json']);
    const second = await plan(api, [PLAN_EXPORT, '--json', '--out', 'plan-2.json']);
    expect([first.code, first.stderr, second.code, second.stderr]).toEqual([
      0,
      expect.stringMatching(ONLY_REPORT_LINE),
      0,
      expect.stringMatching(ONLY_REPORT_LINE),
    ]);
    const saved = readFileSync(join(workDir(), 'plan-1.json'));
    expect(saved.toString('utf8')).toBe(first.stdout);
    expect(readFileSync(join(workDir(), 'plan-2.json')).equals(saved)).toBe(true);
    expect(second.stdout).toBe(first.stdout);
    expect(statSync(join(workDir(), 'plan-1.json')).mode & 0o777).toBe(0o600);
    expect(await requestLines(api.t)).toEqual([...ONE_READ, ...ONE_READ]);
    expectNoKey(first);
  });

  it('saves a versioned plan with the fingerprint of the export and every value as written', async () => {
    const api = await startSeeded();
    const result = await plan(api, [PLAN_EXPORT, '--json']);
    const document = JSON.parse(result.stdout) as {
      format: string;
      version: number;
      fingerprints: { inputs: unknown; live: string; options: string };
      tenants: { key: string; status: string; operations: { body: unknown }[] }[];
    };
    const bytes = readFileSync(join(EXPORTS_DIR, PLAN_EXPORT));
    expect([document.format, document.version]).toEqual(['aa-sync-plan', 1]);
    expect(document.fingerprints.inputs).toEqual([
      {
        file: PLAN_EXPORT,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.length,
      },
    ]);
    expect(document.fingerprints.live).toMatch(/^[0-9a-f]{64}$/u);
    expect(document.tenants.map(({ key, status }) => [key, status])).toEqual([
      ['0100', 'create'],
      ['0101', 'update'],
      ['0102', 'adopt'],
      ['0103', 'unchanged'],
      ['0104', 'conflict'],
      ['0105', 'unchanged'],
    ]);
    expect(document.tenants[0]?.operations.map((operation) => operation.body)).toEqual([
      {
        name: 'New Bakery',
        owner: { email: 'nia@bakery.example', external_id: '0000100', name: 'Nia New' },
      },
      {
        address: '1 Main St',
        area_code: '617',
        name: 'Main St',
        organization_id: { ref: '0100/organization:create' },
      },
    ]);
  });
});
