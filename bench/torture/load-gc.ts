/**
 * V8's own account of the apply's heap: the child runs with `--trace-gc`,
 * which prints a line per collection on standard output. After a full
 * collection (Mark-Compact) the heap holds what the process still uses and
 * little else, which /proc cannot tell: RSS also counts garbage not yet
 * collected, and V8 lets that grow by hundreds of MiB before it collects.
 * Exports: `FullCollection`, `fullCollectionsOf`, `withoutGcTrace`.
 */
import type { MemorySample, RunPhase } from './load-sampler.js';

/** `[pid:0xaddr]   1234 ms: Mark-Compact 45.1 (77.0) -> 21.4 (54.9) MB, ...` */
const GC_LINE = /^\[\d+:0x[0-9a-f]+\]\s+[\d.]+ ms: /;
const FULL_COLLECTION =
  /^\[\d+:0x[0-9a-f]+\]\s+([\d.]+) ms: Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/;

export interface FullCollection {
  /** Since the process started, by V8's clock. */
  atMs: number;
  /** Heap in use right after the collection. */
  heapMiB: number;
  /** The run's progress then, from the nearest earlier memory sample. */
  done: number;
  phase: RunPhase;
}

/** The progress at `atMs`: the last sample taken at or before it. */
function progressAt(
  samples: readonly MemorySample[],
  atMs: number,
): MemorySample | undefined {
  let found: MemorySample | undefined;
  for (const sample of samples) {
    if (sample.atMs > atMs) break;
    found = sample;
  }
  return found;
}

/**
 * The full collections traced in `stdout`, each placed in the run by the
 * samples (whose clock starts when the child is spawned, a few ms before
 * V8's: close enough at a 250 ms sampling interval).
 */
export function fullCollectionsOf(
  stdout: string,
  samples: readonly MemorySample[],
): FullCollection[] {
  const collections: FullCollection[] = [];
  for (const line of stdout.split('\n')) {
    const match = FULL_COLLECTION.exec(line);
    if (match === null) continue;
    const atMs = Number(match[1]);
    const sample = progressAt(samples, atMs);
    collections.push({
      atMs,
      heapMiB: Number(match[2]),
      done: sample?.done ?? 0,
      phase: sample?.phase ?? 'planning',
    });
  }
  return collections;
}

/** `stdout` without the trace's lines: what aa-sync itself printed. */
export function withoutGcTrace(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !GC_LINE.test(line))
    .join('\n');
}
