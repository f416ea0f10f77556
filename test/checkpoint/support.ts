/**
 * Test support for the checkpoint: a temp directory per test, checkpoints
 * closed after each test, and the umask set for one test and restored.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { openCheckpoint } from '../../src/checkpoint/index.js';
import type { Checkpoint } from '../../src/checkpoint/index.js';
import { isExitError } from '../../src/cli/errors.js';
import type { ExitError } from '../../src/cli/errors.js';

let dir = '';
const opened: Checkpoint[] = [];
let savedUmask: number | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-checkpoint-'));
});

afterEach(() => {
  const leftOpen = opened.splice(0).filter((checkpoint) => checkpoint.db.open);
  leftOpen.forEach((checkpoint) => checkpoint.close());
  if (savedUmask !== undefined) process.umask(savedUmask);
  savedUmask = undefined;
  rmSync(dir, { recursive: true, force: true });
  // A test must close what it opens; closing here only keeps later tests clean.
  expect(leftOpen.map((checkpoint) => checkpoint.path)).toEqual([]);
});

/** The current test's temp directory. */
export const tempDir = (): string => dir;

/** Opens a checkpoint that is closed after the test if the test did not. */
export function open(stateDir: string): Checkpoint {
  const checkpoint = openCheckpoint(stateDir);
  opened.push(checkpoint);
  return checkpoint;
}

/** Sets the umask for the rest of the test; restored afterwards. */
export function setUmask(mask: number): void {
  const previous = process.umask(mask);
  savedUmask ??= previous;
}

export const modeOf = (path: string): number => statSync(path).mode & 0o777;

export const listing = (path: string): string[] => readdirSync(path).sort();

/** The ExitError `fn` throws; fails the test when it throws nothing or something else. */
export function exitErrorOf(fn: () => unknown): ExitError {
  try {
    fn();
  } catch (error) {
    if (isExitError(error)) return error;
    throw error;
  }
  throw new Error('expected an ExitError, but nothing was thrown');
}

/** Every table of a checkpoint at the current schema version, by name. */
export const CHECKPOINT_TABLES = [
  'input_history',
  'last_applied',
  'operations',
  'organization_map',
  'plan_runs',
  'report_headers',
  'report_records',
  'run_activity',
  'run_lock',
  'run_traffic',
  'runs',
];
