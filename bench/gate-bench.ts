/**
 * Benchmark: the request gate against the emulator's token bucket. For rate
 * limits of 5, 10 and 20 requests per second (burst 20), an emulator runs as
 * its own process and 8 workers send GETs through a gate for about 10 s:
 * once with the gate told the limit (`rate` = limit), once with `rate: 'auto'`
 * (the limit not told). It reports the achieved rate as a share of the limit,
 * the 429s (the gate's count and the emulator's), and for `auto` the seconds
 * until the rate first reached 85% of the limit. Results go to
 * bench/results/gate.{json,md}. Exports: `runGateBench`, `GateBenchResult`,
 * `GateScenarioResult`.
 *
 *   node --import tsx bench/gate-bench.ts [--seconds 10] [--results-dir bench/results]
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequestGate } from '../src/execute/gate.js';
import { driveGets, secondsToReach } from './lib/gate-bench-drive.js';
import { startEmulatorProcess } from './lib/emulator-process.js';
import { writeGateBenchResult } from './lib/gate-bench-report.js';
import { readFlags } from './lib/bench-cli.js';

/** What the benchmark reads of the emulator's counters. */
export interface EmulatorCounters {
  rateLimited: number;
  totalRequests: number;
}

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const LIMITS = [5, 10, 20];
const EMULATOR_BURST = 20;
const CONCURRENCY = 8;
const DEFAULT_SECONDS = 10;
/** The aims: known limit ≥ 95% with no 429; auto reaches 85% quickly. */
const KNOWN_TARGET_SHARE = 0.95;
const AUTO_TARGET_SHARE = 0.85;
/** Trailing window over which the rate counts as reached (smooths single requests). */
const REACH_WINDOW_MS = 2_000;
const MS_PER_SECOND = 1000;

export interface GateScenarioResult {
  limitPerSecond: number;
  gateRate: number | 'auto';
  durationMs: number;
  successes: number;
  achievedPerSecond: number;
  shareOfLimit: number;
  /** 429s the gate received, and the emulator's own count of them. */
  rateLimited: number;
  emulatorRateLimited: number;
  requests: number;
  emulatorRequests: number;
  rateLimitWaitMs: number;
  finalRate: number;
  /** For `auto`: seconds until the trailing 2 s rate first reached 85% of the limit. */
  secondsTo85Percent: number | null;
  /** For `auto`: the share of the limit achieved after that point. */
  shareAfterReaching: number | null;
}

export interface GateBenchResult {
  date: string;
  nodeVersion: string;
  cpuCount: number;
  concurrency: number;
  emulatorBurst: number;
  targets: { knownShare: number; autoShare: number };
  scenarios: GateScenarioResult[];
}

/** Runs every scenario one after the other (each with its own emulator). */
export async function runGateBench(seconds: number): Promise<GateBenchResult> {
  const scenarios: GateScenarioResult[] = [];
  for (const limit of LIMITS) {
    for (const gateRate of [limit, 'auto'] as const) {
      scenarios.push(await runScenario(limit, gateRate, seconds * MS_PER_SECOND));
    }
  }
  return {
    date: new Date().toISOString(),
    nodeVersion: process.version,
    cpuCount: availableParallelism(),
    concurrency: CONCURRENCY,
    emulatorBurst: EMULATOR_BURST,
    targets: { knownShare: KNOWN_TARGET_SHARE, autoShare: AUTO_TARGET_SHARE },
    scenarios,
  };
}

async function runScenario(
  limit: number,
  gateRate: number | 'auto',
  durationMs: number,
): Promise<GateScenarioResult> {
  const limitSettings = { ratePerSecond: limit, burst: EMULATOR_BURST };
  const emulator = await startEmulatorProcess({
    // From source through tsx, so that this benchmark needs no build.
    aaSync: [process.execPath, '--import', 'tsx', 'src/cli/main.ts'],
    cwd: PROJECT_ROOT,
    rateLimit: limitSettings,
  });
  const gate = createRequestGate({ rate: gateRate, burst: 1 });
  try {
    const drive = await driveGets(emulator.baseUrl, gate, CONCURRENCY, durationMs);
    const stats = gate.stats();
    const counters = (await emulator.control('GET', '/counters')) as EmulatorCounters;
    return summarize(limit, gateRate, drive, stats, counters);
  } finally {
    await gate.close();
    await emulator.stop();
  }
}

function summarize(
  limit: number,
  gateRate: number | 'auto',
  drive: Awaited<ReturnType<typeof driveGets>>,
  stats: ReturnType<ReturnType<typeof createRequestGate>['stats']>,
  counters: { rateLimited: number; totalRequests: number },
): GateScenarioResult {
  const { successAtMs, durationMs } = drive;
  const achieved = (successAtMs.length * MS_PER_SECOND) / durationMs;
  const reached =
    gateRate === 'auto'
      ? secondsToReach(successAtMs, limit * AUTO_TARGET_SHARE, REACH_WINDOW_MS)
      : null;
  const after = reached === null ? [] : successAtMs.filter((t) => t > reached * 1000);
  const afterSeconds = reached === null ? 0 : durationMs / MS_PER_SECOND - reached;
  return {
    limitPerSecond: limit,
    gateRate,
    durationMs,
    successes: successAtMs.length,
    achievedPerSecond: round2(achieved),
    shareOfLimit: round2(achieved / limit),
    rateLimited: stats.rateLimited,
    emulatorRateLimited: counters.rateLimited,
    requests: stats.requests,
    emulatorRequests: counters.totalRequests,
    rateLimitWaitMs: stats.rateLimitWaitMs,
    finalRate: stats.currentRate,
    secondsTo85Percent: reached === null ? null : round2(reached),
    shareAfterReaching:
      afterSeconds > 0 ? round2(after.length / afterSeconds / limit) : null,
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

const USAGE =
  'usage: node --import tsx bench/gate-bench.ts [--seconds 10] [--results-dir bench/results]';

function parseGateArgs(args: string[]): { seconds: number; resultsDir: string } {
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: String(DEFAULT_SECONDS) },
      'results-dir': { type: 'string', default: 'bench/results' },
    },
  });
  const seconds = Number(values.seconds);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new RangeError(
      `--seconds must be a number greater than 0; got ${values.seconds}`,
    );
  }
  return { seconds, resultsDir: values['results-dir'] };
}

async function main(): Promise<void> {
  const flags = readFlags(() => parseGateArgs(process.argv.slice(2)), USAGE);
  if (flags === undefined) return;
  const { seconds, resultsDir } = flags;
  const result = await runGateBench(seconds);
  const paths = await writeGateBenchResult(result, resultsDir);
  process.stdout.write(`wrote ${paths.json} and ${paths.markdown}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
