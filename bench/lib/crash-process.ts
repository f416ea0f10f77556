/**
 * Starts the built aa-sync (`dist/cli/main.js`, from `npm run build`) as a
 * child process that the crash campaign may SIGKILL at any moment.
 * Exports: `DIST_ENTRY`, `CliChild`, `CliExit`, `CliPlace`, `startCli`, `collectExit`, `runCliToEnd`,
 * `requireBuild`.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built command line; the campaign runs it, not the sources. */
export const DIST_ENTRY = fileURLToPath(
  new URL('../../dist/cli/main.js', import.meta.url),
);

/** How a child ended: its exit code, or the signal that ended it. */
export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running aa-sync. */
export interface CliChild {
  pid: number;
  exited: Promise<CliExit>;
  /** SIGKILL: no handler runs, nothing is flushed. */
  kill(): void;
}

/** Where a child runs and what it sees. */
export interface CliPlace {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Fails with a clear message when `npm run build` has not been run. */
export function requireBuild(): void {
  if (!existsSync(DIST_ENTRY)) {
    throw new Error(`${DIST_ENTRY} is missing: run \`npm run build\` first`);
  }
}

/** Starts `aa-sync ARGS...` from dist/. */
export function startCli(args: readonly string[], place: CliPlace): CliChild {
  const child = spawn(process.execPath, [DIST_ENTRY, ...args], {
    cwd: place.cwd,
    env: place.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = collectExit(child);
  return {
    pid: child.pid ?? 0,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** What a child with piped stdout and stderr printed, and how it ended. */
export function collectExit(
  child: ChildProcessByStdio<null, Readable, Readable>,
): Promise<CliExit> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise<CliExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `aa-sync ARGS...` to its end. */
export function runCliToEnd(args: readonly string[], place: CliPlace): Promise<CliExit> {
  return startCli(args, place).exited;
}
