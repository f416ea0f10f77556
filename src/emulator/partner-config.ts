/**
 * Partner accounts as given in options, seed documents and control requests,
 * and their checks. Keys are never echoed in messages; only their position is
 * named (`partners[1].keys[0]`). Exports: `PartnerConfig`, `validatePartnerConfig`,
 * `duplicateKeys`, `DuplicateKey`.
 */
import { describeValue } from '../util/describe-value.js';
import { EmulatorConfigError } from './errors.js';
import { UNKNOWNS } from './unknowns.js';

/** A partner account: its id, display name, API keys and embedding switch. */
export interface PartnerConfig {
  id: string;
  name?: string;
  keys: string[];
  /** Default true; false makes the embed-token endpoints answer 403 (U16). */
  embedEnabled?: boolean;
}

/** A key given twice: where it repeats and where it was first given. */
export interface DuplicateKey {
  option: string;
  message: string;
}

const PARTNER_ID = /^[A-Za-z0-9_.-]{1,64}$/;
/** Visible ASCII (0x21–0x7e): all an X-API-KEY header can carry unchanged. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
const MAX_KEY_LENGTH = 256;

/** Checks one partner; throws an EmulatorConfigError naming the field, never a key. */
export function validatePartnerConfig(input: unknown, where: string): PartnerConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new EmulatorConfigError(
      where,
      `${where} must be an object {id, name?, keys, embedEnabled?}; got ${describeValue(input)}`,
    );
  }
  const { id, name, keys, embedEnabled } = input as Record<string, unknown>;
  if (typeof id !== 'string' || !PARTNER_ID.test(id)) {
    throw new EmulatorConfigError(
      `${where}.id`,
      `${where}.id must be 1 to 64 letters, digits, "_", "-" or "."; got ${describeValue(id)}`,
    );
  }
  if (name !== undefined && typeof name !== 'string') {
    throw new EmulatorConfigError(
      `${where}.name`,
      `${where}.name must be a string when given`,
    );
  }
  if (embedEnabled !== undefined && typeof embedEnabled !== 'boolean') {
    throw new EmulatorConfigError(
      `${where}.embedEnabled`,
      `${where}.embedEnabled must be true or false when given`,
    );
  }
  return {
    id,
    ...(name === undefined ? {} : { name }),
    keys: checkKeys(keys, `${where}.keys`),
    ...(embedEnabled === undefined ? {} : { embedEnabled }),
  };
}

/** Checks a key given anywhere (options, seed, control); `where` names it. */
export function checkKey(key: unknown, where: string): string {
  const rule = `must be 1 to ${MAX_KEY_LENGTH} visible ASCII characters (0x21-0x7e)`;
  if (typeof key !== 'string') {
    throw new EmulatorConfigError(where, `${where} ${rule}; got ${describeKind(key)}`);
  }
  if (key.length > MAX_KEY_LENGTH || !VISIBLE_ASCII.test(key)) {
    const got = `got a string of ${[...key].length} characters`;
    throw new EmulatorConfigError(where, `${where} ${rule}; ${got} (not shown)`);
  }
  const prefix = UNKNOWNS.U25.requiredKeyPrefix;
  if (!key.startsWith(prefix)) {
    throw new EmulatorConfigError(where, `${where} must start with "${prefix}" (U25)`);
  }
  return key;
}

/** Every key given more than once, within one partner or across partners. */
export function duplicateKeys(
  partners: readonly PartnerConfig[],
  where: string,
): DuplicateKey[] {
  const firstSeen = new Map<string, string>();
  const found: DuplicateKey[] = [];
  partners.forEach((partner, i) =>
    partner.keys.forEach((key, j) => {
      const option = `${where}[${i}].keys[${j}]`;
      const earlier = firstSeen.get(key);
      if (earlier === undefined) firstSeen.set(key, option);
      else {
        const message = `${option} is the same key as ${earlier}; every key must be distinct`;
        found.push({ option, message });
      }
    }),
  );
  return found;
}

function checkKeys(keys: unknown, where: string): string[] {
  if (!Array.isArray(keys)) {
    throw new EmulatorConfigError(
      where,
      `${where} must be a list of API keys; got ${describeKind(keys)}`,
    );
  }
  return keys.map((key: unknown, index) => checkKey(key, `${where}[${index}]`));
}

/** The kind of a value that may be a secret: never the value itself. */
function describeKind(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
