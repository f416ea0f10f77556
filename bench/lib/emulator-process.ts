/**
 * Starts `aa-sync emulator` as a separate process on a free loopback port, so
 * that its work and memory stay out of the measured children, and stops it.
 * Exports: `startEmulatorProcess`, `EmulatorProcess`, `EmulatorProcessOptions`.
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
  /** Organizations the seed loaded (0 without a seed). */
  liveOrganizations: number;
  /** Calls a control endpoint (`/counters`, `/faults`, ...) and returns its JSON. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export interface EmulatorProcessOptions {
  /** The command prefix that runs aa-sync, e.g. `['node', 'dist/cli/main.js']`. */
  aaSync: readonly string[];
  cwd: string;
  /** A seed file to preload. */
  seedPath?: string;
  /** The per-key limit; null (the default) turns rate limiting off. */
  rateLimit?: { ratePerSecond: number; burst: number } | null;
}

interface StartupLine {
  url: string;
  baseUrl: string;
  controlToken: string;
  seed: { loaded: boolean; counts?: { organizations: number } } | null;
}

/** Starts the emulator as its own process, with the demo key, on a free loopback port. */
export async function startEmulatorProcess(
  options: EmulatorProcessOptions,
): Promise<EmulatorProcess> {
  const [program = '', ...prefix] = options.aaSync;
  const args = ['emulator', '--host', '127.0.0.1', '--port', '0', '--json'];
  args.push('--key', DEMO_KEY, ...limitArgs(options.rateLimit ?? null));
  if (options.seedPath !== undefined) args.push('--seed', options.seedPath);
  const child = spawn(program, [...prefix, ...args], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const startup = await firstLine(child);
    return {
      baseUrl: startup.baseUrl,
      liveOrganizations: seededOrganizations(startup, options.seedPath),
      control: (method, path, body) =>
        controlCall(startup.url, startup.controlToken, method, path, body),
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

function limitArgs(limit: EmulatorProcessOptions['rateLimit']): string[] {
  if (limit === null || limit === undefined) return ['--no-rate-limit'];
  return ['--rate', String(limit.ratePerSecond), '--burst', String(limit.burst)];
}

function seededOrganizations(startup: StartupLine, seedPath: string | undefined): number {
  if (seedPath === undefined) return 0;
  const organizations = startup.seed?.counts?.organizations;
  if (startup.seed?.loaded !== true || organizations === undefined) {
    throw new Error(`the emulator did not load the seed ${seedPath}`);
  }
  return organizations;
}

/** Calls a control endpoint of the emulator at `url` (its origin) and returns its JSON. */
export async function controlCall(
  url: string,
  controlToken: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${url}/_emulator${path}`, {
    method,
    headers: {
      'X-Emulator-Token': controlToken,
      'Content-Type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} /_emulator${path} answered ${response.status}`);
  return response.json();
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
