/**
 * Starts `aa-sync emulator` as a separate process on a free loopback port, so
 * that its work and memory stay out of the measured children, and stops it.
 * Exports: `startEmulatorProcess`, `EmulatorProcess`.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A large seed takes a few seconds to load; past this the start has failed. */
const START_TIMEOUT_MS = 60_000;
/** Time the emulator gets to close after SIGTERM before SIGKILL. */
const STOP_TIMEOUT_MS = 5_000;
const DEMO_KEY = 'demo:sk_test_demo';

export interface EmulatorProcess {
  /** Base of the Partner API, e.g. `http://127.0.0.1:40123/api/v1`. */
  baseUrl: string;
  /** Organizations the seed loaded. */
  liveOrganizations: number;
  stop(): Promise<void>;
}

interface StartupLine {
  baseUrl: string;
  seed: { loaded: boolean; counts?: { organizations: number } } | null;
}

/** Starts the emulator with `seedPath` preloaded; `aaSync` is the command prefix. */
export async function startEmulatorProcess(
  aaSync: readonly string[],
  seedPath: string,
  cwd: string,
): Promise<EmulatorProcess> {
  const [program = '', ...prefix] = aaSync;
  const args = ['emulator', '--port', '0', '--json', '--no-rate-limit'];
  const child = spawn(
    program,
    [...prefix, ...args, '--seed', seedPath, '--key', DEMO_KEY],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const startup = await firstLine(child);
    const organizations = startup.seed?.counts?.organizations;
    if (startup.seed?.loaded !== true || organizations === undefined) {
      throw new Error(`the emulator did not load the seed ${seedPath}`);
    }
    return {
      baseUrl: startup.baseUrl,
      liveOrganizations: organizations,
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

function firstLine(child: ChildProcess): Promise<StartupLine> {
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  return new Promise<StartupLine>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the emulator did not start in ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    const settle = () => {
      clearTimeout(timer);
      lines.close();
    };
    lines.once('line', (line) => {
      settle();
      resolve(JSON.parse(line) as StartupLine);
    });
    child.once('exit', (code) => {
      settle();
      reject(new Error(`the emulator exited (${code}) before it listened: ${stderr}`));
    });
  });
}

/** SIGTERM (the emulator closes cleanly), then SIGKILL if it hangs. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), STOP_TIMEOUT_MS);
  });
  if ((await Promise.race([exited, late])) === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}
