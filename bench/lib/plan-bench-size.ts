/**
 * One size of the input-and-planning benchmark: a generated export of N
 * customers, half of them already in an emulator run as its own process. Four
 * children, each measured from outside (wall clock, peak RSS from GNU time):
 * aa-sync's reader alone and papaparse alone over the same file (the ratio of
 * the two is the figure a noisy machine keeps), `aa-sync validate`, and
 * `aa-sync plan`. A plan that fails (out of memory, say) is a result, not an
 * error: its exit and the last line it printed are kept. Before the plan, one
 * `GET /organizations` alone is timed: the emulator's share of the plan's wait.
 * The validate counts
 * and the saved plan are compared with the generator's figures.
 * Exports: `measurePlanSize`, `SizeResult`, `StepResult`, `ParseStep`, `LiveRead`.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateExport } from '../generate-export.js';
import { makeWorkDir } from './bench-cli.js';
import { startEmulatorProcess } from './emulator-process.js';
import { expectedFigures } from './expected-plan.js';
import type { ChildMeasurement } from './measure-child.js';
import { measureChild, round1 } from './measure-child.js';
import { compareFigures, planCounts, validateCounts } from './plan-bench-check.js';
import type { PlanCounts, ValidateCounts } from './plan-bench-check.js';
import type { ParseChildResult } from './parse-child.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PARSE_CHILD = fileURLToPath(new URL('parse-child.ts', import.meta.url));
/** The share of customers the emulator already holds, so plan both adopts and creates. */
const SEED_FRACTION = 0.5;
const API_KEY = 'sk_test_demo';
const BYTES_PER_MIB = 1024 * 1024;
const MS_PER_SECOND = 1000;

/** A child that ran: its wall time, peak memory, exit and (failed) last words. */
export interface StepResult {
  wallMs: number;
  peakRssMiB: number;
  exitCode: number | null;
  /** The last line of standard error when the exit was not 0. */
  failure: string | null;
}

export interface ParseStep extends StepResult {
  rows: number;
  /** Timed inside the child, from the first read to the last row. */
  readMs: number;
  mebibytesPerSecond: number;
  rowsPerSecond: number;
}

/** The live list read alone: what `plan` waits for the emulator to send. */
export interface LiveRead {
  ms: number;
  bytes: number;
  /** Why the list did not arrive whole; null when it did. */
  failure: string | null;
}

export interface SizeResult {
  customers: number;
  rows: number;
  bytes: number;
  mebibytes: number;
  liveOrganizations: number;
  loadAverage: number[];
  parse: { reader: ParseStep; papaparse: ParseStep };
  validate: StepResult & { rowsPerSecond: number; mebibytesPerSecond: number };
  plan: StepResult & { operations: number | null; liveRead: LiveRead };
  correctness: { checked: number; mismatches: string[] };
}

/** Generates the inputs in a temp dir, measures the four children, removes the dir. */
export async function measurePlanSize(
  customers: number,
  seed: number,
  aaSync: readonly string[],
): Promise<SizeResult> {
  const dir = makeWorkDir('aa-plan-bench-');
  try {
    return await measureIn(dir, customers, seed, aaSync);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function measureIn(
  dir: string,
  customers: number,
  seed: number,
  aaSync: readonly string[],
): Promise<SizeResult> {
  const exportFile = join(dir, 'export.csv');
  const seedFile = join(dir, 'emulator-seed.json');
  const generated = await generateExport({
    customers,
    seed,
    out: exportFile,
    emulatorSeed: { path: seedFile, fraction: SEED_FRACTION },
  });
  const { size: bytes } = await stat(exportFile);
  const mebibytes = bytes / BYTES_PER_MIB;
  const run = (name: string, args: readonly string[]) => runStep(dir, name, args);
  const loadAverage = loadavg().map((value) => Math.round(value * 100) / 100);
  const parse = {
    reader: await parseStep(
      await run('reader', parseArgs('reader', exportFile)),
      mebibytes,
    ),
    papaparse: await parseStep(
      await run('papaparse', parseArgs('papaparse', exportFile)),
      mebibytes,
    ),
  };
  const validate = await run('validate', [
    ...aaSync,
    ...['validate', exportFile, '--max-invalid', '100%', '--json'],
  ]);
  const emulator = await startEmulatorProcess({
    aaSync,
    cwd: PROJECT_ROOT,
    seedPath: seedFile,
  });
  let plan: ChildMeasurement;
  let liveRead: LiveRead;
  try {
    liveRead = await timeLiveRead(emulator.baseUrl);
    plan = await run('plan', [
      ...aaSync,
      // The generator gives a few customers one place id (a real-export flaw): let them go.
      ...['plan', exportFile, '--base-url', emulator.baseUrl, '--max-invalid', '1%'],
      ...['--state-dir', join(dir, 'state'), '--out', join(dir, 'plan.json')],
      ...['--report-dir', join(dir, 'reports')],
    ]);
  } finally {
    await emulator.stop();
  }
  const validateCounted = validate.exitCode === 0 ? await readValidate(validate) : null;
  const planCounted = plan.exitCode === 0 ? await readPlan(join(dir, 'plan.json')) : null;
  const expected = expectedFigures(seed, customers, generated.seeded);
  const seconds = validate.wallMs / MS_PER_SECOND;
  return {
    customers,
    rows: generated.rows,
    bytes,
    mebibytes: round1(mebibytes),
    liveOrganizations: emulator.liveOrganizations,
    loadAverage,
    parse,
    validate: {
      ...stepOf(validate),
      rowsPerSecond: Math.round(generated.rows / seconds),
      mebibytesPerSecond: round1(mebibytes / seconds),
    },
    plan: {
      ...stepOf(plan),
      operations: planCounted === null ? null : operationsOf(planCounted),
      liveRead,
    },
    correctness:
      validateCounted === null || planCounted === null
        ? {
            checked: 0,
            mismatches: ['validate or plan did not finish: nothing to compare'],
          }
        : compareFigures(
            expected,
            {
              validate: validateCounted,
              plan: planCounted,
              liveOrganizations: emulator.liveOrganizations,
            },
            generated.seeded,
          ),
  };
}

/**
 * Times one `GET /organizations` to the last byte, counting the bytes and
 * keeping none: the part of a plan's wall time that is the emulator's, not
 * aa-sync's (the real API's time is its own).
 */
async function timeLiveRead(baseUrl: string): Promise<LiveRead> {
  const started = performance.now();
  let bytes = 0;
  try {
    const response = await fetch(`${baseUrl}/organizations`, {
      headers: { 'X-API-KEY': API_KEY },
    });
    if (!response.ok || response.body === null) {
      throw new Error(`answered ${response.status}`);
    }
    for await (const chunk of response.body) bytes += (chunk as Uint8Array).byteLength;
  } catch (error) {
    // A result, as a failed plan is: the emulator could not send the list.
    const cause = (error as Error).cause;
    const reason =
      cause instanceof Error ? `${String(error)}: ${cause.message}` : String(error);
    return { ms: Math.round(performance.now() - started), bytes, failure: reason };
  }
  return { ms: Math.round(performance.now() - started), bytes, failure: null };
}

function parseArgs(reader: 'reader' | 'papaparse', file: string): string[] {
  return [process.execPath, '--import', 'tsx', PARSE_CHILD, reader, file];
}

function runStep(dir: string, name: string, command: readonly string[]) {
  const env = { ...process.env, ANSWERING_AGENT_API_KEY: API_KEY };
  return measureChild(command, { workDir: dir, name, env, cwd: PROJECT_ROOT });
}

function stepOf(measured: ChildMeasurement): StepResult {
  const lines = measured.stderr.trim().split('\n');
  const failed = measured.exitCode !== 0;
  // V8's own last words name the cause; otherwise the last line aa-sync printed.
  const oom = lines.find((line) => line.includes('heap out of memory'));
  return {
    wallMs: measured.wallMs,
    peakRssMiB: measured.peakRssMiB,
    exitCode: measured.exitCode,
    failure: failed ? (oom ?? lines.at(-1) ?? `exit ${measured.exitCode}`) : null,
  };
}

async function parseStep(
  measured: ChildMeasurement,
  mebibytes: number,
): Promise<ParseStep> {
  const step = stepOf(measured);
  if (measured.exitCode !== 0) throw new Error(`parse child failed: ${step.failure}`);
  const child = JSON.parse(
    await readFile(measured.stdoutFile, 'utf8'),
  ) as ParseChildResult;
  const seconds = child.readMs / MS_PER_SECOND;
  return {
    ...step,
    rows: child.rows,
    readMs: child.readMs,
    mebibytesPerSecond: round1(mebibytes / seconds),
    rowsPerSecond: Math.round(child.rows / seconds),
  };
}

async function readValidate(measured: ChildMeasurement): Promise<ValidateCounts> {
  return validateCounts(JSON.parse(await readFile(measured.stdoutFile, 'utf8')));
}

async function readPlan(file: string): Promise<PlanCounts> {
  return planCounts(JSON.parse(await readFile(file, 'utf8')));
}

function operationsOf(summary: PlanCounts): number {
  const { toCreate, toDelete } = summary;
  return (
    toCreate.organizations +
    toCreate.users +
    toCreate.locations +
    summary.toUpdate +
    toDelete.organizations +
    toDelete.locations
  );
}
