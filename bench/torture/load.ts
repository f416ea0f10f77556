/**
 * Torture part `load`: 10,000 customers, each with 3 users (the owner and two
 * more) and 2 locations, through one `aa-sync apply --yes` of the built
 * command line, into an emulator process with no rate limit, so that the run
 * is bounded by aa-sync alone. While it runs, its memory is sampled from
 * /proc beside its progress; afterwards the emulator's state is counted and
 * the reports are read and opened in Chromium. The quick version does the
 * same with 200 customers.
 * Exports: `loadPart`, `LOAD_SETTINGS`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DIST_ENTRY, requireBuild } from '../lib/crash-process.js';
import type { CliChild, CliExit } from '../lib/crash-process.js';
import { startEmulatorProcess } from '../lib/emulator-process.js';
import type { EmulatorProcess } from '../lib/emulator-process.js';
import type { LoadMeasurements } from './load-checks.js';
import { loadChecks, loadFigures } from './load-checks.js';
import { loadCustomer, writeLoadExport } from './load-export.js';
import type { FullCollection } from './load-gc.js';
import { fullCollectionsOf, withoutGcTrace } from './load-gc.js';
import type { LoadExport } from './load-export.js';
import { MAX_GROWTH_MIB, memoryFigures } from './load-memory.js';
import { inspectReport, missingReportFiles, planCountsOf } from './load-report.js';
import type { MemorySample } from './load-sampler.js';
import { SAMPLE_INTERVAL_MS, watchProcess } from './load-sampler.js';
import { tallyEmulator } from './load-verify.js';
import type { EmulatorTally } from './load-verify.js';
import type { TortureOptions, TorturePart, TortureResult } from './part.js';

/** Customers of the full run and of the quick one. */
export const LOAD_SETTINGS = {
  full: { customers: 10_000 },
  quick: { customers: 200 },
} as const;
/** The highest `--rate` aa-sync takes: the emulator has no limit to find. */
const RATE = 1_000;
/** Twice the default: enough requests in flight that the emulator never waits on aa-sync. */
const CONCURRENCY = 16;
const API_KEY = 'sk_test_demo';
/** apply's last lines: `Run ID completed: ...`, `Report of ID: ...`. */
const RUN_ID = /^Run (\S+) (?:completed|partial|interrupted|stopped)/m;
const STDERR_TAIL = 2_000;

interface ApplyOutcome {
  exit: CliExit;
  wallMs: number;
  samples: MemorySample[];
  collections: FullCollection[];
  peakMiB: number | null;
}

/**
 * Starts the built aa-sync with V8's collection trace on (see load-gc.ts);
 * its standard output is kept whole, trace included.
 */
function startTraced(args: readonly string[], cwd: string): CliChild {
  const child = spawn(process.execPath, ['--trace-gc', DIST_ENTRY, ...args], {
    cwd,
    env: { ...process.env, ANSWERING_AGENT_API_KEY: API_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (out.stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out.stderr += chunk.toString('utf8')));
  return {
    pid: child.pid ?? 0,
    exited: new Promise<CliExit>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, ...out }));
    }),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Runs the apply as a child process, sampling it until it exits. */
async function applyWatched(
  workDir: string,
  input: string,
  emulator: EmulatorProcess,
): Promise<ApplyOutcome> {
  const stateDir = join(workDir, 'state');
  const args = ['apply', input, '--yes', '--rate', String(RATE)];
  args.push('--concurrency', String(CONCURRENCY), '--base-url', emulator.baseUrl);
  args.push('--state-dir', stateDir, '--report-dir', join(workDir, 'reports'));
  const started = performance.now();
  const child = startTraced(args, workDir);
  const watch = watchProcess(child.pid, stateDir);
  try {
    const traced = await child.exited;
    const wallMs = Math.round(performance.now() - started);
    watch.stop();
    return {
      exit: { ...traced, stdout: withoutGcTrace(traced.stdout) },
      wallMs,
      samples: watch.samples,
      collections: fullCollectionsOf(traced.stdout, watch.samples),
      peakMiB: watch.peakMiB(),
    };
  } finally {
    watch.stop();
    child.kill();
  }
}

interface ApplyAndTally {
  outcome: ApplyOutcome;
  tally: EmulatorTally;
}

async function applyAndTally(
  options: TortureOptions,
  input: string,
  exported: LoadExport,
): Promise<ApplyAndTally> {
  const emulator = await startEmulatorProcess({
    aaSync: [process.execPath, DIST_ENTRY],
    cwd: options.workDir,
    rateLimit: null,
  });
  try {
    options.log(`applying ${exported.operations.toLocaleString('en-US')} operations`);
    const outcome = await applyWatched(options.workDir, input, emulator);
    options.log(
      `apply exited ${outcome.exit.code ?? outcome.exit.signal}; counting the emulator`,
    );
    return { outcome, tally: await tallyEmulator(emulator, exported.customers) };
  } finally {
    await emulator.stop();
  }
}

async function measure(
  options: TortureOptions,
  customers: number,
): Promise<LoadMeasurements> {
  requireBuild();
  const input = join(options.workDir, 'load-export.csv');
  options.log(`writing an export of ${customers.toLocaleString('en-US')} customers`);
  const exported = await writeLoadExport(input, customers);
  const { outcome, tally } = await applyAndTally(options, input, exported);
  const { exit } = outcome;
  if (exit.code !== 0) options.log(`apply's stderr: ${exit.stderr.slice(-STDERR_TAIL)}`);
  const runId = RUN_ID.exec(exit.stdout)?.[1] ?? 'no-run-id';
  const reportDir = join(options.workDir, 'reports', runId);
  const missingFiles = missingReportFiles(reportDir);
  options.log('reading the reports and opening report.html in Chromium');
  const lastKey = loadCustomer(customers - 1).key;
  return {
    exported,
    exitCode: exit.code,
    wallMs: outcome.wallMs,
    plan: planCountsOf(exit.stdout),
    tally,
    memory: memoryFigures(outcome.samples, outcome.collections, exported.operations),
    peakMiB: outcome.peakMiB,
    missingFiles,
    report: missingFiles.length > 0 ? null : await inspectReport(reportDir, lastKey),
  };
}

function setupText(customers: number): string {
  return (
    `${customers.toLocaleString('en-US')} customers, each an organization with its owner, ` +
    'two more users and two locations (a flat CSV of two rows per customer), ' +
    `applied by one \`aa-sync apply --yes --rate ${RATE} --concurrency ${CONCURRENCY}\` ` +
    '(the built command line, a child process) into an empty emulator process with no ' +
    `rate limit and no faults. The child's VmRSS was read from /proc every ` +
    `${SAMPLE_INTERVAL_MS} ms beside its progress (the run log's per-operation lines, ` +
    "read-only), and V8's collection trace kept; the emulator was then counted " +
    'through its control endpoints, and ' +
    "the run's report.html opened in headless Chromium."
  );
}

const NOTES = [
  `Memory stays flat: V8's heap in use after a full collection (the child runs with ` +
    `--trace-gc) at 90% of the operations is within ${MAX_GROWTH_MIB} MiB of the same at ` +
    '10% (each the lowest collection within 5% of the operations of that point). RSS is ' +
    'shown but not bounded: it swings by hundreds of MiB with garbage not yet collected. ' +
    'The reasoning behind the bound is in bench/torture/load-memory.ts.',
  'The quick version may see no full collection while executing: its memory is shown, ' +
    'not judged; only the full run tells.',
  'The peak (VmHWM) is read at the last sample before the apply exits, at most ' +
    `${SAMPLE_INTERVAL_MS} ms before its end.`,
  'The machine has 2 CPUs shared with other work: times and rates are development figures.',
];

async function runLoad(options: TortureOptions): Promise<TortureResult> {
  const started = performance.now();
  const { customers } = options.quick ? LOAD_SETTINGS.quick : LOAD_SETTINGS.full;
  const measurements = await measure(options, customers);
  return {
    part: 'load',
    title: `Load: ${customers.toLocaleString('en-US')} customers through one run`,
    setup: setupText(customers),
    figures: loadFigures(measurements),
    checks: loadChecks(measurements, !options.quick),
    notes: NOTES,
    wallMs: Math.round(performance.now() - started),
  };
}

export const loadPart: TorturePart = { id: 'load', run: runLoad };
