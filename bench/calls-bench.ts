/**
 * Benchmark: API calls per job. A generated export of 10,000 customers is
 * applied into an empty emulator without a rate limit (the migration), then
 * applied again with the same state directory (the nightly, which should cost
 * one read and no write); then a smaller migration runs against an emulator
 * that fails 2% of requests with a 5xx and drops 1% of answers after
 * committing the write. Calls are counted from the emulator's request log and
 * compared with the plan's operations; duplicates from the emulator's
 * counters and state. Results go to bench/results/calls.{json,md}.
 * Exports: `parseCallsArgs`, `CallsOptions`.
 *
 *   npm run build
 *   node --import tsx bench/calls-bench.ts [--customers 10000]
 *     [--fault-customers 2000] [--error-rate 0.02] [--drop-rate 0.01]
 *     [--fault-seed 7] [--note TEXT]
 *
 * The faulted migration defaults to 2,000 customers to keep the bench near
 * five minutes; `--fault-customers 10000` runs it at full size, 0 skips it.
 * Exits 1 when a call count misses its target or an apply fails.
 */
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { FaultSettings } from '../src/emulator/index.js';
import { generateExport } from './generate-export.js';
import type { CallsResult, CallsScenario } from './lib/calls-report.js';
import { callsVerdicts, writeCallsResult } from './lib/calls-report.js';
import type { AppliedRun, CallsEmulator } from './lib/calls-run.js';
import { applyAndCount, startCallsEmulator } from './lib/calls-run.js';
import { checkCreates, writeVerdicts } from './lib/calls-verify.js';
import { emulatorControl } from './lib/crash-emulator.js';
import { requireBuild } from './lib/crash-process.js';
import { BENCH_SEED } from './lib/executor-scenario.js';
import { makeWorkDir, readBenchFlags } from './lib/bench-cli.js';

const USAGE =
  'usage: node --import tsx bench/calls-bench.ts [--customers 10000] [--fault-customers 2000] ' +
  '[--error-rate 0.02] [--drop-rate 0.01] [--fault-seed 7] [--note TEXT] [--results-dir DIR]';

export interface CallsOptions {
  customers: number;
  /** 0 skips the faulted migration. */
  faultCustomers: number;
  faults: FaultSettings;
  note: string | null;
}

/** Reads the command line; throws a RangeError naming the bad flag and value. */
export function parseCallsArgs(args: string[]): CallsOptions {
  const { values } = parseArgs({
    args,
    options: {
      customers: { type: 'string', default: '10000' },
      'fault-customers': { type: 'string', default: '2000' },
      'error-rate': { type: 'string', default: '0.02' },
      'drop-rate': { type: 'string', default: '0.01' },
      'fault-seed': { type: 'string', default: '7' },
      note: { type: 'string' },
    },
  });
  return {
    customers: count(values.customers, '--customers', 1),
    faultCustomers: count(values['fault-customers'], '--fault-customers', 0),
    faults: {
      errorRate: share(values['error-rate'], '--error-rate'),
      dropAfterCommitRate: share(values['drop-rate'], '--drop-rate'),
      seed: count(values['fault-seed'], '--fault-seed', 0),
    },
    note: values.note ?? null,
  };
}

function count(text: string, flag: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) {
    throw new RangeError(
      `${flag} must be a whole number of at least ${min}, got ${text}`,
    );
  }
  return Number(text);
}

function share(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !(value >= 0 && value <= 1)) {
    throw new RangeError(`${flag} must be a share from 0 to 1, got ${text}`);
  }
  return value;
}

function scenarioOf(
  name: CallsScenario['name'],
  customers: number,
  faults: FaultSettings | null,
  run: AppliedRun,
): CallsScenario {
  const { byStatus } = run.operations;
  return {
    name,
    customers,
    faults,
    ...run,
    done: (byStatus.succeeded ?? 0) + (byStatus.adopted ?? 0),
    creates: null,
    writeDifferences: writeVerdicts(run.calls, run.operations),
  };
}

/** A migration into `emulator`, checked for what it left there. */
async function migrate(
  emulator: CallsEmulator,
  place: { workDir: string; input: string; stateDir: string },
  name: CallsScenario['name'],
  customers: number,
  faults: FaultSettings | null,
): Promise<{ scenario: CallsScenario; lastSeq: number }> {
  const { run, lastSeq } = await applyAndCount(emulator, place, 0);
  const scenario = scenarioOf(name, customers, faults, run);
  const control = emulatorControl(emulator.url, emulator.controlToken);
  scenario.creates = await checkCreates(control, run.operations);
  return { scenario, lastSeq };
}

async function cleanRuns(
  workDir: string,
  options: CallsOptions,
): Promise<CallsScenario[]> {
  const input = join(workDir, 'export.csv');
  await generateExport({ customers: options.customers, seed: BENCH_SEED, out: input });
  const place = { workDir, input, stateDir: join(workDir, 'state') };
  const emulator = await startCallsEmulator();
  try {
    const first = await migrate(emulator, place, 'migration', options.customers, null);
    process.stdout.write(`migration: ${first.scenario.calls.writesSent} writes\n`);
    const nightly = await applyAndCount(emulator, place, first.lastSeq);
    return [first.scenario, scenarioOf('nightly', options.customers, null, nightly.run)];
  } finally {
    await emulator.close();
  }
}

async function faultedRun(
  workDir: string,
  options: CallsOptions,
): Promise<CallsScenario> {
  const customers = options.faultCustomers;
  const input = join(workDir, 'export-faults.csv');
  await generateExport({ customers, seed: BENCH_SEED, out: input });
  const place = { workDir, input, stateDir: join(workDir, 'state-faults') };
  const emulator = await startCallsEmulator(options.faults);
  try {
    const name = 'migration with faults';
    return (await migrate(emulator, place, name, customers, options.faults)).scenario;
  } finally {
    await emulator.close();
  }
}

/** What makes the run fail: an apply that did not finish, or a missed count. */
function failures(result: CallsResult): string[] {
  const lines = callsVerdicts(result).filter((line) => line.endsWith('MISSED'));
  for (const s of result.scenarios) {
    if (s.exitCode !== 0 || s.done !== s.operations.total) {
      lines.push(
        `${s.name}: apply exited ${s.exitCode}, ${s.done}/${s.operations.total} done`,
      );
    }
    if (s.unlogged !== 0) lines.push(`${s.name}: ${s.unlogged} request(s) not logged`);
    const missing = s.creates?.missing ?? 0;
    if (missing !== 0) lines.push(`${s.name}: ${missing} planned entities missing`);
    lines.push(...s.writeDifferences.map((line) => `${s.name}: ${line}`));
  }
  return lines;
}

async function main(): Promise<void> {
  const flags = readBenchFlags(parseCallsArgs, USAGE);
  if (flags === undefined) return;
  const { resultsDir, options } = flags;
  requireBuild();
  const workDir = makeWorkDir('aa-sync-calls-');
  const scenarios: CallsScenario[] = [];
  try {
    scenarios.push(...(await cleanRuns(workDir, options)));
    if (options.faultCustomers > 0) scenarios.push(await faultedRun(workDir, options));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const result: CallsResult = {
    date: new Date().toISOString(),
    nodeVersion: process.version,
    cpuCount: availableParallelism(),
    note: options.note,
    scenarios,
  };
  await writeCallsResult(resultsDir, result);
  process.stdout.write(callsVerdicts(result).join('\n') + '\n');
  const failed = failures(result);
  if (failed.length > 0) {
    process.stderr.write(`calls bench FAILED:\n${failed.join('\n')}\n`);
    process.exitCode = 1;
  }
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  await main();
}
