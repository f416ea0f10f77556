/**
 * Benchmark: the executor against the emulator's rate limit. For each limit
 * (25, 50 and 100 requests per second unless told), an emulator runs as its
 * own process with burst 20 and no faults, and `aa-sync apply` creates 2,000
 * changes in it: once with `--rate` equal to the limit, once with `--rate
 * auto` (the limit undisclosed). It reports the achieved rate as a share of
 * the limit, the 429s, the time `auto` takes to reach 85% of the limit, and
 * the latency the executor adds per operation (defined in
 * lib/executor-timing.ts). Results go to bench/results/executor.{json,md}.
 * Exports: `parseExecutorArgs`, `ExecutorOptions`, `LimitRun`.
 *
 *   npm run build
 *   node --import tsx bench/executor-bench.ts [--limits 25,50,100] [--changes 2000]
 *     [--note TEXT]
 *
 * A limit may carry its own count: `--limits 10:1000,25,50,100`. The defaults
 * take about 5 minutes; 10/s with 2,000 changes alone would take 7 (two
 * applies of 200 s), which is why it is not among them. Exits 1 when an apply
 * does not complete every change, the emulator's log misses requests or
 * the run log lacks an operation's timing line.
 */
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { requireBuild } from './lib/crash-process.js';
import type { ExecutorResult } from './lib/executor-report.js';
import { writeExecutorResult } from './lib/executor-report.js';
import type { ExecutorScenario } from './lib/executor-scenario.js';
import { runScenario } from './lib/executor-scenario.js';
import { makeWorkDir, readBenchFlags } from './lib/bench-cli.js';

const USAGE =
  'usage: node --import tsx bench/executor-bench.ts [--limits 25,50,100] [--changes 2000] ' +
  '[--note TEXT] [--results-dir DIR]';
const DEFAULT_LIMITS = '25,50,100';
const DEFAULT_CHANGES = '2000';
/** The aims: told the limit, ≥ 95% with no 429; auto reaches 85%. */
const TARGETS = { knownShare: 0.95, knownRateLimited: 0, autoShare: 0.85 } as const;
const LIMIT_ITEM = /^(\d+(?:\.\d+)?)(?::(\d+))?$/;

/** One limit and the changes applied against it. */
export interface LimitRun {
  limitPerSecond: number;
  changes: number;
}

export interface ExecutorOptions {
  runs: LimitRun[];
  note: string | null;
}

/** Reads the command line; throws a RangeError naming the bad flag and value. */
export function parseExecutorArgs(args: string[]): ExecutorOptions {
  const { values } = parseArgs({
    args,
    options: {
      limits: { type: 'string', default: DEFAULT_LIMITS },
      changes: { type: 'string', default: DEFAULT_CHANGES },
      note: { type: 'string' },
    },
  });
  const changes = wholeNumber(values.changes, '--changes');
  const runs = values.limits.split(',').map((item) => limitRun(item.trim(), changes));
  return { runs, note: values.note ?? null };
}

function limitRun(item: string, defaultChanges: number): LimitRun {
  const match = LIMIT_ITEM.exec(item);
  const limit = Number(match?.[1]);
  if (match === null || !(limit > 0)) {
    throw new RangeError(
      `--limits takes requests per second, each optionally with its changes ` +
        `(e.g. 25,50 or 10:1000), got "${item}"`,
    );
  }
  const changes =
    match[2] === undefined ? defaultChanges : wholeNumber(match[2], '--limits changes');
  return { limitPerSecond: limit, changes };
}

function wholeNumber(text: string, flag: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new RangeError(`${flag} must be a whole number of at least 1, got ${text}`);
  }
  return Number(text);
}

function describe(s: ExecutorScenario): string {
  const added = s.timing.added;
  return (
    `limit ${s.limitPerSecond}/s, --rate ${s.applyRate}: ${s.succeeded}/${s.changes} ` +
    `in ${s.wallSeconds.toFixed(1)} s, ${s.acceptedPerSecond.toFixed(2)}/s ` +
    `(${Math.round(s.shareOfLimit * 100)}% of the limit), ${s.rateLimited} 429s, ` +
    `85% after ${s.secondsTo85Percent ?? '–'} s, added latency p50 ${added.p50} ms ` +
    `p99 ${added.p99} ms\n`
  );
}

/** What makes the run's figures unusable, one line each. */
function failures(scenarios: readonly ExecutorScenario[]): string[] {
  const lines: string[] = [];
  for (const s of scenarios) {
    const name = `limit ${s.limitPerSecond}/s --rate ${s.applyRate}`;
    if (s.exitCode !== 0 || s.succeeded !== s.changes) {
      lines.push(`${name}: apply exited ${s.exitCode}, ${s.succeeded}/${s.changes} done`);
    }
    if (s.unlogged !== 0) {
      lines.push(`${name}: the emulator's log lacks ${s.unlogged} request(s)`);
    }
    if (s.timing.operations !== s.changes) {
      lines.push(
        `${name}: the run log has ${s.timing.operations} timing lines for ` +
          `${s.changes} operations (is dist/ built from the current src/?)`,
      );
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const flags = readBenchFlags(parseExecutorArgs, USAGE);
  if (flags === undefined) return;
  const { resultsDir, options } = flags;
  requireBuild();
  const workDir = makeWorkDir('aa-sync-executor-');
  const scenarios: ExecutorScenario[] = [];
  try {
    for (const { limitPerSecond, changes } of options.runs) {
      for (const applyRate of [limitPerSecond, 'auto'] as const) {
        const request = { workDir, limitPerSecond, applyRate, changes };
        const scenario = await runScenario(request);
        scenarios.push(scenario);
        process.stdout.write(describe(scenario));
      }
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const result: ExecutorResult = {
    date: new Date().toISOString(),
    nodeVersion: process.version,
    cpuCount: availableParallelism(),
    note: options.note,
    targets: TARGETS,
    scenarios,
  };
  await writeExecutorResult(resultsDir, result);
  const failed = failures(scenarios);
  if (failed.length > 0) {
    process.stderr.write(`executor bench FAILED:\n${failed.join('\n')}\n`);
    process.exitCode = 1;
  }
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  await main();
}
