/**
 * What every benchmark script shares on its command line and at its end:
 * `--results-dir` (so that a trial at small sizes does not overwrite the
 * committed tables), a bad flag reported as a usage error (exit 64, no stack),
 * and an interrupt (SIGINT, SIGTERM) that leaves nothing behind: the script's
 * child processes (emulators, aa-sync, newman) are killed and its temporary
 * folders removed before it exits 130 or 143. Linux only, as the benches are.
 * Exports: `splitResultsDir`, `readFlags`, `readBenchFlags`, `makeWorkDir`, `removeOnInterrupt`,
 * `USAGE_EXIT`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const USAGE_EXIT = 64;
const DEFAULT_RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));
/** Exit codes of a shell for a process ended by the signal. */
const SIGNAL_EXITS = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Takes `--results-dir DIR` (or `--results-dir=DIR`) out of `args`: the
 * folder and the other arguments, for the script's own parser.
 */
export function splitResultsDir(args: readonly string[]): {
  resultsDir: string;
  rest: string[];
} {
  const rest: string[] = [];
  let resultsDir = DEFAULT_RESULTS_DIR;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg.startsWith('--results-dir=')) {
      resultsDir = arg.slice('--results-dir='.length);
    } else if (arg === '--results-dir') {
      const value = args[index + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new RangeError('--results-dir needs a folder');
      }
      resultsDir = value;
      index += 1;
    } else rest.push(arg);
  }
  return { resultsDir, rest };
}

/**
 * Runs the script's flag parser; a flag it refuses is printed with `usage`
 * and the exit code set to 64. Undefined then: the script stops.
 */
export function readFlags<T>(parse: () => T, usage: string): T | undefined {
  try {
    return parse();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    process.exitCode = USAGE_EXIT;
    return undefined;
  }
}

/**
 * `readFlags` for a part's script: `--results-dir` taken out, the rest given
 * to the script's own parser.
 */
export function readBenchFlags<T>(
  parse: (args: string[]) => T,
  usage: string,
): { resultsDir: string; options: T } | undefined {
  const flags = readFlags(() => {
    const { resultsDir, rest } = splitResultsDir(process.argv.slice(2));
    return { resultsDir, options: parse(rest) };
  }, usage);
  // Made now, so that a folder that cannot be made fails before the work does.
  if (flags !== undefined) mkdirSync(flags.resultsDir, { recursive: true });
  return flags;
}

const folders = new Set<string>();
let installed = false;

/** A new temporary folder, removed if the script is interrupted. */
export function makeWorkDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  removeOnInterrupt(dir);
  return dir;
}

/** Removes `dir` if the script is interrupted; the script removes it itself otherwise. */
export function removeOnInterrupt(dir: string): void {
  folders.add(dir);
  if (installed) return;
  installed = true;
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // `on`, not `once`: a second signal (the terminal's and a parent's) must not
    // find the default action and end the process before the folders are gone.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      killDescendants();
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
      process.stderr.write(
        `bench interrupted (${signal}); its processes and folders are gone\n`,
      );
      process.exit(SIGNAL_EXITS[signal]);
    });
  }
}

/** Every process below this one, found through /proc, killed deepest first. */
function killDescendants(): void {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const order: number[] = [];
  const visit = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      visit(child);
      order.push(child);
    }
  };
  visit(process.pid);
  for (const pid of order) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

function parentOf(pid: number): number | undefined {
  try {
    // The command name (field 2) may hold spaces; the parent id follows its ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}
