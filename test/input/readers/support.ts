import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { FlatRow } from '../../../src/input/records.js';
import type { ReadOptions } from '../../../src/input/read-inputs.js';
import { readInputs } from '../../../src/input/read-inputs.js';

const made: string[] = [];

afterEach(async () => {
  await Promise.all(
    made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })),
  );
});

/** Writes `content` to a file named `name` in a temp dir removed after the test. */
export async function fixture(
  name: string,
  content: string | Uint8Array,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aa-sync-readers-'));
  made.push(dir);
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/**
 * Reads one file through `readInputs`. A header without a key column is read
 * (these tests are about parsing); `keyColumnOptional: false` restores the check.
 */
export function readFile(file: string, options: ReadOptions = {}): Promise<FlatRow[]> {
  return collect(readInputs([file], { keyColumnOptional: true, ...options }));
}

/** A row's values as `field: value`, for compact comparisons. */
export function valuesOf(row: FlatRow | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [field, value] of Object.entries(row?.values ?? {})) {
    if (value !== undefined) values[field] = value.value;
  }
  return values;
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}
