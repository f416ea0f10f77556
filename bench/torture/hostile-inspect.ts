/**
 * What a refused command left in its folder, against what a refused command
 * may leave. `validate` writes nothing. `plan` and `apply` check the report
 * root before reading any input, so each leaves it (empty); `apply` also holds
 * the run lock while it reads, so it leaves the checkpoint (no run, no
 * operation, no lock) and one failure log naming the error. The canary key is
 * looked for in every byte of every file left.
 * Exports: `Leftovers`, `inspectLeftovers`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import type { CommandRun } from './hostile-run.js';

/** What one refused command left, and what of it should not be there. */
export interface Leftovers {
  /** Every path left, relative to the command's folder, sorted. */
  paths: string[];
  /** Paths a refused command of this kind should not leave, or rows it should not record. */
  unexpected: string[];
  /** Files that hold the canary key. */
  canaryFiles: string[];
}

const LOG_FILE = /^\.aa-sync\/logs\/\d{8}-\d{6}-[0-9a-f]{4}\.log$/u;
const ALLOWED: Record<CommandRun['command'], (path: string) => boolean> = {
  validate: () => false,
  plan: (path) => path === 'reports',
  apply: (path) =>
    ['reports', '.aa-sync', '.aa-sync/checkpoint.sqlite', '.aa-sync/logs'].includes(
      path,
    ) || LOG_FILE.test(path),
};

/** Every path under `root`, relative to it, sorted; and which of them are files. */
function listTree(root: string): { paths: string[]; files: Set<string> } {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true });
  const files = new Set<string>();
  const paths = entries.map((entry) => {
    const path = relative(root, join(entry.parentPath, entry.name));
    if (entry.isFile()) files.add(path);
    return path;
  });
  return { paths: paths.sort(), files };
}

/** Rows a refused apply must not have recorded. */
function checkpointRows(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows: string[] = [];
    for (const table of ['runs', 'operations', 'run_lock']) {
      const { count } = db.prepare(`SELECT count(*) AS count FROM ${table}`).get() as {
        count: number;
      };
      if (count > 0) rows.push(`${table}: ${count} rows`);
    }
    return rows;
  } finally {
    db.close();
  }
}

/** Inspects the folder of `run` for what a refused command may leave. */
export function inspectLeftovers(run: CommandRun, canary: string): Leftovers {
  const { paths, files } = listTree(run.cwd);
  const unexpected = paths.filter((path) => !ALLOWED[run.command](path));
  const canaryFiles: string[] = [];
  const logs = paths.filter((path) => LOG_FILE.test(path));
  if (run.command === 'apply' && logs.length !== 1) {
    unexpected.push(`${logs.length} failure logs`);
  }
  for (const path of files) {
    if (readFileSync(join(run.cwd, path)).includes(canary)) canaryFiles.push(path);
  }
  if (paths.includes('.aa-sync/checkpoint.sqlite')) {
    unexpected.push(...checkpointRows(join(run.cwd, '.aa-sync/checkpoint.sqlite')));
  }
  return { paths, unexpected, canaryFiles };
}
