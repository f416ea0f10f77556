/**
 * Benchmark: reading and planning generated exports of several sizes (10,000,
 * 100,000 and 1,000,000 customers unless told), each against an emulator
 * already holding half of them. Per size: aa-sync's reader against papaparse
 * alone on the same file, `validate`, and `plan`, each a child process
 * measured from outside (see bench/lib/plan-bench-size.ts), and the plan's
 * figures checked against the generator's. Results go to
 * bench/results/plan.{json,md}, with a verdict per target.
 * Exports: `parsePlanBenchArgs`, `PlanBenchOptions`, `PlanBenchResult`, `PLAN_TARGETS`.
 *
 *   npm run build
 *   node --import tsx bench/plan-bench.ts [--sizes 10000,100000,1000000] [--seed 1]
 *     [--results-dir bench/results]
 *
 * It exits 1 when a plan that finished differs from the generator's figures.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { SizeResult } from './lib/plan-bench-size.js';
import { measurePlanSize } from './lib/plan-bench-size.js';
import { writePlanBenchResult } from './lib/plan-bench-report.js';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];

/** The targets. */
export const PLAN_TARGETS = {
  /** aa-sync's reader, at every size. */
  parseMebibytesPerSecond: 50,
  /** `plan` (which reads and validates) of 100,000 customers. */
  plan100kMs: 10_000,
  /** Peak RSS of validate and plan, at every size from 100,000 on. */
  peakRssMiB: 256,
  peakRssFromCustomers: 100_000,
} as const;

export interface PlanBenchOptions {
  sizes: number[];
  /** Generator seed: the same seed gives the same export. */
  seed: number;
  resultsDir: string;
}

export interface PlanBenchResult {
  date: string;
  nodeVersion: string;
  cpuCount: number;
  seed: number;
  sizes: SizeResult[];
  targets: typeof PLAN_TARGETS;
}

const USAGE =
  'usage: node --import tsx bench/plan-bench.ts [--sizes N,N,...] [--seed S] ' +
  '[--results-dir DIR]';

/** Reads the command line; throws a RangeError naming the bad flag. */
export function parsePlanBenchArgs(args: string[]): PlanBenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: 'string' },
      seed: { type: 'string' },
      'results-dir': { type: 'string' },
    },
  });
  const sizes =
    values.sizes === undefined
      ? DEFAULT_SIZES
      : values.sizes.split(',').map((size) => wholeNumber(size, 'sizes'));
  return {
    sizes,
    seed: values.seed === undefined ? 1 : wholeNumber(values.seed, 'seed'),
    resultsDir: values['results-dir'] ?? join(PROJECT_ROOT, 'bench/results'),
  };
}

function wholeNumber(value: string, name: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new RangeError(`--${name} takes whole numbers from 1, got ${value}`);
  }
  return Number(value);
}

function builtAaSync(): string[] {
  const entry = join(PROJECT_ROOT, 'dist/cli/main.js');
  if (!existsSync(entry))
    throw new Error(`${entry} is missing: run \`npm run build\` first`);
  return [process.execPath, entry];
}

async function main(): Promise<void> {
  let options: PlanBenchOptions;
  try {
    options = parsePlanBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 64;
    return;
  }
  const aaSync = builtAaSync();
  const sizes: SizeResult[] = [];
  for (const customers of options.sizes) {
    process.stdout.write(
      `plan bench: ${customers.toLocaleString('en-US')} customers...\n`,
    );
    const size = await measurePlanSize(customers, options.seed, aaSync);
    sizes.push(size);
    process.stdout.write(
      `  reader ${size.parse.reader.mebibytesPerSecond} MiB/s, validate ` +
        `${size.validate.wallMs} ms (${size.validate.peakRssMiB} MiB), plan ` +
        `${size.plan.wallMs} ms (${size.plan.peakRssMiB} MiB, exit ${size.plan.exitCode})\n`,
    );
  }
  const result: PlanBenchResult = {
    date: new Date().toISOString(),
    nodeVersion: process.version,
    cpuCount: availableParallelism(),
    seed: options.seed,
    sizes,
    targets: PLAN_TARGETS,
  };
  const paths = await writePlanBenchResult(result, options.resultsDir);
  process.stdout.write(`wrote ${paths.json} and ${paths.markdown}\n`);
  const wrong = sizes.filter(
    (size) => size.plan.exitCode === 0 && size.correctness.mismatches.length > 0,
  );
  for (const size of wrong) {
    process.stderr.write(
      `the plan of ${size.customers} customers differs from the generator:\n` +
        `${size.correctness.mismatches.join('\n')}\n`,
    );
  }
  if (wrong.length > 0) process.exitCode = 1;
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  await main();
}
