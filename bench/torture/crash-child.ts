/**
 * The built aa-sync in a child process whose output is watched as it comes,
 * so that a kill can wait for a point of the run (the run's start, its end)
 * rather than for a time after the spawn. Used by the crash and concurrency
 * parts. Exports: `WatchedCli`, `watchCli`, `exitOrTimeout`, `delay`.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CliExit, CliPlace } from '../lib/crash-process.js';
import { DIST_ENTRY } from '../lib/crash-process.js';

/** A running aa-sync and what it printed so far. */
export interface WatchedCli {
  pid: number;
  /** Epoch ms of the spawn. */
  startedMs: number;
  exited: Promise<CliExit>;
  /** Resolves when `pattern` matches the output so far (stdout and stderr). */
  seen(pattern: RegExp): Promise<void>;
  /** Whether the process has neither exited nor been reaped. */
  running(): boolean;
  /** SIGKILL: no handler runs, nothing is flushed. */
  kill(): void;
}

/** Starts `aa-sync ARGS...` from dist/ and watches its output. */
export function watchCli(args: readonly string[], place: CliPlace): WatchedCli {
  const startedMs = Date.now();
  const child = spawn(process.execPath, [DIST_ENTRY, ...args], {
    cwd: place.cwd,
    env: place.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const wake = (): void => {
    for (const waiter of waiters.splice(0)) {
      if (waiter.pattern.test(stdout) || waiter.pattern.test(stderr)) waiter.resolve();
      else waiters.push(waiter);
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    wake();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    wake();
  });
  const exited = new Promise<CliExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    pid: child.pid ?? 0,
    startedMs,
    exited,
    seen: (pattern) =>
      new Promise<void>((resolve) => {
        waiters.push({ pattern, resolve });
        wake();
      }),
    running: () => child.exitCode === null && child.signalCode === null,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * The child's exit, or null when `trigger` resolves first. A trigger that never
 * resolves leaves the child to run to its end.
 */
export async function exitOrTimeout(
  cli: WatchedCli,
  trigger: (signal: AbortSignal) => Promise<void>,
): Promise<CliExit | null> {
  const timer = new AbortController();
  try {
    const fired = trigger(timer.signal).then(
      () => null,
      () => new Promise<never>(() => undefined),
    );
    return await Promise.race([cli.exited, fired]);
  } finally {
    timer.abort();
  }
}

/** Waits `ms`, or until `signal` aborts (then rejects, which `exitOrTimeout` ignores). */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal });
}
