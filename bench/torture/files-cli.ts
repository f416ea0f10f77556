/**
 * The built command line as the files campaign runs it: under umask 000 (so
 * that only aa-sync's own modes keep files private), optionally as another
 * user, and judged on how it fails: the exit code, whether the message names
 * the path, and whether a stack trace or an internal error leaked out.
 * Exports: `runLoose`, `startLoose`, `FailureView`, `viewFailure`, `treeModes`,
 * `ModeTally`.
 */
import { spawn } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DIST_ENTRY, collectExit } from '../lib/crash-process.js';
import type { CliExit } from '../lib/crash-process.js';

export interface LooseOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Run as this user (and group) instead of root. */
  uid?: number;
}

/** A running command; `kill` is SIGKILL. */
export interface LooseChild {
  exited: Promise<CliExit>;
  kill(): void;
}

/** Starts `aa-sync ARGS` through sh, with umask 000. */
export function startLoose(args: readonly string[], options: LooseOptions): LooseChild {
  const child = spawn(
    '/bin/sh',
    ['-c', 'umask 000; exec "$0" "$@"', process.execPath, DIST_ENTRY, ...args],
    {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
    },
  );
  const exited = collectExit(child);
  return { exited, kill: () => child.kill('SIGKILL') };
}

/** Runs `aa-sync ARGS` to its end, with umask 000. */
export function runLoose(
  args: readonly string[],
  options: LooseOptions,
): Promise<CliExit> {
  return startLoose(args, options).exited;
}

/** How a command failed, as a person reading it would judge. */
export interface FailureView {
  code: number | null;
  /** The last `aa-sync: ...` line. */
  message: string;
  namesPath: boolean;
  /** A stack frame (`    at fn (file:1:2)`) or the internal-error banner. */
  stackTrace: boolean;
}

const STACK_FRAME = /^\s+at .*(?:\(|\s)(?:file:|node:|\/)\S*:\d+/m;

export function viewFailure(exit: CliExit, path: string): FailureView {
  const output = exit.stdout + exit.stderr;
  const lines = exit.stderr.split('\n').filter((line) => line.startsWith('aa-sync: '));
  const message = lines.at(-1) ?? '';
  return {
    code: exit.code,
    message,
    namesPath: message.includes(path),
    stackTrace: STACK_FRAME.test(output) || output.includes('internal error'),
  };
}

/** Files and folders found, and those open to group or others. */
export interface ModeTally {
  checked: number;
  violations: string[];
}

/**
 * Every folder under `root` must be 0700 and every file 0600 or stricter
 * (no bit for group or others); `root` itself is judged too.
 */
export function treeModes(root: string, tally: ModeTally, base = root): void {
  const stats = lstatSync(root);
  tally.checked += 1;
  const mode = stats.mode & 0o777;
  const where = relative(base, root) || '.';
  if (stats.isDirectory() ? mode !== 0o700 : (mode & 0o077) !== 0) {
    tally.violations.push(`${where} ${mode.toString(8)}`);
  }
  if (!stats.isDirectory()) return;
  for (const name of readdirSync(root)) treeModes(join(root, name), tally, base);
}
