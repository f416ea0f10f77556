/**
 * Runs the built aa-sync command line as a partner would, in a child process:
 * its output goes straight to this terminal (the progress bar included), and
 * the command is printed first, so that it can be copied.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** `dist/cli/main.js`, beside this file's folder in the build. */
const CLI_ENTRY = fileURLToPath(new URL('../cli/main.js', import.meta.url));

export interface CliRun {
  /** The arguments after `aa-sync`. */
  args: readonly string[];
  /** Variables added to this process's environment. */
  env: Record<string, string>;
  /** What to print for the environment part of the command line. */
  shownEnv: string;
}

/** Prints `$ VAR=... npx aa-sync ARGS`, runs it, and resolves with its exit code. */
export function runCliChild(run: CliRun, say: (text: string) => void): Promise<number> {
  say(`$ ${run.shownEnv} npx aa-sync ${wrap(run.args)}\n`);
  const child = spawn(process.execPath, [CLI_ENTRY, ...run.args], {
    env: { ...process.env, ...run.env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}

/** The arguments on lines of at most about 80 columns, continued with `\`. */
function wrap(args: readonly string[]): string {
  const lines: string[] = [];
  let current = '';
  for (const arg of args) {
    const next = current === '' ? arg : `${current} ${arg}`;
    if (next.length > 64 && current !== '' && arg.startsWith('--')) {
      lines.push(current);
      current = arg;
    } else current = next;
  }
  lines.push(current);
  return lines.join(' \\\n    ');
}
