/**
 * Runs the aa-sync command line from source (through tsx) as a child process,
 * so that CLI tests need no build step and test the code as it stands.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = 'src/cli/main.ts';
/**
 * The entry and the tsx loader as absolute paths, for a child started in
 * another directory: `--import tsx` is resolved from the child's directory.
 */
const ENTRY_PATH = join(PROJECT_ROOT, ENTRY);
const TSX_LOADER = pathToFileURL(
  createRequire(join(PROJECT_ROOT, 'package.json')).resolve('tsx'),
).href;

/** The command that stands for `npx aa-sync` in tests, from any directory. */
export const AA_SYNC = `${JSON.stringify(process.execPath)} --import ${TSX_LOADER} ${ENTRY_PATH}`;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Where a child runs and what it sees. */
export interface CliOptions {
  /** Working directory; default the project root. */
  cwd?: string;
  /** The whole environment of the child; default this process's environment. */
  env?: NodeJS.ProcessEnv;
}

/** Starts `aa-sync ARGS...`; the caller waits for it or stops it. */
export function spawnCli(
  args: readonly string[],
  options: CliOptions = {},
): ChildProcess {
  return spawn(process.execPath, ['--import', TSX_LOADER, ENTRY_PATH, ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs a child to its end and collects what it printed. */
export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `aa-sync ARGS...` to its end. */
export function runCli(
  args: readonly string[],
  options: CliOptions = {},
): Promise<CliResult> {
  return finished(spawnCli(args, options));
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200, for at most `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The line a command that wrote reports into the default directory ends with,
 * and nothing else: what `plan` prints on standard error when all went well.
 */
export const ONLY_REPORT_LINE =
  /^Report of (\d{8}-\d{6}-[0-9a-f]{4}): reports\/\1\/report\.html \(CSV files and summary\.json beside it\)\n$/;
