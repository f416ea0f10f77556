/**
 * Benchmark: `aa-sync apply` against the emulator's rate limit. For each
 * limit (10/s with 1,000 changes and 20/s with 2,000 unless told), an
 * emulator runs as its own process with burst 20 and no faults, and apply
 * creates a generated export in it: once with `--rate` equal to the limit,
 * once with `--rate auto`. From the emulator's request log it reports the
 * achieved rate of accepted requests as a share of the limit, the 429s, the
 * wall time and, for `auto`, the seconds until the rate first reached 85% of
 * the limit. Results go to bench/results/apply-rate.{json,md}.
 * Exports: `parseApplyRateArgs`, `ApplyRateOptions`, `customersForChanges`.
 *
 *   npm run build
 *   node --import tsx bench/apply-rate-bench.ts [--changes-10 1000] [--changes-20 2000]
 *     [--note TEXT]
 *
 * It exits 1 when an apply does not complete every change.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { customerAt, generateExport } from './generate-export.js';
import { startEmulatorProcess } from './lib/emulator-process.js';
import { rateFigures, readRequestLog } from './lib/apply-rate-measure.js';
import type { ApplyRateResult, ApplyRateScenario } from './lib/apply-rate-report.js';
import { writeApplyRateResult } from './lib/apply-rate-report.js';
import { DIST_ENTRY, requireBuild, runCliToEnd } from './lib/crash-process.js';

const RESULTS_DIR = fileURLToPath(new URL('results/', import.meta.url));
const API_KEY = 'sk_test_demo';
const EMULATOR_BURST = 20;
const SEED = 1;
/** The aims: told the limit, ≥ 95% with no 429; auto reaches 85%. */
const KNOWN_SHARE = 0.95;
const AUTO_SHARE = 0.85;
const MS_PER_SECOND = 1000;
const COMPLETED = /completed: ([\d,]+) operations?: ([\d,]+) succeeded/;

export interface ApplyRateOptions {
  /** Changes applied against each limit, by limit (requests per second). */
  changesByLimit: Map<number, number>;
  note: string | null;
}

/** Reads the command line; throws a RangeError naming the bad flag. */
export function parseApplyRateArgs(args: string[]): ApplyRateOptions {
  const { values } = parseArgs({
    args,
    options: {
      'changes-10': { type: 'string', default: '1000' },
      'changes-20': { type: 'string', default: '2000' },
      note: { type: 'string' },
    },
  });
  const count = (text: string, name: string): number => {
    if (!/^\d+$/.test(text) || Number(text) < 1) {
      throw new RangeError(`--${name} must be a whole number of at least 1, got ${text}`);
    }
    return Number(text);
  };
  return {
    changesByLimit: new Map([
      [10, count(values['changes-10'], 'changes-10')],
      [20, count(values['changes-20'], 'changes-20')],
    ]),
    note: values.note ?? null,
  };
}

/**
 * The fewest customers of the generated export (seed SEED) whose creates come
 * to at least `changes` operations: each is an organization, its extra users
 * and its locations.
 */
export function customersForChanges(changes: number): {
  customers: number;
  changes: number;
} {
  let total = 0;
  let customers = 0;
  while (total < changes) {
    const customer = customerAt(SEED, customers);
    total += 1 + customer.users.length + customer.locations.length;
    customers += 1;
  }
  return { customers, changes: total };
}

async function runScenario(
  workDir: string,
  limit: number,
  applyRate: number | 'auto',
  wanted: number,
): Promise<ApplyRateScenario> {
  const { customers, changes } = customersForChanges(wanted);
  const input = join(workDir, `export-${customers}.csv`);
  await generateExport({ customers, seed: SEED, out: input });
  const emulator = await startEmulatorProcess({
    aaSync: [process.execPath, DIST_ENTRY],
    cwd: workDir,
    rateLimit: { ratePerSecond: limit, burst: EMULATOR_BURST },
  });
  try {
    const stateDir = join(workDir, `state-${limit}-${applyRate}`);
    const started = Date.now();
    const exit = await runCliToEnd(
      ['apply', input, '--yes', '--state-dir', stateDir, '--rate', String(applyRate)],
      {
        cwd: workDir,
        env: {
          ...process.env,
          ANSWERING_AGENT_API_KEY: API_KEY,
          ANSWERING_AGENT_BASE_URL: emulator.baseUrl,
        },
      },
    );
    const wallSeconds = (Date.now() - started) / MS_PER_SECOND;
    const requests = await readRequestLog((method, path) =>
      emulator.control(method, path),
    );
    const done = COMPLETED.exec(exit.stdout);
    const succeeded = Number((done?.[2] ?? '0').replaceAll(',', ''));
    if (exit.code !== 0) process.stderr.write(exit.stderr.slice(-2000));
    return {
      limitPerSecond: limit,
      burst: EMULATOR_BURST,
      applyRate,
      changes,
      succeeded,
      exitCode: exit.code,
      wallSeconds,
      ...rateFigures(requests, limit, AUTO_SHARE),
    };
  } finally {
    await emulator.stop();
  }
}

async function main(): Promise<void> {
  requireBuild();
  const options = parseApplyRateArgs(process.argv.slice(2));
  const workDir = await mkdtemp(join(tmpdir(), 'aa-sync-apply-rate-'));
  const scenarios: ApplyRateScenario[] = [];
  try {
    for (const [limit, changes] of options.changesByLimit) {
      for (const applyRate of [limit, 'auto'] as const) {
        const scenario = await runScenario(workDir, limit, applyRate, changes);
        scenarios.push(scenario);
        process.stdout.write(
          `limit ${limit}/s, --rate ${applyRate}: ${scenario.succeeded}/${scenario.changes} ` +
            `in ${scenario.wallSeconds.toFixed(1)} s, ${scenario.acceptedPerSecond.toFixed(2)}/s ` +
            `(${Math.round(scenario.shareOfLimit * 100)}% of the limit), ` +
            `${scenario.rateLimited} 429s, 85% after ${scenario.secondsTo85Percent ?? '–'} s\n`,
        );
      }
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const result: ApplyRateResult = {
    date: new Date().toISOString(),
    nodeVersion: process.version,
    cpuCount: availableParallelism(),
    note: options.note,
    targets: { knownShare: KNOWN_SHARE, autoShare: AUTO_SHARE },
    scenarios,
  };
  await writeApplyRateResult(RESULTS_DIR, result);
  if (scenarios.some((s) => s.exitCode !== 0 || s.succeeded !== s.changes)) {
    process.stderr.write(
      'apply rate bench FAILED: an apply did not complete every change\n',
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
