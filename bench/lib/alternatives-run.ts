/**
 * One run of one tool in the side-by-side benchmark, against a fresh emulator
 * of its own (own process, rate limit, fault rates): `clean` runs the tool to
 * its end; `killed` SIGKILLs it once the emulator has received half as many
 * `POST /organizations` as there are customers, then starts it again (the
 * naive tools from the top, aa-sync with `resume`) and lets it end.
 * Exports: `ScenarioKind`, `RunSettings`, `ScenarioResult`, `runScenario`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultSettings } from '../../src/emulator/index.js';
import type { ToolChild, ToolExit } from './alternatives-child.js';
import { startTool } from './alternatives-child.js';
import type { ExpectedCustomer } from './alternatives-input.js';
import type { Control, EmulatorFigures } from './alternatives-measure.js';
import {
  emulatorFigures,
  isOrganizationPost,
  readLogSince,
} from './alternatives-measure.js';
import type { ToolName, ToolSetup } from './alternatives-tools.js';
import { toolCommand } from './alternatives-tools.js';
import { DIST_ENTRY } from './crash-process.js';
import { startEmulatorProcess } from './emulator-process.js';

/** How often the emulator's log is read while waiting for the midpoint. */
const POLL_MS = 20;
/** Lets the emulator finish a request the killed process left in flight. */
const SETTLE_MS = 300;
/** A tool process still running after this long is killed and reported as such. */
const PROCESS_TIMEOUT_MS = 10 * 60_000;
const MS_PER_SECOND = 1000;

export type ScenarioKind = 'clean' | 'killed';

/** What every run shares. */
export interface RunSettings {
  workDir: string;
  input: string;
  expected: readonly ExpectedCustomer[];
  /** The emulator's limit per key, requests per second, and its burst. */
  limit: number;
  burst: number;
  faults: FaultSettings;
}

/** How each process of a run ended: an exit code, a signal, or `timeout`. */
type ProcessEnd = number | string;

export interface ScenarioResult extends EmulatorFigures {
  tool: ToolName;
  scenario: ScenarioKind;
  /** Wall time of the tool's processes, added up (the pause between them left out). */
  wallSeconds: number;
  ends: ProcessEnd[];
  /** `POST /organizations` the emulator had received when the kill came; null: no kill. */
  killedAfterOrganizationPosts: number | null;
}

function endOf(exit: ToolExit, timedOut: boolean): ProcessEnd {
  if (timedOut) return 'timeout';
  return exit.code ?? exit.signal ?? 'unknown';
}

/** Waits for the child's end, killing it after PROCESS_TIMEOUT_MS. */
async function awaitEnd(child: ToolChild): Promise<{ exit: ToolExit; end: ProcessEnd }> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill();
  }, PROCESS_TIMEOUT_MS);
  const exit = await child.exited;
  clearTimeout(timer);
  return { exit, end: endOf(exit, timedOut) };
}

/**
 * Reads the request log until `target` organization creates were received,
 * then returns their count; null when the child ended first.
 */
async function watchMidpoint(
  control: Control,
  child: ToolChild,
  target: number,
): Promise<number | null> {
  let ended = false;
  const end = () => {
    ended = true;
  };
  child.exited.then(end, end);
  let seen = 0;
  let since = 0;
  while (!ended) {
    const entries = await readLogSince(control, since);
    since = entries.at(-1)?.seq ?? since;
    seen += entries.filter(isOrganizationPost).length;
    if (seen >= target) return seen;
    await sleep(POLL_MS);
  }
  return null;
}

async function playTool(
  tool: ToolName,
  kind: ScenarioKind,
  setup: ToolSetup,
  control: Control,
  customers: number,
) {
  const first = await startTool(
    toolCommand(tool, setup, false),
    join(setup.runDir, 'first'),
  );
  const target = Math.ceil(customers / 2);
  let killedAt: number | null = null;
  try {
    if (kind === 'killed') killedAt = await watchMidpoint(control, first, target);
  } catch (error) {
    first.kill(); // never leave a tool running against an emulator about to stop
    throw error;
  }
  if (killedAt !== null) first.kill();
  const firstEnd = await awaitEnd(first);
  if (kind === 'clean') return { runs: [firstEnd], killedAt };
  await sleep(SETTLE_MS);
  const second = await startTool(
    toolCommand(tool, setup, true),
    join(setup.runDir, 'again'),
  );
  return { runs: [firstEnd, await awaitEnd(second)], killedAt };
}

/** Runs `tool` once as `kind` against a fresh emulator and measures it there. */
export async function runScenario(
  tool: ToolName,
  kind: ScenarioKind,
  settings: RunSettings,
): Promise<ScenarioResult> {
  const runDir = join(settings.workDir, `${tool}-${kind}`);
  await mkdir(runDir, { recursive: true });
  const emulator = await startEmulatorProcess({
    aaSync: [process.execPath, DIST_ENTRY],
    cwd: settings.workDir,
    rateLimit: { ratePerSecond: settings.limit, burst: settings.burst },
  });
  try {
    const control: Control = (method, path) => emulator.control(method, path);
    await emulator.control('PUT', '/faults', { global: settings.faults });
    const setup = { ...settings, baseUrl: emulator.baseUrl, runDir };
    const played = await playTool(tool, kind, setup, control, settings.expected.length);
    await sleep(SETTLE_MS);
    const wallMs = played.runs.reduce((total, run) => total + run.exit.wallMs, 0);
    return {
      tool,
      scenario: kind,
      wallSeconds: wallMs / MS_PER_SECOND,
      ends: played.runs.map((run) => run.end),
      killedAfterOrganizationPosts: played.killedAt,
      ...(await emulatorFigures(control, settings.expected)),
    };
  } finally {
    await emulator.stop();
  }
}
