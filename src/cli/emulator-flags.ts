import { readFileSync } from 'node:fs';
import type { EmulatorOptions, PartnerConfig, SeedDocument } from '../emulator/index.js';
import { validateFaultSettings, type FaultSettings } from '../emulator/faults.js';
import { ExitError, usageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { checkNumber } from './option-checks.js';

/** The flags of `aa-sync emulator`, as yargs hands them over. */
export interface EmulatorFlags {
  host: string;
  port: unknown;
  key?: string[];
  controlToken?: string;
  rate: unknown;
  burst: unknown;
  rateLimit: boolean;
  strict: boolean;
  stateFile?: string;
  seed?: string;
  activationDelayMs: unknown;
  faultSeed: unknown;
  latencyMs: unknown;
  latencyJitterMs: unknown;
  errorRate: unknown;
  resetRate: unknown;
  dropRate: unknown;
  dropMode: 'reset' | 'hang';
  faultsFile?: string;
  json: boolean;
}

/** The partner and key served when no --key is given; the README uses them. */
export const DEMO_PARTNER: PartnerConfig = { id: 'demo', keys: ['sk_test_demo'] };

const PARTNER_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Turns checked flags into emulator options; every message names its flag. */
export function emulatorOptionsFromFlags(
  flags: EmulatorFlags,
  loadSeed: (path: string) => SeedDocument,
): EmulatorOptions {
  const faultFile =
    flags.faultsFile === undefined ? undefined : readFaultsFile(flags.faultsFile);
  return {
    host: flags.host,
    port: checkNumber('port', flags.port, { min: 0, max: 65535, integer: true }),
    partners: parseKeys(flags.key ?? []),
    ...(flags.controlToken === undefined ? {} : { controlToken: flags.controlToken }),
    rateLimit: flags.rateLimit
      ? {
          ratePerSecond: checkNumber('rate', flags.rate, { min: 0.001 }),
          burst: checkNumber('burst', flags.burst, { min: 1, integer: true }),
        }
      : null,
    strict: flags.strict,
    ...(flags.stateFile === undefined ? {} : { stateFile: flags.stateFile }),
    ...(flags.seed === undefined
      ? {}
      : { seed: loadSeedOrExplain(flags.seed, loadSeed) }),
    activationDelayMs: checkNumber('activation-delay-ms', flags.activationDelayMs, {
      min: 0,
      integer: true,
    }),
    faults: faultFile?.global ?? faultsFromFlags(flags),
    faultsByKey: faultFile?.perKey ?? {},
  };
}

function faultsFromFlags(flags: EmulatorFlags): FaultSettings {
  const rate = { min: 0, max: 1 };
  const ms = { min: 0, integer: true };
  return {
    seed: checkNumber('fault-seed', flags.faultSeed, { min: 0, integer: true }),
    latencyMs: checkNumber('latency-ms', flags.latencyMs, ms),
    latencyJitterMs: checkNumber('latency-jitter-ms', flags.latencyJitterMs, ms),
    errorRate: checkNumber('error-rate', flags.errorRate, rate),
    resetRate: checkNumber('reset-rate', flags.resetRate, rate),
    dropAfterCommitRate: checkNumber('drop-rate', flags.dropRate, rate),
    dropMode: flags.dropMode,
  };
}

/** `PARTNER:KEY` pairs grouped by partner; none gives the demo partner. */
export function parseKeys(values: readonly string[]): PartnerConfig[] {
  if (values.length === 0) return [DEMO_PARTNER];
  const byPartner = new Map<string, string[]>();
  for (const value of values) {
    const colon = value.indexOf(':');
    const id = value.slice(0, colon);
    const key = value.slice(colon + 1);
    if (colon < 1 || !PARTNER_ID.test(id) || key.trim() === '') {
      // The value holds a key: say what is wrong with it without echoing it.
      throw usageError(
        `--key must look like PARTNER:KEY (partner: letters, digits, "_", "-", "."); ` +
          `got a value of ${value.length} characters without that shape`,
      );
    }
    byPartner.set(id, [...(byPartner.get(id) ?? []), key]);
  }
  return [...byPartner].map(([id, keys]) => ({ id, keys }));
}

function loadSeedOrExplain(
  path: string,
  loadSeed: (path: string) => SeedDocument,
): SeedDocument {
  try {
    return loadSeed(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExitError(EXIT.invalidInput, `--seed ${path}: ${reason}`, { cause: error });
  }
}

interface FaultsFile {
  global: FaultSettings;
  perKey: Record<string, FaultSettings>;
}

function readFaultsFile(path: string): FaultsFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExitError(EXIT.invalidInput, `--faults-file ${path}: ${reason}`);
  }
  const doc = (parsed ?? {}) as { global?: unknown; perKey?: unknown };
  try {
    const perKey: Record<string, FaultSettings> = {};
    for (const [label, settings] of Object.entries(doc.perKey ?? {})) {
      perKey[label] = validateFaultSettings(settings, `perKey.${label}`);
    }
    return { global: validateFaultSettings(doc.global ?? {}, 'global'), perKey };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExitError(EXIT.invalidInput, `--faults-file ${path}: ${reason}`);
  }
}
