/**
 * Runs a command as a child process and measures it from the outside: wall
 * time from this process's monotonic clock, peak resident memory from GNU
 * time (`/usr/bin/time -f %M`). The product carries no benchmark hooks.
 * Exports: `measureChild`, `ChildMeasurement`, `MeasureOptions`, `GNU_TIME`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Debian's `time` package; its `-o` keeps the figure apart from the child's stderr. */
export const GNU_TIME = '/usr/bin/time';
const KIB_PER_MIB = 1024;
/** Most of the child's stderr kept for an error message. */
const STDERR_TAIL_CHARS = 4000;

export interface MeasureOptions {
  /** Directory for the child's stdout file and GNU time's output. */
  workDir: string;
  /** A file name in workDir; the child's stdout goes there, not into memory. */
  name: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface ChildMeasurement {
  exitCode: number | null;
  wallMs: number;
  peakRssMiB: number;
  /** Path of the file that holds everything the child printed on stdout. */
  stdoutFile: string;
  stderr: string;
}

/** Runs `command` to its end; rejects when GNU time is missing or gives no figure. */
export async function measureChild(
  command: readonly string[],
  options: MeasureOptions,
): Promise<ChildMeasurement> {
  if (!existsSync(GNU_TIME)) {
    throw new Error(
      `${GNU_TIME} is missing: the benchmark measures peak memory with GNU time ` +
        '(Debian package "time"; apt-get install time).',
    );
  }
  const timeFile = join(options.workDir, `${options.name}.time`);
  const stdoutFile = join(options.workDir, `${options.name}.stdout`);
  const argv = ['-o', timeFile, '-f', '%M', ...command];
  const started = performance.now();
  const { exitCode, stderr } = await runToEnd(argv, stdoutFile, options);
  const wallMs = Math.round(performance.now() - started);
  const peakKiB = Number((await readFile(timeFile, 'utf8')).trim().split('\n').pop());
  if (!Number.isFinite(peakKiB) || peakKiB <= 0) {
    throw new Error(`GNU time wrote no peak memory for ${command.join(' ')}`);
  }
  return {
    exitCode,
    wallMs,
    peakRssMiB: round1(peakKiB / KIB_PER_MIB),
    stdoutFile,
    stderr,
  };
}

async function runToEnd(
  argv: readonly string[],
  stdoutFile: string,
  options: MeasureOptions,
): Promise<{ exitCode: number | null; stderr: string }> {
  const out = await open(stdoutFile, 'w');
  try {
    const child = spawn(GNU_TIME, argv, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', out.fd, 'pipe'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    return { exitCode, stderr };
  } finally {
    await out.close();
  }
}

/** One decimal: a MiB figure finer than that is noise between runs. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
