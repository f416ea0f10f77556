/**
 * Seeded fault injection for the emulator: added latency, 5xx answers, reset
 * connections and responses dropped after the write was committed.
 *
 * Exports: `FAULT_ERROR_STATUSES`, `FAULT_DROP_MODES`, `FAULT_KINDS`,
 * `FAULT_DEFAULTS`, `FaultSettings`, `FaultsByKey`, `FaultDecision`, `FaultKind`,
 * `FaultErrorStatus`, `FaultDropMode`, `FaultInjector`, `validateFaultSettings`,
 * `validateFaultsByKey`.
 *
 * Per-key settings are keyed by the API key's label (e.g. `demo#1`), never by
 * the raw key, so fault configuration never carries a secret.
 */
import { createRandom } from './random.js';
import type { Random } from './random.js';

/** The statuses an `error` fault may answer with. */
export const FAULT_ERROR_STATUSES = [500, 502, 503] as const;
export type FaultErrorStatus = (typeof FAULT_ERROR_STATUSES)[number];

/** How a dropped response is dropped: socket destroyed, or held until `hangMs`. */
export const FAULT_DROP_MODES = ['reset', 'hang'] as const;
export type FaultDropMode = (typeof FAULT_DROP_MODES)[number];

/** Fault settings for the whole emulator or for one key label. Rates are 0..1. */
export interface FaultSettings {
  /** Seed of the decision streams; default 1. */
  seed?: number | string;
  /** Added to every request, in ms; default 0. */
  latencyMs?: number;
  /** Plus a uniform whole number of ms in [0, latencyJitterMs); default 0. */
  latencyJitterMs?: number;
  /** Share of requests answered 500/502/503 without doing the work. */
  errorRate?: number;
  /** Statuses for `error`, chosen uniformly; default all three. */
  errorStatuses?: readonly FaultErrorStatus[];
  /** Share of requests whose connection is destroyed without doing the work. */
  resetRate?: number;
  /** Share of writes (POST/PATCH/DELETE) committed whose response is then dropped. */
  dropAfterCommitRate?: number;
  /** How a dropped response is dropped; default 'reset'. */
  dropMode?: FaultDropMode;
  /** For 'hang': ms before the held socket is destroyed; default 60_000. */
  hangMs?: number;
}

/** What to do with one request; `delayMs` is waited before acting on it. */
export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'error'; status: FaultErrorStatus; delayMs: number }
  | { kind: 'reset'; delayMs: number }
  | { kind: 'drop-after-commit'; mode: FaultDropMode; hangMs: number; delayMs: number };

/** Fault settings per key label; a key listed here ignores the global settings. */
export type FaultsByKey = Record<string, FaultSettings>;

export const FAULT_KINDS = ['none', 'error', 'reset', 'drop-after-commit'] as const;
export type FaultKind = FaultDecision['kind'];

type Normalised = Required<FaultSettings>;

/** Every setting's default; a scope without faults decides `none` with no delay. */
export const FAULT_DEFAULTS: Readonly<Normalised> = Object.freeze({
  seed: 1,
  latencyMs: 0,
  latencyJitterMs: 0,
  errorRate: 0,
  errorStatuses: FAULT_ERROR_STATUSES,
  resetRate: 0,
  dropAfterCommitRate: 0,
  dropMode: 'reset',
  hangMs: 60_000,
});

// Upper bound of every duration setting: Node's timers fire after 1 ms when given
// more than 2^31-1 ms, and an hour is already far beyond any client's timeout.
const MAX_DURATION_MS = 3_600_000;
/** Lets rates such as 0.1 + 0.2 + 0.7 pass although their float sum is 1.0000000000000002. */
const RATE_SUM_TOLERANCE = 1e-9;
const RATE_SUM_RULE = 'resetRate + errorRate + dropAfterCommitRate must be at most 1';
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

  /** How many decisions of each kind were made since construction or `configure`. */
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

type FieldCheck = (value: unknown, path: string) => void;

const checkRate = numberUpTo(1, 'a number');
const checkDuration = numberUpTo(MAX_DURATION_MS, 'a number of ms');
const FIELD_CHECKS: Record<keyof FaultSettings, FieldCheck> = {
  seed: checkSeed,
  latencyMs: checkDuration,
  latencyJitterMs: checkDuration,
  errorRate: checkRate,
  errorStatuses: checkStatuses,
  resetRate: checkRate,
  dropAfterCommitRate: checkRate,
  dropMode: checkDropMode,
  hangMs: checkDuration,
};
const KNOWN_FIELDS = Object.keys(FIELD_CHECKS).join(', ');

/**
 * Checks fault settings from code or a JSON body and returns a copy holding the
 * fields given (defaults are not filled in). Throws an Error naming the field, the
 * allowed range and the value, e.g. `faults.errorRate must be a number from 0 to 1;
 * got 1.5`. Unknown field names are rejected so a typo never silently disables a fault.
 */
export function validateFaultSettings(input: unknown, where: string): FaultSettings {
  if (!isPlainObject(input)) {
    throw new Error(`${where} must be an object of fault settings; got ${show(input)}`);
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (!isFieldName(name)) {
      const known = `(known: ${KNOWN_FIELDS})`;
      throw new Error(`${where}.${name} is not a known fault setting ${known}`);
    }
    if (value === undefined) continue;
    FIELD_CHECKS[name](value, `${where}.${name}`);
    out[name] = Array.isArray(value) ? [...(value as unknown[])] : value;
  }
  const settings = out as FaultSettings; // every field passed its check above
  checkRateSum(settings, where);
  return settings;
}

/** Checks a map from key label to fault settings; `where` prefixes each path. */
export function validateFaultsByKey(input: unknown, where: string): FaultsByKey {
  if (!isPlainObject(input)) {
    const got = show(input);
    throw new Error(`${where} must be an object from key label to settings; got ${got}`);
  }
  const out: FaultsByKey = {};
  for (const [keyId, value] of Object.entries(input)) {
    out[keyId] = validateFaultSettings(value, `${where}[${JSON.stringify(keyId)}]`);
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldName(name: string): name is keyof FaultSettings {
  return Object.hasOwn(FIELD_CHECKS, name);
}

/** A check for a number in [0, max]; NaN fails because every comparison with it is false. */
function numberUpTo(max: number, what: string): FieldCheck {
  return (value, path) => {
    if (typeof value !== 'number' || !(value >= 0 && value <= max)) {
      throw new Error(`${path} must be ${what} from 0 to ${max}; got ${show(value)}`);
    }
  };
}

function checkSeed(value: unknown, path: string): void {
  const finite = typeof value === 'number' && Number.isFinite(value);
  if (!finite && typeof value !== 'string') {
    throw new Error(`${path} must be a finite number or a string; got ${show(value)}`);
  }
}

function checkStatuses(value: unknown, path: string): void {
  const allowed = FAULT_ERROR_STATUSES.join(', ');
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(`${path} must be a non-empty list of ${allowed}; got ${show(value)}`);
  }
  value.forEach((status: unknown, index) => {
    if (!FAULT_ERROR_STATUSES.some((known) => known === status)) {
      throw new Error(`${path}[${index}] must be one of ${allowed}; got ${show(status)}`);
    }
  });
}

function checkDropMode(value: unknown, path: string): void {
  if (!FAULT_DROP_MODES.some((mode) => mode === value)) {
    const allowed = FAULT_DROP_MODES.map((mode) => `'${mode}'`).join(' or ');
    throw new Error(`${path} must be ${allowed}; got ${show(value)}`);
  }
}

function checkRateSum(settings: FaultSettings, where: string): void {
  const { resetRate = 0, errorRate = 0, dropAfterCommitRate = 0 } = settings;
  const sum = resetRate + errorRate + dropAfterCommitRate;
  if (sum <= 1 + RATE_SUM_TOLERANCE) return;
  const got = `${resetRate} + ${errorRate} + ${dropAfterCommitRate} = ${sum}`;
  throw new Error(`${where}: ${RATE_SUM_RULE}; got ${got}`);
}

/** Renders a received value for an error message; strings are quoted. */
function show(value: unknown): string {
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) {
    return String(value);
  }
  try {
    return JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value); // circular or holding a bigint
  }
}
