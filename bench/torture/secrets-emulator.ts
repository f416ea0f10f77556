/**
 * The built `aa-sync emulator` as a child process that accepts the canary
 * key, keeps its state in a file and may be seeded with hostile data; what it
 * prints is kept, because the emulator is one more command that must never
 * show the key. Exports: `CanaryEmulator`, `startCanaryEmulator`.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { DIST_ENTRY } from '../lib/crash-process.js';
import { controlCall } from '../lib/emulator-process.js';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface CanaryEmulator {
  baseUrl: string;
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  /** Stops it (SIGTERM, then SIGKILL) and hands back what it printed. */
  stop(): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

export interface CanaryEmulatorOptions {
  cwd: string;
  /** The partner's keys, as PARTNER:KEY. */
  keys: readonly string[];
  stateFile: string;
  seedPath?: string;
}

interface Banner {
  url: string;
  baseUrl: string;
  controlToken: string;
}

/** Starts the emulator on a free loopback port, without a rate limit. */
export async function startCanaryEmulator(
  options: CanaryEmulatorOptions,
): Promise<CanaryEmulator> {
  const args = ['emulator', '--host', '127.0.0.1', '--port', '0', '--json'];
  for (const key of options.keys) args.push('--key', key);
  args.push('--no-rate-limit', '--state-file', options.stateFile);
  if (options.seedPath !== undefined) args.push('--seed', options.seedPath);
  const child = spawn(process.execPath, [DIST_ENTRY, ...args], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const banner = await new Promise<Banner>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(
      () => reject(new Error('the emulator did not start')),
      START_TIMEOUT_MS,
    );
    lines.once('line', (line) => {
      clearTimeout(timer);
      stdout += `${line}\n`;
      child.stdout.on('data', (chunk: string) => (stdout += chunk));
      resolve(JSON.parse(line) as Banner);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code}) before it listened: ${stderr}`));
    });
  });
  return {
    baseUrl: banner.baseUrl,
    control: (method, path, body) =>
      controlCall(banner.url, banner.controlToken, method, path, body),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      return { code: child.exitCode, stdout, stderr };
    },
  };
}
