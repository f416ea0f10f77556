import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerAt } from '../../bench/generate-export.js';
import { figuresFor } from '../../bench/lib/expected-plan.js';
import { writePlanBenchResult } from '../../bench/lib/plan-bench-report.js';
import { parsePlanBenchArgs, runPlanBench } from '../../bench/plan-bench.js';
import { PROJECT_ROOT } from '../support/cli.js';

/** The CLI from source, as the other CLI tests run it: no build step needed. */
const AA_SYNC_FROM_SOURCE = [
  process.execPath,
  '--import',
  'tsx',
  join(PROJECT_ROOT, 'src/cli/main.ts'),
];
/** Two tsx start-ups, a generator and an emulator: well above the default timeout. */
const SMALL_RUN_TIMEOUT_MS = 60_000;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-plan-bench-test-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the validate + plan benchmark', () => {
  it(
    'plans 200 generated customers exactly as the generator seeded and changed them',
    async () => {
      const result = await runPlanBench({
        customers: 200,
        seed: 1,
        aaSync: AA_SYNC_FROM_SOURCE,
      });
      expect(result.correctness).toEqual({ checked: 21, mismatches: [] });
      expect({
        customers: result.customers,
        rows: result.rows,
        bytes: result.bytes,
      }).toEqual({ customers: 200, rows: 417, bytes: 81_561 });
      expect(result.validate.counts).toEqual({
        records: 417,
        customers: 200,
        accepted: 200,
        rejected: 0,
      });
      expect(result.plan.liveOrganizations).toBe(100);
      expect(result.plan.operations).toBe(410);
      expect(result.plan.summary).toEqual({
        customers: 200,
        rejected: 0,
        adopted: 100,
        toCreate: { organizations: 100, users: 107, locations: 193 },
        newPhoneNumbers: 193,
        toUpdate: 10,
        toDelete: { organizations: 0, locations: 0 },
        tenants: {
          create: 100,
          update: 10,
          adopt: 90,
          unchanged: 0,
          conflict: 0,
          delete: 0,
        },
        drift: 0,
        locationConflicts: 0,
        unmanaged: 0,
        guardTrips: 0,
      });
      expect(result.targets).toEqual({ validateAndPlan100kMs: 10_000 });
      expect(result.validate.wallMs).toBeGreaterThan(0);
      expect(result.plan.peakRssMiB).toBeGreaterThan(0);

      const paths = await writePlanBenchResult(result, dir);
      expect(paths).toEqual({
        json: join(dir, 'plan-200.json'),
        markdown: join(dir, 'plan-200.md'),
      });
      expect(JSON.parse(readFileSync(paths.json, 'utf8'))).toEqual(result);
      const markdown = readFileSync(paths.markdown, 'utf8');
      expect(markdown).toContain('# validate + plan of 200 customers\n');
      expect(markdown).toContain(
        '21 figures checked against the generator, 0 mismatches.',
      );
    },
    SMALL_RUN_TIMEOUT_MS,
  );

  it('expects customers sharing a place id to be rejected, a seeded one left unmanaged', () => {
    const customers = Array.from({ length: 6 }, (_, index) => customerAt(1, index));
    const placeId = 'ChIJAAAAAAAAAAAAAAAAAAAAAAA';
    const [first, , , fourth] = customers;
    if (first?.locations[0] === undefined || fourth?.locations[0] === undefined) {
      throw new Error('the generator gave customer 1 or 4 no location');
    }
    first.locations[0].placeId = placeId;
    fourth.locations[0].placeId = placeId;
    expect(figuresFor(customers, 4)).toEqual({
      customers: 6,
      rejected: 2,
      plan: {
        customers: 4,
        // Customer 4 (index 3) is the renamed one, so it would have been an update.
        tenants: { create: 2, adopt: 2, update: 0, unchanged: 0 },
        // Customers 5 and 6 have 2 + 1 users and 2 + 2 locations.
        toCreate: { organizations: 2, users: 3, locations: 4 },
        newPhoneNumbers: 4,
        toUpdate: 0,
        unmanaged: 2,
      },
    });
  });

  it('reads 100,000 customers and bench/results by default, and names a bad flag', () => {
    expect(parsePlanBenchArgs([])).toEqual({
      customers: 100_000,
      seed: 1,
      resultsDir: join(PROJECT_ROOT, 'bench/results'),
    });
    expect(parsePlanBenchArgs(['--customers', '500', '--results-dir', dir])).toEqual({
      customers: 500,
      seed: 1,
      resultsDir: dir,
    });
    expect(() => parsePlanBenchArgs(['--customers', '1e5'])).toThrow(
      '--customers must be a whole number from 1, got 1e5',
    );
  });
});
