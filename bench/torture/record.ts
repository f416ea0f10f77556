/**
 * The campaign's stored results (docs/reliability.json): the latest result of
 * every part with when, where and at which commit it ran, so that parts run
 * on different days (`--only soak`) add up to one document. Exports:
 * `TORTURE_IDS`, `TortureId`, `RecordedPart`, `StoredResults`, `RunContext`,
 * `mergeResults`, `readStored`, `deadPartResult`.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { TortureResult } from './part.js';

/** The parts, in the order of issue 8 and of the document. */
export const TORTURE_IDS = [
  'crash',
  'soak',
  'load',
  'hostile',
  'secrets',
  'files',
  'concurrency',
] as const;
export type TortureId = (typeof TORTURE_IDS)[number];

/** Where and how a part ran. */
export interface RunContext {
  /** ISO time the part started. */
  ranAt: string;
  /** `git describe --always --dirty` of the tree that ran. */
  commit: string;
  node: string;
  cpus: number;
  quick: boolean;
}

export interface RecordedPart {
  context: RunContext;
  result: TortureResult;
}

export interface StoredResults {
  parts: Partial<Record<TortureId, RecordedPart>>;
}

/** The stored results at `path`, or none when it does not exist yet. */
export function readStored(path: string | undefined): StoredResults {
  if (path === undefined || !existsSync(path)) return { parts: {} };
  return JSON.parse(readFileSync(path, 'utf8')) as StoredResults;
}

/** `stored` with the parts of `fresh` replaced by their new results. */
export function mergeResults(
  stored: StoredResults,
  fresh: ReadonlyMap<TortureId, RecordedPart>,
): StoredResults {
  const parts: StoredResults['parts'] = {};
  for (const id of TORTURE_IDS) {
    const recorded = fresh.get(id) ?? stored.parts[id];
    if (recorded !== undefined) parts[id] = recorded;
  }
  return { parts };
}

/** The result of a part whose process ended without writing one. */
export function deadPartResult(
  id: TortureId,
  exit: string,
  stderrTail: string,
  wallMs: number,
): TortureResult {
  return {
    part: id,
    title: id,
    setup: 'The part did not hand back a result.',
    figures: [],
    checks: [
      {
        label: 'the part ran to its end and handed back its figures',
        expected: 'a result',
        actual: exit,
        ok: false,
      },
    ],
    notes: stderrTail === '' ? [] : [`Last output: ${stderrTail}`],
    wallMs,
  };
}
