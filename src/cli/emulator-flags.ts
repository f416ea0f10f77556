import { readFileSync } from 'node:fs';
import type { EmulatorOptions, PartnerConfig, SeedDocument } from '../emulator/index.js';
import {
  validateFaultSettings,
  validateFaultsByKey,
  type FaultSettings,
} from '../emulator/faults.js';
import { ExitError, usageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { checkNumber } from './option-checks.js';
import { isPlainObject } from '../util/is-plain-object.js';

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
  faultSeed?: unknown;
  latencyMs?: unknown;
  latencyJitterMs?: unknown;
  errorRate?: unknown;
  resetRate?: unknown;
  dropRate?: unknown;
  dropMode?: 'reset' | 'hang';
  faultsFile?: string;
  json: boolean;
}

/** The partner and key served when no --key is given; the README uses them. */
export const DEMO_PARTNER: PartnerConfig = { id: 'demo', keys: ['sk_test_demo'] };

const PARTNER_ID = /^[A-Za-z0-9_.-]{1,64}$/;
/** What an HTTP header value can carry as a key: visible ASCII, no spaces. */
const KEY_TEXT = /^[\x21-\x7e]+$/;

/** Turns checked flags into emulator options; every message names its flag. */
export function emulatorOptionsFromFlags(
  flags: EmulatorFlags,
  loadSeed: (path: string) => SeedDocument,
): EmulatorOptions {
  for (const flag of SINGLE_TEXT_FLAGS) once(flag, flags[camel(flag)]);
  const faultFile =
    flags.faultsFile === undefined ? undefined : readFaultsFile(flags.faultsFile);
  if (faultFile !== undefined) refuseFaultFlagsBeside(flags);
  return {
    host: flags.host,
    port: checkNumber('port', flags.port, { min: 0, max: 65535, integer: true }),
    partners: parseKeys(flags.key ?? []),
    ...(flags.controlToken === undefined ? {} : { controlToken: flags.controlToken }),
    rateLimit: flags.rateLimit
      ? {
          ratePerSecond: checkNumber('rate', flags.rate, { min: 0.001, max: 1_000_000 }),
          burst: checkNumber('burst', flags.burst, {
            min: 1,
            max: 1_000_000,
            integer: true,
          }),
        }
      : null,
    strict: flags.strict,
    ...(flags.stateFile === undefined ? {} : { stateFile: flags.stateFile }),
    ...(flags.seed === undefined
      ? {}
      : { seed: loadSeedOrExplain(flags.seed, loadSeed) }),
    activationDelayMs: checkNumber(
      'activation-delay-ms',
      flags.activationDelayMs,
      DURATION,
    ),
    faults: faultFile?.global ?? faultsFromFlags(flags),
    faultsByKey: faultFile?.perKey ?? {},
  };
}

/** Text flags that take one value; yargs turns a repeated one into a list. */
const SINGLE_TEXT_FLAGS = [
  'host',
  'control-token',
  'state-file',
  'seed',
  'faults-file',
  'drop-mode',
] as const;

type SingleTextFlag = (typeof SINGLE_TEXT_FLAGS)[number];

function camel(flag: SingleTextFlag): keyof EmulatorFlags {
  return flag.replace(/-(.)/g, (_, c: string) => c.toUpperCase()) as keyof EmulatorFlags;
}

function once(flag: string, value: unknown): void {
  if (Array.isArray(value)) {
    throw usageError(`--${flag} was given ${value.length} times; give it once`);
  }
}

/** Longest delay a flag may ask for: Node's timers misfire past 2^31-1 ms. */
const DURATION = { min: 0, max: 3_600_000, integer: true };
const RATE = { min: 0, max: 1 };

/** The fault flags with the value each takes when it is not given. */
const FAULT_FLAGS = {
  'fault-seed': 'faultSeed',
  'latency-ms': 'latencyMs',
  'latency-jitter-ms': 'latencyJitterMs',
  'error-rate': 'errorRate',
  'reset-rate': 'resetRate',
  'drop-rate': 'dropRate',
  'drop-mode': 'dropMode',
} as const;

function faultsFromFlags(flags: EmulatorFlags): FaultSettings {
  return {
    seed: checkNumber('fault-seed', flags.faultSeed ?? 1, {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      integer: true,
    }),
    latencyMs: checkNumber('latency-ms', flags.latencyMs ?? 0, DURATION),
    latencyJitterMs: checkNumber(
      'latency-jitter-ms',
      flags.latencyJitterMs ?? 0,
      DURATION,
    ),
    errorRate: checkNumber('error-rate', flags.errorRate ?? 0, RATE),
    resetRate: checkNumber('reset-rate', flags.resetRate ?? 0, RATE),
    dropAfterCommitRate: checkNumber('drop-rate', flags.dropRate ?? 0, RATE),
    dropMode: flags.dropMode ?? 'reset',
  };
}

/** A faults file replaces the fault flags; given together, one would be ignored. */
function refuseFaultFlagsBeside(flags: EmulatorFlags): void {
  const given = Object.entries(FAULT_FLAGS)
    .filter(([, field]) => flags[field] !== undefined)
    .map(([flag]) => `--${flag}`);
  if (given.length > 0) {
    throw usageError(
      `--faults-file sets every fault; drop ${given.join(', ')} or put it in the file`,
    );
  }
}

/** `PARTNER:KEY` pairs grouped by partner; none gives the demo partner. */
export function parseKeys(values: readonly string[]): PartnerConfig[] {
  if (values.length === 0) return [DEMO_PARTNER];
  const byPartner = new Map<string, string[]>();
  const seen = new Set<string>();
  values.forEach((value, index) => {
    const colon = value.indexOf(':');
    const id = value.slice(0, colon);
    const key = value.slice(colon + 1);
    // The values hold keys: say what is wrong with one without echoing it.
    const which = `--key number ${index + 1}`;
    if (colon < 1 || !PARTNER_ID.test(id) || key === '') {
      throw usageError(
        `${which} must look like PARTNER:KEY (partner: letters, digits, "_", "-", "."); ` +
          `got a value of ${value.length} characters without that shape`,
      );
    }
    if (!KEY_TEXT.test(key)) {
      throw usageError(
        `${which}: a key is visible ASCII without spaces (an HTTP header)`,
      );
    }
    if (seen.has(key)) throw usageError(`${which} repeats a key given before it`);
    seen.add(key);
    byPartner.set(id, [...(byPartner.get(id) ?? []), key]);
  });
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
    const code = isFileAccessError(error) ? EXIT.io : EXIT.invalidInput;
    throw new ExitError(code, `--seed: ${reason}`, { cause: error });
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
    const code = isFileAccessError(error) ? EXIT.io : EXIT.usage;
    throw new ExitError(code, `--faults-file ${path}: ${reason}`);
  }
  const bad = (reason: string): ExitError =>
    usageError(`--faults-file ${path}: ${reason}`);
  if (!isPlainObject(parsed)) {
    throw bad('must hold a JSON object {"global": {...}, "perKey": {...}}');
  }
  const unknown = Object.keys(parsed).filter(
    (key) => key !== 'global' && key !== 'perKey',
  );
  if (unknown.length > 0) {
    throw bad(
      `unknown field ${JSON.stringify(unknown[0])}; the fields are global and perKey`,
    );
  }
  const doc = parsed as { global?: unknown; perKey?: unknown };
  try {
    return {
      global: validateFaultSettings(doc.global ?? {}, 'global'),
      perKey: validateFaultsByKey(doc.perKey ?? {}, 'perKey'),
    };
  } catch (error) {
    throw bad(error instanceof Error ? error.message : String(error));
  }
}

/** The file could not be opened or read, as opposed to holding bad content. */
function isFileAccessError(error: unknown): boolean {
  const own = (error as NodeJS.ErrnoException | undefined)?.code;
  const inner = ((error as Error | undefined)?.cause as NodeJS.ErrnoException | undefined)
    ?.code;
  return [own, inner].some((code) => code !== undefined && FILE_ACCESS_CODES.has(code));
}

const FILE_ACCESS_CODES = new Set([
  'ENOENT',
  'EACCES',
  'EISDIR',
  'EPERM',
  'ENOTDIR',
  'EIO',
]);
