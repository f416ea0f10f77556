/**
 * `npm run demo`: the main job on real input. The Boston export (2,891 food
 * licences, fixtures/boston/) is migrated into an emulated Partner API that
 * limits the rate and injects faults, then reconciled again as a nightly cron
 * would, which must find nothing to change and send no write. Every figure
 * printed at the end is read back from the run's summary.json and from the
 * emulator's own request log, not from what the demo expected.
 */
import { existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCheckpoint } from '../checkpoint/database.js';
import { latestRun } from '../checkpoint/run-store.js';
import { DEFAULT_REPORT_DIR } from '../report/report-dir.js';
import { runCliChild } from './cli-child.js';
import type { DemoApi } from './demo-api.js';
import {
  DEMO_FAULTS,
  DEMO_KEY,
  DEMO_RATE_LIMIT,
  isWrite,
  startDemoApi,
} from './demo-api.js';
import type { DemoFigures, NightFigures } from './demo-summary.js';
import { describeOutcome, readRunFigures } from './demo-summary.js';

/** The demo's own state directory, emptied at each start: never a partner's real one. */
export const DEMO_STATE_DIR = '.aa-sync-demo';
const BOSTON_EXPORT = 'fixtures/boston/customers.csv';
const BOSTON_MAP = 'fixtures/boston/map.json';
/** The project, two levels above this file in the build (dist/demo/). */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The export's rejects (16%) are known; a changed export must not slip past. */
const MAX_INVALID = '20%';
const SHOWN_PROBLEMS = '5';

export type Say = (text: string) => void;

/**
 * Runs the demo; resolves with the exit code. The state directory and the
 * reports go into the working directory; the fixtures are found from there or
 * from the project.
 */
export async function runBostonDemo(say: Say): Promise<number> {
  const started = performance.now();
  rmSync(DEMO_STATE_DIR, { recursive: true, force: true });
  const api = await startDemoApi();
  // Ctrl+C reaches the aa-sync child too, which stops gracefully: wait for it.
  const interrupted = onInterrupt();
  try {
    introduce(api, say);
    say('\n1. Migration: plan and apply the whole export\n');
    const migration = await applyBoston(api, say);
    if (interrupted.happened) return stopInterrupted(say);
    if (migration.exitCode !== 0)
      return stopEarly(say, 'the migration', migration.exitCode);
    const counters = await api.counters();
    say('\n2. The next night: the same export again, as a cron job would run it\n');
    const night = await applyNightly(api, say);
    if (interrupted.happened) return stopInterrupted(say);
    if (night.exitCode !== 0) return stopEarly(say, 'the nightly run', night.exitCode);
    const figures: DemoFigures = {
      migration: readRunFigures(migration.runId),
      night,
      counters,
      wallMs: performance.now() - started,
    };
    const { text, ok } = describeOutcome(figures);
    say(`\n${text}`);
    return ok ? 0 : 1;
  } finally {
    interrupted.release();
    await api.emulator.close();
  }
}

/** A fixture as the working directory reaches it: as written when it can. */
function fixture(path: string): string {
  if (existsSync(path)) return path;
  return relative(process.cwd(), join(PROJECT_ROOT, path));
}

/** Remembers a SIGINT or SIGTERM instead of dying of it, until released. */
function onInterrupt(): { happened: boolean; release: () => void } {
  const state = { happened: false, release: () => {} };
  const note = (): void => {
    state.happened = true;
  };
  process.on('SIGINT', note);
  process.on('SIGTERM', note);
  state.release = () => {
    process.off('SIGINT', note);
    process.off('SIGTERM', note);
  };
  return state;
}

function stopInterrupted(say: Say): number {
  say(
    '\nThe demo was interrupted. Its emulator stops with it, so the run above cannot be ' +
      'resumed here; `npm run demo` starts afresh.\n',
  );
  return 130;
}

function introduce(api: DemoApi, say: Say): void {
  const { ratePerSecond, burst } = DEMO_RATE_LIMIT;
  const errors = percent(DEMO_FAULTS.errorRate);
  const drops = percent(DEMO_FAULTS.dropAfterCommitRate);
  say(
    [
      `aa-sync demo: the Boston food licences (${fixture(BOSTON_EXPORT)}) into the Partner API emulator`,
      `  API:    ${api.emulator.baseUrl} (inside the demo's process, loopback only)`,
      `  Limit:  ${ratePerSecond} requests/s per key, burst ${burst}; past it, 429 with Retry-After`,
      `  Faults: ${errors} of requests answer 502 or 503; ${drops} of writes are committed, then their answer is lost`,
      `  State:  ${DEMO_STATE_DIR}/ (emptied at each demo); reports under ${DEFAULT_REPORT_DIR}/`,
      '',
    ].join('\n'),
  );
}

interface ChildRun {
  exitCode: number;
  /** The run it recorded; empty when it did not end with exit code 0. */
  runId: string;
}

function applyArgs(api: DemoApi): string[] {
  return [
    'apply',
    fixture(BOSTON_EXPORT),
    '--map',
    fixture(BOSTON_MAP),
    '--max-invalid',
    MAX_INVALID,
    '--max-problems',
    SHOWN_PROBLEMS,
    '--rate',
    String(DEMO_RATE_LIMIT.ratePerSecond),
    '--base-url',
    api.emulator.baseUrl,
    '--state-dir',
    DEMO_STATE_DIR,
    // Log lines for people even when the demo's output goes to a file.
    '--log-format',
    'text',
    '--yes',
  ];
}

async function runApply(api: DemoApi, say: Say, args: string[]): Promise<ChildRun> {
  const exitCode = await runCliChild(
    {
      args,
      env: { ANSWERING_AGENT_API_KEY: DEMO_KEY },
      shownEnv: `ANSWERING_AGENT_API_KEY=${DEMO_KEY}`,
    },
    say,
  );
  return { exitCode, runId: exitCode === 0 ? latestRunId() : '' };
}

function applyBoston(api: DemoApi, say: Say): Promise<ChildRun> {
  return runApply(api, say, applyArgs(api));
}

/** The nightly run, with what the emulator saw of it. */
async function applyNightly(api: DemoApi, say: Say): Promise<NightFigures> {
  const before = await api.lastSeq();
  // A nightly job wants warnings only; the run's log file keeps every line.
  const run = await runApply(api, say, [...applyArgs(api), '--log-level', 'warn']);
  const requests = await api.requestsSince(before);
  return {
    ...run,
    requests: requests.length,
    writes: requests.filter(isWrite).length,
  };
}

function latestRunId(): string {
  const checkpoint = openCheckpoint(DEMO_STATE_DIR);
  try {
    const run = latestRun(checkpoint);
    if (run === undefined) throw new Error(`no run was recorded in ${DEMO_STATE_DIR}`);
    return run.id;
  } finally {
    checkpoint.close();
  }
}

function stopEarly(say: Say, what: string, code: number): number {
  say(
    `\nThe demo stops: ${what} exited ${code} (see the README's exit codes). The lines ` +
      `above say why; so do its report, when it wrote one, and ${join(DEMO_STATE_DIR, 'logs')}/.\n`,
  );
  return code === 0 ? 1 : code;
}

function percent(rate: number | undefined): string {
  return `${Math.round((rate ?? 0) * 100)}%`;
}
