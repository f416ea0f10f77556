/**
 * A run worth reporting on, made with the real command line against the
 * emulator: 1,000 generated customers of which 200 exist already (some renamed
 * or re-addressed, some with a number in another area code: drift), three
 * organizations no customer claims (unmanaged), ten rows that fail validation
 * (rejected), and ten new customers whose owner someone else takes between plan
 * and apply (their organizations fail with a 422, their locations and users are
 * skipped).
 */
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateExport } from '../../../bench/generate-export.js';
import type { SeedDocument } from '../../../src/emulator/index.js';
import { DEMO_KEY, startTest } from '../../emulator/support.js';
import type { TestEmulator } from '../../emulator/support.js';
import { runBuilt } from '../../cli/support/apply-cli.js';
import type { CliResult } from '../../support/cli.js';
import { workDir } from '../../cli/support/e2e.js';

export const CUSTOMERS = 1_000;
const SEEDED_FRACTION = 0.2;
/** Every DRIFT_PERIOD-th seeded organization gets a number in another area code. */
const DRIFT_PERIOD = 20;
/** An area code the generator never uses, so the changed numbers stay unique. */
const DRIFT_AREA_CODE = '907';
export const UNMANAGED = ['Legacy Holdings', 'Old Test Org', 'Sister Company'];
/** New customers (not seeded) whose owner external id is taken before apply. */
export const TAKEN = Array.from(
  { length: 10 },
  (_, i) => `C${String(301 + i * 7).padStart(7, '0')}`,
);

/** Rows that validation rejects; the cells follow the generator's header. */
const REJECTED_ROWS = [
  'R0000001,Bad Email Bakery,,R1-owner,not-an-email,Ann Lee,Main Office,1 Main St,617,,,,,',
  'R0000002,Formula Café,,R2-owner,r2@example.com,Bo Chen,Main Office,2 Main St,"=HYPERLINK(""http://x"",""y"")",,,,,',
  'R0000003,"<script>alert(1)</script>",,R3-owner,r3@@example.com,Cy Park,Main Office,3 Main St,617,,,,,',
  'R0000004,,,R4-owner,r4@example.com,Di Ross,Main Office,4 Main St,617,,,,,',
  'R0000005,Short Code Salon,,R5-owner,r5@example.com,Ed Kim,Main Office,5 Main St,12,,,,,',
  'R0000006,Role Roofing,,R6-owner,r6@example.com,Fa Diaz,Main Office,6 Main St,617,,R6-u1,u6@example.com,Gil,admin',
  'R0000007,Toll Free Plumbing,,R7-owner,r7@example.com,Hu Ng,Main Office,7 Main St,800,,,,,',
  'R0000008,"Quote ""Law"" Office",,R8-owner,r8@example,Ida Wu,Main Office,8 Main St,617,,,,,',
  'R0000009,Dental @ Home,,R9-owner,r9@example.com,Jo Li,Main Office,9 Main St,-12.50,,,,,',
  'R0000010,Twin Café,,R10-owner,r10@example.com,Ka Xu,"Main Office",10 Main St,1234,,,,,',
];

export interface ReportScenario {
  t: TestEmulator;
  env: Record<string, string>;
  plan: CliResult;
  apply: CliResult;
}

/** Builds the export and the live state, plans, takes the owners, applies. */
export async function runScenario(): Promise<ReportScenario> {
  const dir = workDir();
  const seedPath = join(dir, 'live-seed.json');
  await generateExport({
    customers: CUSTOMERS,
    seed: 7,
    out: join(dir, 'customers.csv'),
    emulatorSeed: { path: seedPath, fraction: SEEDED_FRACTION },
  });
  appendFileSync(join(dir, 'customers.csv'), `${REJECTED_ROWS.join('\n')}\n`);
  const seed = withDriftAndStrangers(
    JSON.parse(readFileSync(seedPath, 'utf8')) as SeedDocument,
  );
  writeFileSync(seedPath, JSON.stringify(seed));
  const t = await startTest({ seed });
  const env = {
    ANSWERING_AGENT_API_KEY: DEMO_KEY,
    ANSWERING_AGENT_BASE_URL: t.emu.baseUrl,
  };
  const plan = await runBuilt(
    ['plan', 'customers.csv', '--out', 'plan.json', '--max-invalid', '10'],
    env,
  );
  await takeOwners(t);
  const apply = await runBuilt(
    ['apply', '--plan', 'plan.json', '--yes', '--rate', '1000', '--concurrency', '16'],
    env,
  );
  return { t, env, plan, apply };
}

type SeedOrganization = SeedDocument['organizations'][number];

function withDriftAndStrangers(seed: SeedDocument): SeedDocument {
  const organizations = seed.organizations.map((org, index) =>
    index % DRIFT_PERIOD === 5 ? withDrift(org) : org,
  );
  const strangers = UNMANAGED.map((name, i) => ({
    name,
    owner: { external_id: `legacy-owner-${i + 1}`, email: `legacy${i + 1}@example.net` },
  }));
  return { ...seed, organizations: [...organizations, ...strangers] };
}

function withDrift(org: SeedOrganization): SeedOrganization {
  const [first, ...rest] = org.locations ?? [];
  if (first?.phone_number === undefined || first.phone_number === null) return org;
  const moved = `+1${DRIFT_AREA_CODE}${first.phone_number.slice(5)}`;
  return { ...org, locations: [{ ...first, phone_number: moved }, ...rest] };
}

/** Someone gives the owners of TAKEN to users of an organization made by hand. */
async function takeOwners(t: TestEmulator): Promise<void> {
  const made = await t.api('POST', '/organizations', {
    name: 'Made By Hand',
    owner: { external_id: 'hand-owner', email: 'hand@example.net' },
  });
  const orgId = made.body.organization.id as number;
  for (const key of TAKEN) {
    const taken = await t.api('POST', `/users?organization_id=${orgId}`, {
      external_id: `${key}-owner`,
      email: `taken-${key}@example.net`,
      role: 'user',
    });
    if (taken.status !== 201) throw new Error(`taking ${key}'s owner: ${taken.status}`);
  }
}
