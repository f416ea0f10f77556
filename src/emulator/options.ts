/**
 * Options of `startEmulator`, their defaults (one place, with units) and their
 * validation. Exports: `PartnerConfig`, `EmulatorOptions`, `ResolvedOptions`,
 * `EMULATOR_DEFAULTS`, `resolveOptions`, `validatePartnerConfig`.
 */
import { randomBytes } from 'node:crypto';
import type { FaultSettings } from './faults.js';
import { validateFaultSettings, validateFaultsByKey } from './faults.js';
import type { RateLimitSettings } from './rate-limit.js';
import { DEFAULT_RATE_LIMIT, validateRateLimitSettings } from './rate-limit.js';
import { UNKNOWNS } from './unknowns.js';
import type { SeedDocument } from './seed.js';
import { validateSeedDocument } from './seed.js';

/** A partner account: its id, display name, API keys and embedding switch. */
export interface PartnerConfig {
  id: string;
  name?: string;
  keys: string[];
  /** Default true; false makes the embed-token endpoints answer 403 (U16). */
  embedEnabled?: boolean;
}

/** How to run the emulator; every field is optional. */
export interface EmulatorOptions {
  /** Listen address; default '127.0.0.1'. */
  host?: string;
  /** TCP port; default 0 (an ephemeral port). */
  port?: number;
  /** Default: one partner `{ id: 'demo', keys: ['sk_test_demo'] }`. */
  partners?: PartnerConfig[];
  /** Token of the `/_emulator` endpoints; default 32 random hex characters. */
  controlToken?: string;
  /** Only documented fields and headers in answers; default false. */
  strict?: boolean;
  /** SQLite file keeping the state across restarts; default in memory. */
  stateFile?: string;
  /**
   * Data to preload. Its partners are always registered; its organizations are
   * loaded only into an empty store, so restarting on a state file with the
   * same seed does not duplicate (or reject) the data.
   */
  seed?: SeedDocument;
  /** Per key label; default `DEFAULT_RATE_LIMIT` (10/s, burst 20); null = off. */
  rateLimit?: RateLimitSettings | null;
  /** Fault settings for every key without its own entry in `faultsByKey`. */
  faults?: FaultSettings;
  /** Fault settings per key LABEL (e.g. `demo#1`), never per raw key. */
  faultsByKey?: Record<string, FaultSettings>;
  /** Delay in ms before a new location's number turns active; default 0. */
  activationDelayMs?: number;
  /** Clock in ms for timestamps, activation and rate limiting; default Date.now. */
  now?: () => number;
  /** Size of the request-log ring buffer; default 10_000 entries. */
  requestLogLimit?: number;
}

/** Options with every default applied, as the emulator uses them. */
export interface ResolvedOptions {
  host: string;
  port: number;
  partners: PartnerConfig[];
  controlToken: string;
  strict: boolean;
  stateFile: string;
  seed: SeedDocument | undefined;
  rateLimit: RateLimitSettings | null;
  faults: FaultSettings;
  faultsByKey: Record<string, FaultSettings>;
  activationDelayMs: number;
  now: () => number;
  requestLogLimit: number;
}

/** Defaults of every option, and the fixed limits of the emulator. */
export const EMULATOR_DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  partner: { id: 'demo', keys: ['sk_test_demo'] } as const,
  controlTokenBytes: 16,
  stateFile: ':memory:',
  /** U4: on by default (a product decision); null would mean off. */
  rateLimit: UNKNOWNS.U4.limitedByDefault ? DEFAULT_RATE_LIMIT : null,
  activationDelayMs: 0,
  requestLogLimit: 10_000,
  /** Largest request body in bytes (1 MiB); larger answers 413. */
  maxBodyBytes: 1_048_576,
} as const;

const PARTNER_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_PORT = 65_535;
const MAX_ACTIVATION_DELAY_MS = 86_400_000;
const MAX_REQUEST_LOG = 1_000_000;

/** Applies defaults and checks every option; errors name the option and the value. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const partners = (options.partners ?? [EMULATOR_DEFAULTS.partner]).map((p, i) =>
    validatePartnerConfig(p, `partners[${i}]`),
  );
  return {
    host: checkHost(options.host ?? EMULATOR_DEFAULTS.host),
    port: checkInteger('port', options.port ?? EMULATOR_DEFAULTS.port, 0, MAX_PORT),
    partners,
    controlToken: checkToken(options.controlToken),
    strict: options.strict ?? false,
    stateFile: checkStateFile(options.stateFile ?? EMULATOR_DEFAULTS.stateFile),
    seed: options.seed === undefined ? undefined : validateSeedDocument(options.seed),
    rateLimit: validateRateLimitSettings(
      options.rateLimit === undefined ? EMULATOR_DEFAULTS.rateLimit : options.rateLimit,
      'rateLimit',
    ),
    faults: validateFaultSettings(options.faults ?? {}, 'faults'),
    faultsByKey: validateFaultsByKey(options.faultsByKey ?? {}, 'faultsByKey'),
    activationDelayMs: checkInteger(
      'activationDelayMs',
      options.activationDelayMs ?? EMULATOR_DEFAULTS.activationDelayMs,
      0,
      MAX_ACTIVATION_DELAY_MS,
    ),
    now: options.now ?? Date.now,
    requestLogLimit: checkInteger(
      'requestLogLimit',
      options.requestLogLimit ?? EMULATOR_DEFAULTS.requestLogLimit,
      1,
      MAX_REQUEST_LOG,
    ),
  };
}

/**
 * Checks one partner from code, a seed document or a control request. Keys are
 * never echoed in messages; only their position is named.
 */
export function validatePartnerConfig(input: unknown, where: string): PartnerConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error(`${where} must be an object {id, name?, keys, embedEnabled?}`);
  }
  const { id, name, keys, embedEnabled } = input as Record<string, unknown>;
  if (typeof id !== 'string' || !PARTNER_ID.test(id)) {
    throw new Error(
      `${where}.id must be 1 to 64 letters, digits, "_", "-" or "."; got ${JSON.stringify(id)}`,
    );
  }
  if (name !== undefined && typeof name !== 'string') {
    throw new Error(`${where}.name must be a string when given`);
  }
  if (embedEnabled !== undefined && typeof embedEnabled !== 'boolean') {
    throw new Error(`${where}.embedEnabled must be true or false when given`);
  }
  return {
    id,
    ...(name === undefined ? {} : { name }),
    keys: checkKeys(keys, where),
    ...(embedEnabled === undefined ? {} : { embedEnabled }),
  };
}

function checkKeys(keys: unknown, where: string): string[] {
  if (!Array.isArray(keys)) throw new Error(`${where}.keys must be a list of API keys`);
  const prefix = UNKNOWNS.U25.requiredKeyPrefix;
  keys.forEach((key: unknown, index) => {
    if (typeof key !== 'string' || key.trim() === '') {
      throw new Error(`${where}.keys[${index}] must be a non-blank string`);
    }
    if (!key.startsWith(prefix)) {
      throw new Error(`${where}.keys[${index}] must start with "${prefix}" (U25)`);
    }
  });
  return [...(keys as string[])];
}

function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < min ||
    value > max
  ) {
    throw new Error(
      `${name} must be an integer from ${min} to ${max}; got ${String(value)}`,
    );
  }
  return value;
}

function checkHost(host: unknown): string {
  if (typeof host !== 'string' || host.trim() === '') {
    throw new Error(`host must be a non-empty address; got ${JSON.stringify(host)}`);
  }
  return host;
}

function checkToken(token: string | undefined): string {
  if (token === undefined) {
    return randomBytes(EMULATOR_DEFAULTS.controlTokenBytes).toString('hex');
  }
  if (typeof token !== 'string' || token.trim() === '') {
    throw new Error('controlToken must be a non-blank string when given');
  }
  return token;
}

function checkStateFile(path: unknown): string {
  if (typeof path !== 'string' || path === '') {
    throw new Error(
      `stateFile must be a file path or ':memory:'; got ${JSON.stringify(path)}`,
    );
  }
  return path;
}
