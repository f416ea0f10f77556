/**
 * Drives aa-sync through the soak as a partner's cron would: `apply`, and
 * while the run is not done, `resume` (interrupted) or `retry-failed`
 * (partial) after a pause. Every invocation must end by itself within a
 * bound; one that does not is killed and recorded as wedged.
 * Exports: `Invocation`, `DriveResult`, `DrivePlace`, `driveToDone`.
 */
import { EXIT } from '../../src/cli/exit-codes.js';
import type { CliExit, CliPlace } from '../lib/crash-process.js';
import { runCliToEnd, startCli } from '../lib/crash-process.js';
import type { SoakSettings } from './soak-settings.js';

/** One aa-sync command line of the soak and how it ended. */
export interface Invocation {
  command: 'apply' | 'resume' | 'retry-failed';
  /** The exit code, or null when it was killed (wedged). */
  exitCode: number | null;
  wedged: boolean;
  /** From its "progress at the end" log line; 0 when it stopped before executing. */
  requests: number;
  rateLimited: number;
}

export interface DriveResult {
  invocations: Invocation[];
  /** The last invocation exited 0: the run (or its retry) completed. */
  completed: boolean;
}

/** Where aa-sync runs, and the flags every run command gets. */
export interface DrivePlace extends CliPlace {
  exportPath: string;
  /** `--base-url`, `--state-dir`, `--report-dir`, rates, log format. */
  flags: readonly string[];
  stateFlags: readonly string[];
}

interface RunsJson {
  runs: { id: string; status: string }[];
}

/** Runs `apply`, then resumes or retries until a command exits 0 or the cap is hit. */
export async function driveToDone(
  place: DrivePlace,
  settings: SoakSettings,
  log: (line: string) => void,
): Promise<DriveResult> {
  const invocations: Invocation[] = [];
  let next: string[] = ['apply', place.exportPath, '--yes'];
  while (invocations.length < settings.maxInvocations) {
    const invocation = await invoke(next, place, settings.invocationBoundMs);
    invocations.push(invocation);
    log(`${invocation.command} ended: ${describeEnd(invocation)}`);
    if (invocation.exitCode === EXIT.ok) return { invocations, completed: true };
    await sleep(settings.resumePauseMs);
    next = await nextCommand(place);
  }
  return { invocations, completed: false };
}

async function invoke(
  args: string[],
  place: DrivePlace,
  boundMs: number,
): Promise<Invocation> {
  const child = startCli([...args, ...place.flags], place);
  let wedged = false;
  const timer = setTimeout(() => {
    wedged = true;
    child.kill();
  }, boundMs);
  const exit = await child.exited;
  clearTimeout(timer);
  return {
    command: args[0] as Invocation['command'],
    exitCode: wedged ? null : exit.code,
    wedged,
    ...finalProgress(exit),
  };
}

/**
 * What a partner runs next, from the latest run of the state directory:
 * nothing recorded (the plan could not be read) means apply again.
 */
async function nextCommand(place: DrivePlace): Promise<string[]> {
  const listed = await runCliToEnd(['runs', '--json', ...place.stateFlags], place);
  const latest = parseRuns(listed)?.runs[0];
  if (latest === undefined) return ['apply', place.exportPath, '--yes'];
  if (latest.status === 'partial') return ['retry-failed', latest.id, '--yes'];
  return ['resume', latest.id, '--yes'];
}

function parseRuns(exit: CliExit): RunsJson | undefined {
  if (exit.code !== EXIT.ok) return undefined;
  return JSON.parse(exit.stdout) as RunsJson;
}

/** The counts of the "progress at the end" line of a JSON log on standard error. */
function finalProgress(exit: CliExit): { requests: number; rateLimited: number } {
  for (const line of exit.stderr.split('\n').reverse()) {
    if (!line.includes('"progress at the end')) continue;
    const fields = JSON.parse(line) as { requests?: number; rateLimited?: number };
    return { requests: fields.requests ?? 0, rateLimited: fields.rateLimited ?? 0 };
  }
  return { requests: 0, rateLimited: 0 };
}

function describeEnd(invocation: Invocation): string {
  if (invocation.wedged) return 'WEDGED, killed';
  return `exit ${invocation.exitCode}, ${invocation.requests} requests`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
