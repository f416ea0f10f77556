/**
 * Benchmark: time and peak memory of `aa-sync validate` and `aa-sync plan` on
 * a generated export (100,000 customers unless told), half of them already in
 * an emulator run as its own process. Each command runs as a child process
 * measured from outside (wall clock here, peak RSS from GNU time), and the
 * plan's summary is checked against what the generator made, so the figures
 * are for a correct plan. Results go to bench/results/plan-100k.{json,md}.
 * Exports: `runPlanBench`, `parsePlanBenchArgs`, `PlanBenchOptions`,
 * `PlanBenchResult`.
 *
 *   npm run build
 *   node --import tsx bench/plan-bench.ts [--customers 100000] [--seed 1]
 *     [--results-dir bench/results]
 *
 * It exits 1 when a figure of the plan differs from the generator's.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateExport } from './generate-export.js';
import { startEmulatorProcess } from './lib/emulator-process.js';
import type { ExpectedFigures } from './lib/expected-plan.js';
import { expectedFigures } from './lib/expected-plan.js';
import type { ChildMeasurement } from './lib/measure-child.js';
import { measureChild, round1 } from './lib/measure-child.js';
import { writePlanBenchResult } from './lib/plan-bench-report.js';
import { compareFigures, planCounts, validateCounts } from './lib/plan-bench-check.js';
import type { PlanCounts, ValidateCounts } from './lib/plan-bench-check.js';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const DEFAULT_CUSTOMERS = 100_000;
/** The share of customers the emulator already holds, so plan both adopts and creates. */
const SEED_FRACTION = 0.5;
/** The target: 100,000 customers validated and planned in 10 s or less. */
const VALIDATE_AND_PLAN_100K_MS = 10_000;
const API_KEY = 'sk_test_demo';
const BYTES_PER_MIB = 1024 * 1024;
const MS_PER_SECOND = 1000;

export interface PlanBenchOptions {
  customers: number;
  /** Generator seed: the same seed gives the same export. */
  seed: number;
  /** The command that runs aa-sync; defaults to the built `dist/cli/main.js`. */
  aaSync?: readonly string[];
}

export interface PlanBenchResult {
  date: string;
  nodeVersion: string;
  cpuCount: number;
  /** 1, 5 and 15 minute load averages just before the measured commands. */
  loadAverage: number[];
  customers: number;
  rows: number;
  bytes: number;
  mebibytes: number;
  validate: {
    wallMs: number;
    peakRssMiB: number;
    rowsPerSecond: number;
    mebibytesPerSecond: number;
    counts: ValidateCounts;
  };
  plan: {
    wallMs: number;
    peakRssMiB: number;
    liveOrganizations: number;
    operations: number;
    summary: PlanCounts;
  };
  expected: ExpectedFigures;
  correctness: { checked: number; mismatches: string[] };
  targets: { validateAndPlan100kMs: number };
}

/** Generates the inputs in a temp dir, measures both commands, removes the dir. */
export async function runPlanBench(options: PlanBenchOptions): Promise<PlanBenchResult> {
  const aaSync = options.aaSync ?? builtAaSync();
  const dir = await mkdtemp(join(tmpdir(), 'aa-plan-bench-'));
  try {
    return await benchIn(dir, options, aaSync);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function builtAaSync(): string[] {
  const entry = join(PROJECT_ROOT, 'dist/cli/main.js');
  if (!existsSync(entry))
    throw new Error(`${entry} is missing: run \`npm run build\` first`);
  return [process.execPath, entry];
}

async function benchIn(
  dir: string,
  options: PlanBenchOptions,
  aaSync: readonly string[],
): Promise<PlanBenchResult> {
  const exportFile = join(dir, 'export.csv');
  const seedFile = join(dir, 'emulator-seed.json');
  const generated = await generateExport({
    customers: options.customers,
    seed: options.seed,
    out: exportFile,
    emulatorSeed: { path: seedFile, fraction: SEED_FRACTION },
  });
  const expected = expectedFigures(options.seed, options.customers, generated.seeded);
  const { size: bytes } = await stat(exportFile);
  const emulator = await startEmulatorProcess({
    aaSync,
    cwd: PROJECT_ROOT,
    seedPath: seedFile,
  });
  try {
    const loadAverage = loadavg().map((value) => Math.round(value * 100) / 100);
    const validate = await runChecked(aaSync, dir, 'validate', [
      ...['validate', exportFile, '--max-invalid', '100%', '--json'],
    ]);
    const plan = await runChecked(aaSync, dir, 'plan', [
      // The generator gives a few customers one place id (a real-export flaw): let them go.
      ...['plan', exportFile, '--base-url', emulator.baseUrl, '--max-invalid', '1%'],
      ...['--state-dir', join(dir, 'state'), '--out', join(dir, 'plan.json')],
      ...['--report-dir', join(dir, 'reports')],
    ]);
    const measured = { loadAverage, bytes, rows: generated.rows, validate, plan };
    const figures = {
      validate: validateCounts(JSON.parse(await readFile(validate.stdoutFile, 'utf8'))),
      plan: planCounts(JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8'))),
      liveOrganizations: emulator.liveOrganizations,
    };
    return resultOf(options, measured, figures, expected, generated.seeded);
  } finally {
    await emulator.stop();
  }
}

async function runChecked(
  aaSync: readonly string[],
  dir: string,
  name: string,
  args: readonly string[],
): Promise<ChildMeasurement> {
  const env = { ...process.env, ANSWERING_AGENT_API_KEY: API_KEY };
  const measured = await measureChild([...aaSync, ...args], {
    workDir: dir,
    name,
    env,
    cwd: PROJECT_ROOT,
  });
  if (measured.exitCode !== 0) {
    throw new Error(
      `aa-sync ${name} exited ${measured.exitCode}:\n${measured.stderr.trim()}`,
    );
  }
  return measured;
}

interface Measured {
  loadAverage: number[];
  bytes: number;
  rows: number;
  validate: ChildMeasurement;
  plan: ChildMeasurement;
}

interface Figures {
  validate: ValidateCounts;
  plan: PlanCounts;
  liveOrganizations: number;
}

function resultOf(
  options: PlanBenchOptions,
  measured: Measured,
  figures: Figures,
  expected: ExpectedFigures,
  seeded: number,
): PlanBenchResult {
  const { validate, plan, bytes, rows } = measured;
  const mebibytes = bytes / BYTES_PER_MIB;
  const validateSeconds = validate.wallMs / MS_PER_SECOND;
  const { toCreate, toDelete } = figures.plan;
  const operations =
    toCreate.organizations +
    toCreate.users +
    toCreate.locations +
    figures.plan.toUpdate +
    toDelete.organizations +
    toDelete.locations;
  return {
    date: new Date().toISOString(),
    nodeVersion: process.version,
    cpuCount: availableParallelism(),
    loadAverage: measured.loadAverage,
    customers: options.customers,
    rows,
    bytes,
    mebibytes: round1(mebibytes),
    validate: {
      wallMs: validate.wallMs,
      peakRssMiB: validate.peakRssMiB,
      rowsPerSecond: Math.round(rows / validateSeconds),
      mebibytesPerSecond: round1(mebibytes / validateSeconds),
      counts: figures.validate,
    },
    plan: {
      wallMs: plan.wallMs,
      peakRssMiB: plan.peakRssMiB,
      liveOrganizations: figures.liveOrganizations,
      operations,
      summary: figures.plan,
    },
    expected,
    correctness: compareFigures(expected, figures, seeded),
    targets: { validateAndPlan100kMs: VALIDATE_AND_PLAN_100K_MS },
  };
}

const USAGE =
  'usage: node --import tsx bench/plan-bench.ts [--customers N] [--seed S] ' +
  '[--results-dir DIR]';

/** Reads the command line; throws a RangeError naming the bad flag. */
export function parsePlanBenchArgs(args: string[]): PlanBenchOptions & {
  resultsDir: string;
} {
  const { values } = parseArgs({
    args,
    options: {
      customers: { type: 'string' },
      seed: { type: 'string' },
      'results-dir': { type: 'string' },
    },
  });
  return {
    customers: wholeNumber(values.customers, 'customers', DEFAULT_CUSTOMERS),
    seed: wholeNumber(values.seed, 'seed', 1),
    resultsDir: values['results-dir'] ?? join(PROJECT_ROOT, 'bench/results'),
  };
}

function wholeNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new RangeError(`--${name} must be a whole number from 1, got ${value}`);
  }
  return Number(value);
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parsePlanBenchArgs>;
  try {
    options = parsePlanBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 64;
    return;
  }
  const result = await runPlanBench(options);
  const paths = await writePlanBenchResult(result, options.resultsDir);
  const { mismatches } = result.correctness;
  process.stdout.write(
    `validate ${result.validate.wallMs} ms (${result.validate.peakRssMiB} MiB), ` +
      `plan ${result.plan.wallMs} ms (${result.plan.peakRssMiB} MiB); ` +
      `wrote ${paths.json} and ${paths.markdown}\n`,
  );
  if (mismatches.length > 0) {
    process.stderr.write(
      `the plan differs from the generator:\n${mismatches.join('\n')}\n`,
    );
    process.exitCode = 1;
  }
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  await main();
}
