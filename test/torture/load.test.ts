/**
 * The quick version of torture part `load` (200 customers through one apply
 * of the built command line): every check holds, and the counts are exactly
 * what the export makes certain. Memory figures vary run to run and are not
 * asserted; the memory criterion itself is specified on made-up samples.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPart } from '../../bench/torture/load.js';
import { MAX_GROWTH_MIB, memoryFigures } from '../../bench/torture/load-memory.js';
import type { FullCollection } from '../../bench/torture/load-gc.js';
import type { MemorySample } from '../../bench/torture/load-sampler.js';
import type { TortureResult } from '../../bench/torture/part.js';

const RUN_TIMEOUT_MS = 120_000;
let workDir: string | undefined;

afterEach(() => {
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  workDir = undefined;
});

function figure(result: TortureResult, label: string): number | string | undefined {
  return result.figures.find((item) => item.label === label)?.value;
}

const TOTAL = 1_000;

/** RSS samples of an executing run of 1,000 operations whose RSS is `rssAt(done)`. */
function samplesOf(rssAt: (done: number) => number): MemorySample[] {
  return Array.from({ length: 101 }, (_, i) => ({
    atMs: i * 250,
    rssMiB: rssAt(i * 10),
    done: i * 10,
    phase: 'executing' as const,
  }));
}

/** A full collection every 50 operations, leaving `heapAt(done)` in use. */
function collectionsOf(heapAt: (done: number) => number): FullCollection[] {
  return Array.from({ length: 21 }, (_, i) => ({
    atMs: i * 1250,
    heapMiB: heapAt(i * 50),
    done: i * 50,
    phase: 'executing' as const,
  }));
}

describe('the memory criterion of the load run', () => {
  it('takes the top of the RSS sawtooth near 10%, 50% and 90%, not one sample', () => {
    // 100 MiB, with a 30 MiB peak every 7th sample.
    const samples = samplesOf((done) => (done % 70 === 0 ? 130 : 100));

    const figures = memoryFigures(samples, [], TOTAL);

    expect([figures.rss10, figures.rss50, figures.rss90, figures.rssGrowth]).toEqual([
      130, 130, 130, 0,
    ]);
  });

  it('takes the lowest heap after a full collection near each point: floating garbage is no growth', () => {
    // 60 MiB in use; every other collection leaves 25 MiB of floating garbage.
    const collections = collectionsOf((done) => (done % 100 === 0 ? 60 : 85));

    const figures = memoryFigures(
      samplesOf(() => 100),
      collections,
      TOTAL,
    );

    expect([figures.heap10, figures.heap50, figures.heap90, figures.heapGrowth]).toEqual([
      60, 60, 60, 0,
    ]);
  });

  it('measures the heap kept per operation, which the bound refuses', () => {
    // 1.5 KB kept per operation, scaled to 40,000 operations between 10% and 90%.
    const perOperationMiB = (40_000 * 1_500) / 800 / 2 ** 20;
    const collections = collectionsOf((done) => 60 + done * perOperationMiB);

    const figures = memoryFigures(
      samplesOf(() => 100),
      collections,
      TOTAL,
    );

    expect(figures.heapGrowth).toBe(57.2);
    expect(figures.heapGrowth ?? 0).toBeGreaterThan(MAX_GROWTH_MIB);
  });

  it('leaves out what happens while planning and while writing the reports', () => {
    const samples = samplesOf(() => 100).map((sample, i) =>
      i === 0 || i === 100
        ? { ...sample, rssMiB: 600, phase: 'reporting' as const }
        : sample,
    );
    const collections = collectionsOf(() => 60).map((collection, i) =>
      i === 20
        ? { ...collection, heapMiB: 400, phase: 'reporting' as const }
        : collection,
    );

    const figures = memoryFigures(samples, collections, TOTAL);

    expect(figures).toMatchObject({
      rssGrowth: 0,
      heapGrowth: 0,
      collections: 20,
      highestSample: 600,
      highestPhase: 'reporting',
    });
  });

  it('has no heap figure when no full collection ran while executing', () => {
    const figures = memoryFigures(
      samplesOf(() => 100),
      [],
      TOTAL,
    );

    expect([figures.heap10, figures.heapGrowth, figures.collections]).toEqual([
      null,
      null,
      0,
    ]);
  });
});

describe('torture part load, quick', () => {
  it(
    'applies 200 customers with 3 users and 2 locations each in one run: 1,000 operations, all checks hold',
    async () => {
      workDir = mkdtempSync(join(tmpdir(), 'aa-sync-load-'));
      const result = await loadPart.run({ quick: true, workDir, log: () => undefined });

      expect(result.checks.filter((item) => !item.ok)).toEqual([]);
      expect(
        [
          'customers',
          'users (owners included)',
          'locations',
          'operations',
          'requests',
        ].map((label) => figure(result, label)),
      ).toEqual([200, 600, 400, 1000, 1002]);
      const actual = Object.fromEntries(
        result.checks.map((item) => [item.label, item.actual]),
      );
      expect(actual).toMatchObject({
        'apply exit code': '0',
        'operations planned': '1000',
        'organizations in the emulator': '200',
        'users in the emulator': '600',
        'locations in the emulator': '400',
        'duplicates (created twice)': '0',
        'customers exactly as exported': '200',
        'results.csv rows': '1000',
        'tenant rows after filtering for one tenant': '1',
      });
      expect(result.checks).toHaveLength(22);
    },
    RUN_TIMEOUT_MS,
  );
});
