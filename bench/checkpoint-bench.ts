/**
 * Benchmark: what recording an operation in the checkpoint costs. About
 * 2,000 operations of a generated export's plan are each marked in flight and
 * given their result with the product's checkpoint code, on a real file in a
 * temporary directory (WAL, synchronous=FULL, as aa-sync opens it). It
 * reports p50 and p99 per write and per operation, the ceiling that puts on
 * operations per second, the share of wall time at each configured rate, and
 * the same writes inside a real apply against an emulator without a limit,
 * beside the rate the request gate alone allows.
 * Results go to bench/results/checkpoint.{json,md}.
 * Exports: `parseCheckpointArgs`, `CheckpointOptions`, `sharesAt`.
 *
 *   npm run build
 *   node --import tsx bench/checkpoint-bench.ts [--changes 2000]
 *     [--rates 10,25,50,100] [--no-apply] [--note TEXT]
 *
 * Exits 1 when the real apply does not complete every change.
 */
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateExport } from './generate-export.js';
import { measureCheckpointInApply, measureGateCeiling } from './lib/checkpoint-apply.js';
import type { CheckpointResult, RateShare } from './lib/checkpoint-report.js';
import { writeCheckpointResult } from './lib/checkpoint-report.js';
import { planExport, timeCheckpointWrites } from './lib/checkpoint-run.js';
import { requireBuild } from './lib/crash-process.js';
import { BENCH_SEED, customersForChanges } from './lib/executor-scenario.js';
import { round3, spreadOf } from './lib/executor-stats.js';
import { makeWorkDir, readBenchFlags } from './lib/bench-cli.js';

const USAGE =
  'usage: node --import tsx bench/checkpoint-bench.ts [--changes 2000] ' +
  '[--rates 10,25,50,100] [--no-apply] [--note TEXT] [--results-dir DIR]';
const MS_PER_SECOND = 1000;

export interface CheckpointOptions {
  changes: number;
  /** Configured rates (requests per second) to give the share of wall time at. */
  rates: number[];
  /** Also measure inside a real apply (needs `npm run build`). */
  apply: boolean;
  note: string | null;
}

/** Reads the command line; throws a RangeError naming the bad flag and value. */
export function parseCheckpointArgs(args: string[]): CheckpointOptions {
  const { values } = parseArgs({
    args,
    options: {
      changes: { type: 'string', default: '2000' },
      rates: { type: 'string', default: '10,25,50,100' },
      'no-apply': { type: 'boolean', default: false },
      note: { type: 'string' },
    },
  });
  if (!/^\d+$/.test(values.changes) || Number(values.changes) < 1) {
    throw new RangeError(
      `--changes must be a whole number of at least 1, got ${values.changes}`,
    );
  }
  const rates = values.rates.split(',').map(Number);
  if (rates.some((rate) => !(rate > 0))) {
    throw new RangeError(
      `--rates takes requests per second, e.g. 10,25,50, got ${values.rates}`,
    );
  }
  return {
    changes: Number(values.changes),
    rates,
    apply: !values['no-apply'],
    note: values.note ?? null,
  };
}

/** The mean cost per operation over the wall time per operation at each rate. */
export function sharesAt(rates: readonly number[], meanCostMs: number): RateShare[] {
  return rates.map((ratePerSecond) => {
    const wallPerOperationMs = MS_PER_SECOND / ratePerSecond;
    return {
      ratePerSecond,
      wallPerOperationMs,
      share: round3(meanCostMs / wallPerOperationMs),
    };
  });
}

async function main(): Promise<void> {
  const flags = readBenchFlags(parseCheckpointArgs, USAGE);
  if (flags === undefined) return;
  const { resultsDir, options } = flags;
  if (options.apply) requireBuild();
  const workDir = makeWorkDir('aa-sync-checkpoint-');
  try {
    const { customers, changes } = customersForChanges(options.changes);
    const input = join(workDir, `export-${customers}.csv`);
    await generateExport({ customers, seed: BENCH_SEED, out: input });
    const plan = await planExport(input);
    const { samples, loopMs } = timeCheckpointWrites(join(workDir, 'state'), plan);
    const perOperation = spreadOf(samples.map((s) => s.intentMs + s.resultMs));
    const gateCeilingPerSecond = round3(await measureGateCeiling());
    const inApply = options.apply
      ? await measureCheckpointInApply(workDir, input, changes)
      : null;
    const result: CheckpointResult = {
      date: new Date().toISOString(),
      nodeVersion: process.version,
      cpuCount: availableParallelism(),
      note: options.note,
      operations: samples.length,
      intent: spreadOf(samples.map((s) => s.intentMs)),
      result: spreadOf(samples.map((s) => s.resultMs)),
      perOperation,
      ceilingPerSecond: round3((samples.length * MS_PER_SECOND) / loopMs),
      shares: sharesAt(options.rates, perOperation.mean ?? 0),
      inApply,
      gateCeilingPerSecond,
    };
    await writeCheckpointResult(resultsDir, result);
    process.stdout.write(
      `checkpoint: ${result.operations} operations, per operation p50 ` +
        `${perOperation.p50} ms p99 ${perOperation.p99} ms, ceiling ` +
        `${result.ceilingPerSecond.toFixed(0)}/s\n`,
    );
    if (inApply !== null && (inApply.exitCode !== 0 || inApply.succeeded !== changes)) {
      process.stderr.write(
        `checkpoint bench FAILED: the apply exited ${inApply.exitCode} with ` +
          `${inApply.succeeded}/${changes} operations done\n`,
      );
      process.exitCode = 1;
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  await main();
}
