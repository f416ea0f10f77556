import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerAt } from '../../bench/generate-export.js';
import { figuresFor } from '../../bench/lib/expected-plan.js';
import { measurePlanSize } from '../../bench/lib/plan-bench-size.js';
import { planVerdicts, writePlanBenchResult } from '../../bench/lib/plan-bench-report.js';
import { PLAN_TARGETS, parsePlanBenchArgs } from '../../bench/plan-bench.js';
import { PROJECT_ROOT } from '../support/cli.js';

/** The CLI from source, as the other CLI tests run it: no build step needed. */
const AA_SYNC_FROM_SOURCE = [
  process.execPath,
  '--import',
  'tsx',
  join(PROJECT_ROOT, 'src/cli/main.ts'),
];
/** Four children (three under tsx), a generator and an emulator: well above the default timeout. */
const SMALL_RUN_TIMEOUT_MS = 60_000;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-plan-bench-test-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the input and planning benchmark', () => {
  it(
    'reads and plans 200 generated customers exactly as the generator seeded and changed them',
    async () => {
      const size = await measurePlanSize(200, 1, AA_SYNC_FROM_SOURCE);
      expect(size.correctness).toEqual({ checked: 21, mismatches: [] });
      expect({
        customers: size.customers,
        rows: size.rows,
        bytes: size.bytes,
        live: size.liveOrganizations,
        readerRows: size.parse.reader.rows,
        papaparseRows: size.parse.papaparse.rows,
        exits: [size.validate.exitCode, size.plan.exitCode],
        failures: [size.validate.failure, size.plan.failure],
        operations: size.plan.operations,
        liveReadBytes: size.plan.liveRead.bytes,
        liveReadFailure: size.plan.liveRead.failure,
      }).toEqual({
        customers: 200,
        rows: 417,
        bytes: 81_561,
        live: 100,
        readerRows: 417,
        papaparseRows: 417,
        exits: [0, 0],
        failures: [null, null],
        operations: 410,
        liveReadBytes: 116_029,
        liveReadFailure: null,
      });
      const result = {
        date: '2026-12-05T00:00:00.000Z',
        nodeVersion: 'v20',
        cpuCount: 2,
        seed: 1,
        sizes: [size],
        targets: PLAN_TARGETS,
      };
      const paths = await writePlanBenchResult(result, dir);
      expect(paths).toEqual({
        json: join(dir, 'plan.json'),
        markdown: join(dir, 'plan.md'),
      });
      expect(JSON.parse(readFileSync(paths.json, 'utf8'))).toEqual(result);
      const markdown = readFileSync(paths.markdown, 'utf8');
      expect(markdown).toContain('# Reading and planning generated exports\n');
      expect(markdown).toContain('| 200 | 100 | ');
      expect(markdown).toContain(' | done | 410 | 21/21 |\n');
      expect(planVerdicts(result).map((v) => [v.figure, v.verdict])).toEqual([
        ['no size of 100,000 or more run', 'not measured'],
        ['100,000 not run', 'not measured'],
        ['no size of 100,000 or more run', 'not measured'],
      ]);
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

  it('runs 10,000, 100,000 and 1,000,000 into bench/results by default, and names a bad flag', () => {
    expect(parsePlanBenchArgs([])).toEqual({
      sizes: [10_000, 100_000, 1_000_000],
      seed: 1,
      resultsDir: join(PROJECT_ROOT, 'bench/results'),
    });
    expect(parsePlanBenchArgs(['--sizes', '500,2000', '--results-dir', dir])).toEqual({
      sizes: [500, 2000],
      seed: 1,
      resultsDir: dir,
    });
    expect(() => parsePlanBenchArgs(['--sizes', '1e5'])).toThrow(
      '--sizes takes whole numbers from 1, got 1e5',
    );
  });
});
