/**
 * Options of `startEmulator`, their defaults (one place, with units) and their
 * validation (in `option-checks.ts`). Exports: `PartnerConfig`, `EmulatorOptions`,
 * `ResolvedOptions`, `EMULATOR_DEFAULTS`, `resolveOptions`.
 */
import type { FaultSettings } from './faults.js';
import type { RateLimitSettings } from './rate-limit.js';
import { DEFAULT_RATE_LIMIT } from './rate-limit.js';
import { checkOptions } from './option-checks.js';
import { UNKNOWNS } from './unknowns.js';
import type { PartnerConfig } from './partner-config.js';
import type { SeedDocument } from './seed.js';

export type { PartnerConfig } from './partner-config.js';

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

/** Applies defaults and checks every option; throws an EmulatorConfigError naming it. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  return checkOptions(options, EMULATOR_DEFAULTS);
}
