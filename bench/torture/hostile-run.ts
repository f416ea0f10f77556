/**
 * Runs the built aa-sync on one hostile case, as a partner would: a child
 * process in a folder of its own, the canary key in its environment, and a
 * time limit past which it counts as hung. Exports: `HOSTILE_COMMANDS`,
 * `HostileCommand`, `CommandRun`, `runCommand`, `outputFaults`, `hasRawControl`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CasePaths, HostileCase } from './hostile-cases.js';
import { caseArgs, inputPath, normaliseOutput } from './hostile-cases.js';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
/** A refused input is refused in about a second; a minute means a hang. */
const HANG_MS = 60_000;

export const HOSTILE_COMMANDS = ['apply', 'validate', 'plan'] as const;
export type HostileCommand = (typeof HOSTILE_COMMANDS)[number];

/** Where and against what a command runs. */
export interface RunTarget {
  paths: CasePaths;
  /** The emulator's API base, e.g. `http://127.0.0.1:40123/api/v1`. */
  baseUrl: string;
  apiKey: string;
}

/** What one command printed and how it ended. */
export interface CommandRun {
  command: HostileCommand;
  /** The child's own folder: its state and report directories are here. */
  cwd: string;
  /** Null when a signal ended it. */
  exit: number | null;
  stdout: string;
  stderr: string;
  /** Killed after HANG_MS. */
  hung: boolean;
}

function commandArgs(
  command: HostileCommand,
  entry: HostileCase,
  target: RunTarget,
): string[] {
  const args = [command, inputPath(entry, target.paths)];
  if (command !== 'validate') args.push('--base-url', target.baseUrl);
  if (command === 'apply') args.push('--yes');
  return [...args, ...caseArgs(entry, target.paths)];
}

/**
 * The environment of the child: this one without aa-sync's own variables (a
 * profile or base URL of the person running the campaign), plus the key.
 */
function childEnv(apiKey: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('AA_SYNC_') || name.startsWith('ANSWERING_AGENT_')) continue;
    env[name] = value;
  }
  return { ...env, ANSWERING_AGENT_API_KEY: apiKey };
}

/** Runs `command` on `entry` in `<work>/cases/<id>/<command>/`. */
export function runCommand(
  command: HostileCommand,
  entry: HostileCase,
  target: RunTarget,
): Promise<CommandRun> {
  const cwd = join(target.paths.work, 'cases', entry.id, command);
  mkdirSync(cwd, { recursive: true });
  const child = spawn(process.execPath, [MAIN, ...commandArgs(command, entry, target)], {
    cwd,
    env: childEnv(target.apiKey),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let hung = false;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, HANG_MS);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exit) => {
      clearTimeout(timer);
      const paths = target.paths;
      resolve({
        command,
        cwd,
        exit,
        stdout: normaliseOutput(stdout, paths),
        stderr: normaliseOutput(stderr, paths),
        hung,
      });
    });
  });
}

const LINE_FEED = 0x0a;

/**
 * Whether `text` holds a character a terminal acts on or hides: a control
 * character other than the line feed (C0, DEL, C1), a line or paragraph
 * separator, or a bidirectional override or isolate.
 */
export function hasRawControl(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit === LINE_FEED) continue;
    if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)) return true;
    if (unit === 0x2028 || unit === 0x2029) return true;
    if ((unit >= 0x202a && unit <= 0x202e) || (unit >= 0x2066 && unit <= 0x2069))
      return true;
  }
  return false;
}
/** What a crash prints: a stack frame, or aa-sync's own words for a bug. */
const CRASH_SIGNS = [
  /^\s+at .+:\d+:\d+\)?$/mu,
  /internal error/iu,
  /heap out of memory/iu,
];

/** What is wrong with a command's output whatever the case: a crash, raw controls. */
export function outputFaults(run: CommandRun): { crashed: boolean; rawControl: boolean } {
  const output = run.stdout + run.stderr;
  return {
    crashed:
      run.hung ||
      run.exit === null ||
      run.exit === 1 ||
      CRASH_SIGNS.some((sign) => sign.test(output)),
    rawControl: hasRawControl(output),
  };
}
