/**
 * Child processes that take the run lock (see `lock-child.ts`), started with
 * tsx so that no build is needed, and stopped after each test.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach } from 'vitest';
import type { ChildReport } from './lock-child.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const CHILD = join(REPO, 'test', 'checkpoint', 'lock-child.ts');

/** A started child and the line it reports once it tried to take the lock. */
export interface LockChild {
  process: ChildProcess;
  report: Promise<ChildReport>;
}

const started: ChildProcess[] = [];

afterEach(async () => {
  // A failed test may leave a child holding the lock: end it, and wait, so
  // that it does not outlive the temp directory.
  await Promise.all(started.splice(0).map((child) => kill(child, 'SIGKILL')));
});

/** Starts a child that tries to take the run lock of `stateDir`. */
export function startLockChild(stateDir: string): LockChild {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, stateDir], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  started.push(child);
  return { process: child, report: firstLine(child) };
}

async function firstLine(child: ChildProcess): Promise<ChildReport> {
  if (child.stdout === null) throw new Error('the child has no stdout');
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the lock child exited with code ${String(code)} before reporting`);
  });
  try {
    for await (const line of lines) return JSON.parse(line) as ChildReport;
    return await exited;
  } finally {
    lines.close();
    exited.catch(() => undefined);
  }
}

/** Closes the child's stdin, so that it releases the lock, and waits for its exit. */
export async function stopLockChild(child: LockChild): Promise<number | null> {
  const exit = child.process.exitCode ?? child.process.signalCode;
  if (exit !== null) return child.process.exitCode;
  const exited = once(child.process, 'exit');
  child.process.stdin?.end();
  const [code] = (await exited) as [number | null];
  return code;
}

/** Sends `signal` and waits for the child's exit; nothing if it has exited. */
export async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}
