/**
 * Benchmark: aa-sync side by side with what a partner would otherwise use,
 * in the same run: the quick-start onboarding loop (bench/quickstart-loop.ts)
 * and newman iterating bench/newman/collection.json over the CSV. Same input,
 * same emulator settings (rate limit, 5xx rate, commit-then-drop rate), a
 * fresh emulator per run. Each tool runs once clean and once killed with
 * SIGKILL midway and started again; the emulator's log and state give the
 * wall time, calls, 429s, unfinished customers and duplicates. Results go to
 * bench/results/alternatives.{json,md}. Exports: `parseAlternativesArgs`,
 * `AlternativesOptions`.
 *
 *   npm run build
 *   node --import tsx bench/alternatives-bench.ts [--customers 300] [--limit 20]
 *
 * Installs newman into bench/newman/node_modules first when it is missing.
 * Exits 1 when an aa-sync run leaves a duplicate or an unfinished customer
 * (the others' figures are reported, not judged); 64 on a bad flag.
 */
import { readFile, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { FaultSettings } from '../src/emulator/index.js';
import { expectedCustomers, writeAlternativesInput } from './lib/alternatives-input.js';
import type { AlternativesResult } from './lib/alternatives-report.js';
import { aaSyncProblems, writeAlternativesResult } from './lib/alternatives-report.js';
import type { ScenarioKind, ScenarioResult } from './lib/alternatives-run.js';
import { runScenario } from './lib/alternatives-run.js';
import { TOOL_NAMES, ensureNewman } from './lib/alternatives-tools.js';
import { requireBuild } from './lib/crash-process.js';
import { makeWorkDir, readBenchFlags } from './lib/bench-cli.js';

const USAGE =
  'usage: node --import tsx bench/alternatives-bench.ts [--customers 300] [--limit 20] ' +
  '[--results-dir DIR]';
const NEWMAN_PACKAGE = new URL(
  'newman/node_modules/newman/package.json',
  import.meta.url,
);
const DATA_SEED = 1;
const BURST = 20;
/** 2% of requests answered 500/502/503, 1% of writes committed then dropped. */
const FAULTS: FaultSettings = { seed: 1, errorRate: 0.02, dropAfterCommitRate: 0.01 };
const MAX_CUSTOMERS = 2_000;
const MAX_LIMIT = 1_000;
const SCENARIOS: readonly ScenarioKind[] = ['clean', 'killed'];

export interface AlternativesOptions {
  customers: number;
  /** The emulator's limit, requests per second per key; aa-sync's `--rate`. */
  limit: number;
}

function wholeNumber(text: string, name: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max) {
    throw new RangeError(
      `--${name} must be a whole number from 1 to ${max}, got ${text}`,
    );
  }
  return value;
}

/** Reads the command line; throws a RangeError naming the bad flag. */
export function parseAlternativesArgs(args: string[]): AlternativesOptions {
  const { values } = parseArgs({
    args,
    options: {
      customers: { type: 'string', default: '300' },
      limit: { type: 'string', default: '20' },
    },
  });
  return {
    customers: wholeNumber(values.customers, 'customers', MAX_CUSTOMERS),
    limit: wholeNumber(values.limit, 'limit', MAX_LIMIT),
  };
}

function progressLine(row: ScenarioResult): string {
  return (
    `${row.tool}, ${row.scenario}: ${row.wallSeconds.toFixed(1)} s, ${row.calls} calls, ` +
    `${row.rateLimited} 429s, ${row.failedCustomers} customers unfinished, ` +
    `${row.duplicateOrganizations} duplicate orgs, ${row.duplicateLocations} ` +
    `duplicate locations (exits ${row.ends.join(', ')})\n`
  );
}

async function runAll(options: AlternativesOptions, workDir: string) {
  const input = join(workDir, 'customers.csv');
  await writeAlternativesInput(input, options.customers, DATA_SEED);
  const settings = {
    workDir,
    input,
    expected: expectedCustomers(options.customers, DATA_SEED),
    limit: options.limit,
    burst: BURST,
    faults: FAULTS,
  };
  const rows: ScenarioResult[] = [];
  for (const tool of TOOL_NAMES) {
    for (const kind of SCENARIOS) {
      const row = await runScenario(tool, kind, settings);
      process.stdout.write(progressLine(row));
      rows.push(row);
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const flags = readBenchFlags(parseAlternativesArgs, USAGE);
  if (flags === undefined) return;
  const { resultsDir, options } = flags;
  requireBuild();
  await ensureNewman((line) => process.stdout.write(`${line}\n`));
  const newman = JSON.parse(await readFile(NEWMAN_PACKAGE, 'utf8')) as {
    version: string;
  };
  const workDir = makeWorkDir('aa-sync-alternatives-');
  // Kept when anything fails: each run's folder holds the tools' output.
  const rows = await runAll(options, workDir).catch((error: unknown) => {
    process.stderr.write(`the tools' output is kept in ${workDir}\n`);
    throw error;
  });
  const result: AlternativesResult = {
    date: new Date().toISOString(),
    nodeVersion: process.version,
    cpuCount: availableParallelism(),
    newmanVersion: newman.version,
    customers: options.customers,
    limitPerSecond: options.limit,
    burst: BURST,
    faults: FAULTS,
    rows,
    aaSyncProblems: aaSyncProblems(rows),
  };
  await writeAlternativesResult(resultsDir, result);
  if (result.aaSyncProblems.length === 0) {
    await rm(workDir, { recursive: true, force: true });
    return;
  }
  process.stderr.write(
    `alternatives bench FAILED: ${result.aaSyncProblems.join('; ')}\n` +
      `the tools' output is kept in ${workDir}\n`,
  );
  process.exitCode = 1;
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  await main();
}
