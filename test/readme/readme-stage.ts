/**
 * The stage of a README example: a temporary working directory with the
 * fixtures linked in (so the default state directory lands there) and the
 * emulator that the example starts in the background with `$ ... &`, moved
 * to a free port.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CliResult } from '../support/cli.js';
import {
  AA_SYNC,
  PROJECT_ROOT,
  finished,
  freePort,
  waitForHttp,
} from '../support/cli.js';
import type { ConsoleStep } from './readme-blocks.js';
import { normalise } from './readme-blocks.js';

const run = promisify(execFile);
/** The port the README's examples show. */
export const README_PORT = '4010';

export interface ReadmeStage {
  workDir: string;
  /** Runs a step as a shell shows it (both streams), `suffix` appended to the script. */
  output(step: ConsoleStep, suffix?: string): Promise<string>;
  /** The same, without setting aside what differs between runs. */
  rawOutput(step: ConsoleStep, suffix?: string): Promise<string>;
  /** Starts the background emulator of a `$ npx aa-sync emulator ... &` step. */
  startEmulator(step: ConsoleStep): Promise<void>;
  /** Stops the emulator with SIGINT and returns how it exited. */
  stopEmulator(): Promise<CliResult>;
  /** Kills whatever is left and removes the directory. */
  dispose(): void;
}

export async function readmeStage(prefix: string): Promise<ReadmeStage> {
  const workDir = mkdtempSync(join(tmpdir(), prefix));
  symlinkSync(join(PROJECT_ROOT, 'fixtures'), join(workDir, 'fixtures'));
  const port = String(await freePort());
  let background: ChildProcess | undefined;
  let exited: Promise<CliResult> | undefined;
  const local = (command: string): string =>
    command.replaceAll('npx aa-sync', AA_SYNC).replaceAll(README_PORT, port);
  const rawOutput = async (step: ConsoleStep, suffix = 'true'): Promise<string> => {
    const script = `(${local(step.command)}) 2>&1; ${suffix}`;
    const result = await run('bash', ['-c', script], { cwd: workDir });
    return result.stdout;
  };
  return {
    workDir,
    async output(step, suffix) {
      return normalise(await rawOutput(step, suffix));
    },
    rawOutput,
    async startEmulator(step) {
      const command = local(step.command).replace(/ &$/, '');
      background = spawn('bash', ['-c', `exec ${command}`], {
        cwd: workDir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      exited = finished(background);
      await waitForHttp(`http://127.0.0.1:${port}/_emulator/health`);
    },
    async stopEmulator() {
      if (background === undefined || exited === undefined) {
        throw new Error('no emulator was started');
      }
      background.kill('SIGINT');
      return exited;
    },
    dispose() {
      background?.kill('SIGKILL');
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
