/**
 * The live state the plan tests start from, and the partner key they use. The
 * export `test/fixtures/exports/plan-customers.csv` meets it so that each kind
 * of plan entry appears once; the organization ids are the emulator's first.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import type { SeedDocument, SeedOrganization } from '../../../src/emulator/index.js';
import type { TestEmulator } from '../../emulator/support.js';
import { startTest } from '../../emulator/support.js';
import type { CliResult } from '../../support/cli.js';
import { aaSync, remember, useExport, workDir } from './e2e.js';

/** A key only these tests use, so that finding it in any output is a leak. */
export const KEY = 'sk_test_plan_e2e_9c41d2';

/** The ids the emulator gives the seed's organizations, in order. */
export const ORG = {
  oldDental: 1000001,
  adoptedCafe: 1000002,
  steadyBooks: 1000003,
  twinA: 1000004,
  twinB: 1000005,
  driftPizza: 1000006,
  goneGrill: 1000007,
} as const;

/** What an earlier apply would have remembered: customer key → organization. */
export const REMEMBERED = {
  '0101': ORG.oldDental,
  '0103': ORG.steadyBooks,
  '0105': ORG.driftPizza,
  '0199': ORG.goneGrill,
};

function org(
  name: string,
  owner: [string, string, string],
  extra: Partial<SeedOrganization> = {},
): SeedOrganization {
  const [externalId, email, ownerName] = owner;
  return { name, owner: { external_id: externalId, email, name: ownerName }, ...extra };
}

const twinOwner: [string, string, string] = ['0000104', 'pat@twins.example', 'Pat Doe'];

export const SEED: SeedDocument = {
  organizations: [
    // Remembered as 0101; the export renames it.
    org('Old Dental', ['0000101', 'dana@dental.example', 'Dana Ruiz']),
    // Not remembered; its owner is 0102's owner.
    org('Adopted Cafe', ['0000102', 'sam@cafe.example', 'Sam Ortiz']),
    // Remembered as 0103, as the export describes it.
    org('Steady Books', ['0000103', 'kim@books.example', 'Kim Lee']),
    // One owner holds two organizations: 0104 cannot tell which is its own.
    org('Twin Shops A', twinOwner),
    org('Twin Shops B', twinOwner),
    // Remembered as 0105; its number is in 617, the export says 508.
    org('Drift Pizza', ['0000105', 'ray@pizza.example', 'Ray Roe'], {
      locations: [
        {
          name: 'Harbor',
          address: '2 Harbor Rd',
          phone_number: '+16175550199',
          status: 'active',
        },
      ],
    }),
    // Remembered as 0199, which the export no longer has.
    org('Gone Grill', ['0000199', 'gil@grill.example', 'Gil Grey']),
  ],
};

/** The export the plan tests read (`test/fixtures/exports`). */
export const PLAN_EXPORT = 'plan-customers.csv';
/** The state directory the plan tests use, inside the test's directory. */
export const STATE_DIR = 'state';

/** A seeded emulator, with the memory of an earlier run written to STATE_DIR. */
export interface SeededApi {
  t: TestEmulator;
  /** The child's API variables: the key and the emulator's base URL. */
  env: Record<string, string>;
}

/** Starts the emulator on the seed, remembers REMEMBERED and copies the export. */
export async function startSeeded(): Promise<SeededApi> {
  const t = await startTest({ partners: [{ id: 'acme', keys: [KEY] }], seed: SEED });
  remember(join(workDir(), STATE_DIR), t.emu.baseUrl, REMEMBERED);
  useExport(PLAN_EXPORT);
  const env = { ANSWERING_AGENT_API_KEY: KEY, ANSWERING_AGENT_BASE_URL: t.emu.baseUrl };
  return { t, env };
}

/** `aa-sync plan ARGS... --state-dir state` against the seeded emulator. */
export function plan(api: SeededApi, args: readonly string[]): Promise<CliResult> {
  return aaSync(['plan', ...args, '--state-dir', STATE_DIR], api.env);
}

/** Fails when the key shows anywhere in what the command printed. */
export function expectNoKey(result: CliResult): void {
  expect(`${result.stdout}\n${result.stderr}`).not.toContain(KEY);
}
