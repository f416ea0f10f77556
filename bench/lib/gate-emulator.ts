/**
 * Starts `aa-sync emulator` from source as a separate process on a free
 * loopback port with a given rate limit, reads its counters, and stops it.
 * Exports: `startLimitedEmulator`, `LimitedEmulator`, `EmulatorCounters`.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const DEMO_KEY = 'demo:sk_test_demo';

/** What the emulator counted. */
export interface EmulatorCounters {
  rateLimited: number;
  totalRequests: number;
}

export interface LimitedEmulator {
  /** Base of the Partner API, e.g. `http://127.0.0.1:40123/api/v1`. */
  baseUrl: string;
  counters(): Promise<EmulatorCounters>;
  stop(): Promise<void>;
}

interface StartupLine {
  url: string;
  baseUrl: string;
  controlToken: string;
}

/** Runs `src/cli/main.ts` through tsx, so the benchmark needs no build. */
export async function startLimitedEmulator(
  projectRoot: string,
  limit: { ratePerSecond: number; burst: number },
): Promise<LimitedEmulator> {
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'emulator', '--host', '127.0.0.1'];
  args.push('--port', '0', '--json', '--key', DEMO_KEY);
  args.push('--rate', String(limit.ratePerSecond), '--burst', String(limit.burst));
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const startup = await firstLine(child);
    return {
      baseUrl: startup.baseUrl,
      counters: () => readCounters(startup),
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

async function readCounters(startup: StartupLine): Promise<EmulatorCounters> {
  const res = await fetch(`${startup.url}/_emulator/counters`, {
    headers: { 'X-Emulator-Token': startup.controlToken },
  });
  if (!res.ok) throw new Error(`GET /_emulator/counters answered ${res.status}`);
  return (await res.json()) as EmulatorCounters;
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
