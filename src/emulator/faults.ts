/**
 * Seeded fault injection for the emulator: added latency, 5xx answers, reset
 * connections and responses dropped after the write was committed. The
 * settings and their checks live in `fault-settings.ts`.
 */
import { createRandom } from './random.js';
import type { Random } from './random.js';
import {
  FAULT_DEFAULTS,
  validateFaultSettings,
  validateFaultsByKey,
} from './fault-settings.js';
import type {
  FaultDropMode,
  FaultErrorStatus,
  FaultSettings,
  FaultsByKey,
  NormalisedFaultSettings as Normalised,
} from './fault-settings.js';

export * from './fault-settings.js';

/** What to do with one request; `delayMs` is waited before acting on it. */
export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'error'; status: FaultErrorStatus; delayMs: number }
  | { kind: 'reset'; delayMs: number }
  | { kind: 'drop-after-commit'; mode: FaultDropMode; hangMs: number; delayMs: number };

export const FAULT_KINDS = ['none', 'error', 'reset', 'drop-after-commit'] as const;
export type FaultKind = FaultDecision['kind'];

const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH', 'DELETE']);

type Counts = Record<FaultKind, number>;

interface InjectorState {
  global: Normalised;
  perKey: Map<string, Normalised>;
  streams: Map<string, Random>;
  counts: Counts;
}

/**
 * Decides, per request, which fault to inject. Settings for a key label replace
 * the global settings for that key (they are not merged). Every key draws from
 * its own stream, `createRandom(`${seed}:${keyId}`)` with the seed of the
 * settings that apply to it, so a key's decisions do not depend on other keys'
 * traffic and the same seed plus the same request order reproduces them.
 *
 * Each decision draws exactly three numbers, in this order, whatever the outcome:
 * 1. the latency jitter, 2. the fault roll, 3. the error status pick. The roll is
 * compared with cumulative rates in the order reset, error, drop-after-commit;
 * a drop-after-commit roll on a read (not POST/PATCH/DELETE) decides `none`.
 */
export class FaultInjector {
  #state: InjectorState;

  constructor(global?: FaultSettings, perKey?: FaultsByKey) {
    this.#state = buildState(global, perKey);
  }

  /** Decides the fault for one request by `keyId` (a key label) with `method`. */
  decide(keyId: string, method: string): FaultDecision {
    const settings = this.#state.perKey.get(keyId) ?? this.#state.global;
    const random = this.#stream(keyId, settings.seed);
    const draws = { jitter: random.next(), roll: random.next(), status: random.next() };
    const decision = classify(settings, draws, method);
    this.#state.counts[decision.kind] += 1;
    return decision;
  }

  /**
   * Counts a decided drop-after-commit as `none` instead: the write was refused,
   * so its answer was sent normally. Counts stay what was actually done.
   */
  withdrawDrop(): void {
    const counts = this.#state.counts;
    // configure() may have zeroed the counts while the request ran.
    if (counts['drop-after-commit'] === 0) return;
    counts['drop-after-commit'] -= 1;
    counts.none += 1;
  }

  /** Replaces all settings (validated first), restarts every stream and zeroes counts. */
  configure(global: FaultSettings | undefined, perKey?: FaultsByKey): void {
    this.#state = buildState(global, perKey);
  }

  /** The settings in force, with every default filled in. */
  describe(): { global: FaultSettings; perKey: FaultsByKey } {
    const perKey: FaultsByKey = {};
    for (const [keyId, settings] of this.#state.perKey) perKey[keyId] = copy(settings);
    return { global: copy(this.#state.global), perKey };
  }

  /** How many faults of each kind were applied since construction or `configure`. */
  counts(): Counts {
    return { ...this.#state.counts };
  }

  #stream(keyId: string, seed: number | string): Random {
    const streams = this.#state.streams;
    const stream = streams.get(keyId) ?? createRandom(`${seed}:${keyId}`);
    streams.set(keyId, stream);
    return stream;
  }
}

function buildState(global?: FaultSettings, perKey?: FaultsByKey): InjectorState {
  const byKey = validateFaultsByKey(perKey ?? {}, 'faultsByKey');
  const counts = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Counts;
  return {
    global: normalise(validateFaultSettings(global ?? {}, 'faults')),
    perKey: new Map(Object.entries(byKey).map(([key, value]) => [key, normalise(value)])),
    streams: new Map(),
    counts,
  };
}

/** The three numbers drawn for one decision, each in [0, 1). */
type Draws = Record<'jitter' | 'roll' | 'status', number>;

function classify(settings: Normalised, draws: Draws, method: string): FaultDecision {
  const delayMs =
    settings.latencyMs + Math.floor(draws.jitter * settings.latencyJitterMs);
  if (settings.writesOnly && !WRITE_METHODS.has(method.toUpperCase())) {
    return { kind: 'none', delayMs };
  }
  let threshold = settings.resetRate;
  if (draws.roll < threshold) return { kind: 'reset', delayMs };
  threshold += settings.errorRate;
  if (draws.roll < threshold) {
    const status = pickStatus(settings.errorStatuses, draws.status);
    return { kind: 'error', status, delayMs };
  }
  threshold += settings.dropAfterCommitRate;
  if (draws.roll < threshold && WRITE_METHODS.has(method.toUpperCase())) {
    const { dropMode: mode, hangMs } = settings;
    return { kind: 'drop-after-commit', mode, hangMs, delayMs };
  }
  return { kind: 'none', delayMs };
}

function pickStatus(statuses: readonly FaultErrorStatus[], draw: number) {
  const status = statuses[Math.floor(draw * statuses.length)];
  if (status === undefined) throw new Error('bug: errorStatuses empty after validation');
  return status;
}

function normalise(settings: FaultSettings): Normalised {
  return { ...FAULT_DEFAULTS, ...settings };
}

function copy(settings: Normalised): FaultSettings {
  return { ...settings, errorStatuses: [...settings.errorStatuses] };
}
