/**
 * The soak's emulator: `aa-sync emulator` as a child process on one fixed
 * loopback port with one state file, that the soak stops (SIGTERM or SIGKILL)
 * and starts again on the same port, as a partner's API would come back. Its
 * counters die with each process, so they are read often and added up.
 * Exports: `SoakEmulator`, `SoakEmulatorOptions`, `startSoakEmulator`.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { controlCall } from '../lib/emulator-process.js';
import { DIST_ENTRY } from '../lib/crash-process.js';
import type { CountersSnapshot } from '../../src/emulator/index.js';
import { SOAK_KEY } from './soak-settings.js';
import { CounterTally } from './soak-tally.js';
import { freeLoopbackPort } from './soak-port.js';

/** Past this the emulator has not started: a failure of the soak itself. */
const START_TIMEOUT_MS = 30_000;
/** A SIGTERMed emulator closes at once; past this it is killed. */
const STOP_TIMEOUT_MS = 10_000;
/** A port just released may still be held for a moment; retries a start this often. */
const START_ATTEMPTS = 20;
const START_RETRY_MS = 250;

export interface SoakEmulatorOptions {
  cwd: string;
  stateFile: string;
  errorRate: number;
  dropRate: number;
  faultSeed: number;
  ratePerSecond: number;
}

/** The soak's emulator; every process it starts has the same port, state file and flags. */
export class SoakEmulator {
  /** Base of the Partner API, the same across restarts. */
  readonly baseUrl: string;
  /** Counters added up over every process so far. */
  readonly tally = new CounterTally();
  readonly #options: SoakEmulatorOptions;
  readonly #port: number;
  readonly #token = randomBytes(16).toString('hex');
  /** Processes started so far; the running one's readings carry it as their tag. */
  #lifetime = 0;
  #running: Running | null = null;

  constructor(options: SoakEmulatorOptions, port: number) {
    this.#options = options;
    this.#port = port;
    this.baseUrl = `http://127.0.0.1:${port}/api/v1`;
  }

  /** Calls a control route of the running process. */
  control(method: string, path: string, body?: unknown): Promise<unknown> {
    if (this.#running === null) throw new Error('the soak emulator is stopped');
    return controlCall(this.#running.url, this.#token, method, path, body);
  }

  /** Reads the running process's counters into the tally; quiet when it is down. */
  async poll(): Promise<void> {
    if (this.#running === null) return;
    // A reading that comes back after its process was stopped is ignored by its tag.
    const tag = this.#lifetime;
    try {
      const counters = await this.control('GET', '/counters');
      this.tally.observe(tag, counters as CountersSnapshot);
    } catch {
      // Down or stopping: the last reading that came back stands.
    }
  }

  /** Reads the counters, then stops the process with `signal`. */
  async stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const running = this.#running;
    if (running === null) return;
    await this.poll();
    this.#running = null;
    this.tally.endLifetime();
    await stopChild(running, signal);
  }

  /** Starts a new process on the same port with the same state file and flags. */
  async start(): Promise<void> {
    const args = emulatorArgs(this.#options, this.#port, this.#token, this.#lifetime);
    this.#running = await launchWithRetries(args, this.#options.cwd);
    this.#lifetime += 1;
  }

  /** Stops the process if one runs (the end of the soak). */
  close(): Promise<void> {
    return this.stop('SIGTERM');
  }
}

interface Running {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
}

/** Starts the first emulator process on a free loopback port. */
export async function startSoakEmulator(
  options: SoakEmulatorOptions,
): Promise<SoakEmulator> {
  const emulator = new SoakEmulator(options, await freeLoopbackPort());
  await emulator.start();
  return emulator;
}

function emulatorArgs(
  options: SoakEmulatorOptions,
  port: number,
  token: string,
  lifetime: number,
): string[] {
  return [
    ...['emulator', '--host', '127.0.0.1', '--port', String(port), '--json'],
    ...['--state-file', options.stateFile, '--key', `demo:${SOAK_KEY}`],
    ...['--control-token', token],
    ...['--error-rate', String(options.errorRate)],
    ...['--drop-rate', String(options.dropRate)],
    // Each process draws other faults: the same seed would repeat the same pattern.
    ...['--fault-seed', String(options.faultSeed + lifetime)],
    ...[
      '--rate',
      String(options.ratePerSecond),
      '--burst',
      String(options.ratePerSecond),
    ],
  ];
}

async function launchWithRetries(args: string[], cwd: string): Promise<Running> {
  let lastError: unknown;
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt += 1) {
    try {
      return await launch(args, cwd);
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, START_RETRY_MS));
    }
  }
  throw lastError;
}

function launch(args: string[], cwd: string): Promise<Running> {
  const child = spawn(process.execPath, [DIST_ENTRY, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
  child.stdout.setEncoding('utf8');
  return new Promise<Running>((resolve, reject) => {
    const timer = setTimeout(() => fail('did not start in time'), START_TIMEOUT_MS);
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`the soak emulator ${why}: ${stderr.trim()}`));
    };
    const early = (code: number | null): void =>
      fail(`exited (${code}) before it listened`);
    child.once('exit', early);
    child.stdout.on('data', (chunk: string) => {
      if (stdout.includes('\n')) return; // later lines are drained, not kept
      stdout += chunk;
      const end = stdout.indexOf('\n');
      if (end < 0) return;
      clearTimeout(timer);
      child.off('exit', early);
      const { url } = JSON.parse(stdout.slice(0, end)) as { url: string };
      resolve({ child, url, exited });
    });
  });
}

async function stopChild(running: Running, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  const { child } = running;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), STOP_TIMEOUT_MS);
  });
  if ((await Promise.race([running.exited, late])) === 'late') {
    child.kill('SIGKILL');
    await running.exited;
  }
  clearTimeout(timer);
}
