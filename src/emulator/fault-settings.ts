/**
 * Fault settings of the emulator and their validation: what can be injected,
 * the defaults, and the checks that a settings object from code, a flag or a
 * JSON body must pass (unknown field names are refused so that a typo never
 * silently disables a fault).
 *
 * Per-key settings are keyed by the API key's label (e.g. `demo#1`), never by
 * the raw key, so fault configuration never carries a secret.
 */
import { describeValue } from '../util/describe-value.js';
import { EmulatorConfigError } from './errors.js';
import { isPlainObject } from '../util/is-plain-object.js';

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
  /**
   * Faults only for writes (POST, PATCH, DELETE); reads are answered as usual.
   * Rehearses an API that lists fine but refuses changes; default false.
   */
  writesOnly?: boolean;
}

/** Fault settings per key label; a key listed here ignores the global settings. */
export type FaultsByKey = Record<string, FaultSettings>;

export type NormalisedFaultSettings = Required<FaultSettings>;

/** Every setting's default; a scope without faults decides `none` with no delay. */
export const FAULT_DEFAULTS: Readonly<NormalisedFaultSettings> = Object.freeze({
  seed: 1,
  latencyMs: 0,
  latencyJitterMs: 0,
  errorRate: 0,
  errorStatuses: FAULT_ERROR_STATUSES,
  resetRate: 0,
  dropAfterCommitRate: 0,
  dropMode: 'reset',
  hangMs: 60_000,
  writesOnly: false,
});

// Upper bound of every duration setting: Node's timers fire after 1 ms when given
// more than 2^31-1 ms, and an hour is already far beyond any client's timeout.
export const MAX_DURATION_MS = 3_600_000;
/** Lets rates such as 0.1 + 0.2 + 0.7 pass although their float sum is 1.0000000000000002. */
const RATE_SUM_TOLERANCE = 1e-9;
const RATE_SUM_RULE = 'resetRate + errorRate + dropAfterCommitRate must be at most 1';
/** A key label: partner id, `#`, the key's 1-based position (see `auth.ts`). */
const LABEL_SHAPE = /^[A-Za-z0-9_.-]{1,64}#[1-9]\d{0,8}$/;
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
  writesOnly: checkBoolean,
};
const KNOWN_FIELDS = Object.keys(FIELD_CHECKS).join(', ');

/**
 * Checks fault settings from code or a JSON body and returns a copy holding the
 * fields given (defaults are not filled in). Throws an EmulatorConfigError naming the field, the
 * allowed range and the value, e.g. `faults.errorRate must be a number from 0 to 1;
 * got 1.5`. Unknown field names are rejected so a typo never silently disables a fault.
 */
export function validateFaultSettings(input: unknown, where: string): FaultSettings {
  if (!isPlainObject(input)) {
    throw new EmulatorConfigError(
      where,
      `${where} must be an object of fault settings; got ${describeValue(input)}`,
    );
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (!isFieldName(name)) {
      const known = `(known: ${KNOWN_FIELDS})`;
      const path = `${where}.${name}`;
      throw new EmulatorConfigError(
        path,
        `${path} is not a known fault setting ${known}`,
      );
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
    const got = describeValue(input);
    throw new EmulatorConfigError(
      where,
      `${where} must be an object from key label to settings; got ${got}`,
    );
  }
  const out: FaultsByKey = {};
  for (const [keyId, value] of Object.entries(input)) {
    out[keyId] = validateFaultSettings(value, `${where}[${describeLabel(keyId)}]`);
  }
  return out;
}

/**
 * Refuses settings for a label no key has, listing the known labels: such an
 * entry would silently never apply (a typo, or a raw key given by mistake).
 */
export function checkFaultLabels(
  perKey: FaultsByKey,
  knownLabels: readonly string[],
  where: string,
): void {
  for (const label of Object.keys(perKey)) {
    if (knownLabels.includes(label)) continue;
    const known = knownLabels.length === 0 ? '(none)' : knownLabels.join(', ');
    throw new EmulatorConfigError(
      where,
      `${where} has settings for ${describeLabel(label)}, which no key has; ` +
        `use a key label (known labels: ${known})`,
    );
  }
}

/**
 * A label for a message: quoted when it has the shape of a label (`demo#1`),
 * otherwise only its length, because it may be a raw key given by mistake.
 */
export function describeLabel(label: string): string {
  return LABEL_SHAPE.test(label)
    ? JSON.stringify(label)
    : `an unknown label of ${[...label].length} characters`;
}

function isFieldName(name: string): name is keyof FaultSettings {
  return Object.hasOwn(FIELD_CHECKS, name);
}

/** A check for a number in [0, max]; NaN fails because every comparison with it is false. */
function numberUpTo(max: number, what: string): FieldCheck {
  return (value, path) => {
    if (typeof value !== 'number' || !(value >= 0 && value <= max)) {
      throw new EmulatorConfigError(
        path,
        `${path} must be ${what} from 0 to ${max}; got ${describeValue(value)}`,
      );
    }
  };
}

function checkSeed(value: unknown, path: string): void {
  const finite = typeof value === 'number' && Number.isFinite(value);
  if (!finite && typeof value !== 'string') {
    throw new EmulatorConfigError(
      path,
      `${path} must be a finite number or a string; got ${describeValue(value)}`,
    );
  }
}

function checkStatuses(value: unknown, path: string): void {
  const allowed = FAULT_ERROR_STATUSES.join(', ');
  if (!Array.isArray(value) || value.length === 0) {
    throw new EmulatorConfigError(
      path,
      `${path} must be a non-empty list of ${allowed}; got ${describeValue(value)}`,
    );
  }
  value.forEach((status: unknown, index) => {
    if (!FAULT_ERROR_STATUSES.some((known) => known === status)) {
      throw new EmulatorConfigError(
        `${path}[${index}]`,
        `${path}[${index}] must be one of ${allowed}; got ${describeValue(status)}`,
      );
    }
  });
}

function checkDropMode(value: unknown, path: string): void {
  if (!FAULT_DROP_MODES.some((mode) => mode === value)) {
    const allowed = FAULT_DROP_MODES.map((mode) => `'${mode}'`).join(' or ');
    throw new EmulatorConfigError(
      path,
      `${path} must be ${allowed}; got ${describeValue(value)}`,
    );
  }
}

function checkRateSum(settings: FaultSettings, where: string): void {
  const { resetRate = 0, errorRate = 0, dropAfterCommitRate = 0 } = settings;
  const sum = resetRate + errorRate + dropAfterCommitRate;
  if (sum <= 1 + RATE_SUM_TOLERANCE) return;
  const got = `${resetRate} + ${errorRate} + ${dropAfterCommitRate} = ${sum}`;
  throw new EmulatorConfigError(where, `${where}: ${RATE_SUM_RULE}; got ${got}`);
}

function checkBoolean(value: unknown, path: string): void {
  if (typeof value === 'boolean') return;
  throw new EmulatorConfigError(
    path,
    `${path} must be true or false; got ${describeValue(value)}`,
  );
}
