/**
 * Runs one tool of the side-by-side benchmark as a child process that may be
 * SIGKILLed at any moment, with its output in files (a naive tool prints a
 * line per failure) and its wall time from this process's monotonic clock.
 * Exports: `ToolCommand`, `ToolExit`, `ToolChild`, `startTool`.
 */
import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

/** A command line and where it runs. */
export interface ToolCommand {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** How a child ended, and after how long. */
export interface ToolExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  wallMs: number;
}

/** A running tool. */
export interface ToolChild {
  exited: Promise<ToolExit>;
  /** SIGKILL: the tool gets no chance to flush or clean up. */
  kill(): void;
}

/** Starts `command`; stdout and stderr go to `${outputBase}.stdout` / `.stderr`. */
export async function startTool(
  command: ToolCommand,
  outputBase: string,
): Promise<ToolChild> {
  const [program = '', ...args] = command.argv;
  const stdout = await open(`${outputBase}.stdout`, 'w');
  const stderr = await open(`${outputBase}.stderr`, 'w');
  const started = performance.now();
  const child = spawn(program, args, {
    cwd: command.cwd,
    env: command.env,
    stdio: ['ignore', stdout.fd, stderr.fd],
  });
  const exited = new Promise<ToolExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      resolve({ code, signal, wallMs: Math.round(performance.now() - started) });
    });
  }).finally(() => Promise.all([stdout.close(), stderr.close()]));
  return {
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
