/**
 * The checks behind `resolveOptions`: every invalid option is an
 * EmulatorConfigError naming the option, the allowed range and the value
 * received (never a secret's value). Exports: `checkOptions`, `checkHost`.
 */
import { randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { describeValue } from '../util/describe-value.js';
import { EmulatorConfigError } from './errors.js';
import { MAX_DURATION_MS, validateFaultSettings, validateFaultsByKey } from './faults.js';
import type { EMULATOR_DEFAULTS, EmulatorOptions, ResolvedOptions } from './options.js';
import { duplicateKeys, validatePartnerConfig } from './partner-config.js';
import type { PartnerConfig } from './partner-config.js';
import { validateRateLimitSettings } from './rate-limit.js';
import { validateSeedDocument } from './seed.js';

const MAX_PORT = 65_535;
const MAX_REQUEST_LOG = 1_000_000;
const MAX_TOKEN_LENGTH = 256;
/** Visible ASCII (0x21–0x7e): all an X-Emulator-Token header can carry unchanged. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
/** Digits and dots only: meant as an IPv4 address, so it must be a valid one. */
const IPV4_LIKE = /^[\d.]+$/;

/** Applies `defaults` to `options` and checks every option. */
export function checkOptions(
  options: EmulatorOptions,
  defaults: typeof EMULATOR_DEFAULTS,
): ResolvedOptions {
  return {
    host: checkHost(options.host ?? defaults.host),
    port: checkInteger('port', options.port ?? defaults.port, 0, MAX_PORT),
    partners: checkPartners(options.partners ?? [defaults.partner]),
    controlToken: checkToken(options.controlToken, defaults.controlTokenBytes),
    strict: checkBoolean('strict', options.strict ?? false),
    stateFile: checkStateFile(options.stateFile ?? defaults.stateFile),
    seed: options.seed === undefined ? undefined : validateSeedDocument(options.seed),
    rateLimit: validateRateLimitSettings(
      options.rateLimit === undefined ? defaults.rateLimit : options.rateLimit,
      'rateLimit',
    ),
    faults: validateFaultSettings(options.faults ?? {}, 'faults'),
    faultsByKey: validateFaultsByKey(options.faultsByKey ?? {}, 'faultsByKey'),
    activationDelayMs: checkInteger(
      'activationDelayMs',
      options.activationDelayMs ?? defaults.activationDelayMs,
      0,
      MAX_DURATION_MS,
    ),
    now: checkClock(options.now ?? Date.now),
    requestLogLimit: checkInteger(
      'requestLogLimit',
      options.requestLogLimit ?? defaults.requestLogLimit,
      1,
      MAX_REQUEST_LOG,
    ),
  };
}

/**
 * A listen address: non-blank, without spaces; an IPv4 or IPv6 literal must be
 * valid. Host names are resolved when binding (see `listen` in server.ts).
 */
export function checkHost(host: unknown): string {
  const rule =
    'host must be an IP address or a host name such as 127.0.0.1, ::1 or localhost';
  const valid =
    typeof host === 'string' &&
    host !== '' &&
    !/\s/.test(host) &&
    (IPV4_LIKE.test(host) ? isIPv4(host) : !host.includes(':') || isIPv6(host));
  if (!valid) {
    throw new EmulatorConfigError('host', `${rule}; got ${describeValue(host)}`);
  }
  return host;
}

function checkPartners(partners: unknown): PartnerConfig[] {
  if (!Array.isArray(partners)) {
    throw new EmulatorConfigError(
      'partners',
      `partners must be a list of {id, name?, keys, embedEnabled?}; got ${describeValue(partners)}`,
    );
  }
  const checked = partners.map((p: unknown, i) =>
    validatePartnerConfig(p, `partners[${i}]`),
  );
  const duplicate = duplicateKeys(checked, 'partners')[0];
  if (duplicate !== undefined) {
    throw new EmulatorConfigError(duplicate.option, duplicate.message);
  }
  return checked;
}

function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < min ||
    value > max
  ) {
    throw new EmulatorConfigError(
      name,
      `${name} must be an integer from ${min} to ${max}; got ${describeValue(value)}`,
    );
  }
  return value;
}

/** The control token is a secret: a bad one is described by its length only. */
function checkToken(token: unknown, randomBytesCount: number): string {
  if (token === undefined) return randomBytes(randomBytesCount).toString('hex');
  const valid =
    typeof token === 'string' &&
    token.length <= MAX_TOKEN_LENGTH &&
    VISIBLE_ASCII.test(token);
  if (!valid) {
    const got =
      typeof token === 'string'
        ? `a string of ${[...token].length} characters`
        : describeValue(token);
    throw new EmulatorConfigError(
      'controlToken',
      `controlToken must be 1 to ${MAX_TOKEN_LENGTH} visible ASCII characters ` +
        `(0x21-0x7e) when given; got ${got}`,
    );
  }
  return token;
}

function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new EmulatorConfigError(
      name,
      `${name} must be true or false; got ${describeValue(value)}`,
    );
  }
  return value;
}

function checkClock(now: unknown): () => number {
  if (typeof now !== 'function') {
    throw new EmulatorConfigError('now', 'now must be a function returning ms');
  }
  return now as () => number;
}

function checkStateFile(path: unknown): string {
  if (typeof path !== 'string' || path === '') {
    throw new EmulatorConfigError(
      'stateFile',
      `stateFile must be a file path or ':memory:'; got ${describeValue(path)}`,
    );
  }
  return path;
}
