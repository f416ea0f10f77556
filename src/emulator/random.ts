/**
 * Reproducible randomness for the emulator: the same seed always yields the
 * same sequence, so a fault scenario or a latency profile can be replayed.
 *
 * Exports: `Random`, `createRandom`.
 *
 * Not for secrets: the generator is a small 32-bit mixer (mulberry32) chosen
 * for speed and reproducibility, not unpredictability.
 */

/** A seeded pseudo-random source; the same seed gives the same sequence. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive); `maxExclusive` is an integer from 1 to 2^32. */
  int(maxExclusive: number): number;
}

const UINT32_RANGE = 2 ** 32;
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const MULBERRY_INCREMENT = 0x6d2b79f5;

/**
 * Creates a seeded generator. The seed is hashed as text, so `7` and `'7'` give
 * the same stream, and a per-key stream is derived with a composite string
 * such as `` `${seed}:${keyLabel}` ``.
 */
export function createRandom(seed: number | string): Random {
  let state = hashSeed(seed);
  const next = (): number => {
    state = (state + MULBERRY_INCREMENT) | 0;
    return mulberry32Output(state) / UINT32_RANGE;
  };
  return {
    next,
    int: (maxExclusive) => {
      assertIntBound(maxExclusive);
      return Math.floor(next() * maxExclusive);
    },
  };
}

function hashSeed(seed: number | string): number {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new Error(`random seed must be a finite number or a string; got ${seed}`);
  }
  return fnv1a32(String(seed));
}

/**
 * FNV-1a over UTF-16 code units, then a final avalanche: plain FNV leaves
 * seeds that differ only in their last character close together, and
 * mulberry32's first outputs would then be correlated.
 */
function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** The output mix of mulberry32 for one state value; returns an unsigned 32-bit int. */
function mulberry32Output(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

function assertIntBound(maxExclusive: number): void {
  if (
    !Number.isInteger(maxExclusive) ||
    maxExclusive < 1 ||
    maxExclusive > UINT32_RANGE
  ) {
    throw new Error(
      `random int bound must be an integer from 1 to ${UINT32_RANGE}; got ${maxExclusive}`,
    );
  }
}
