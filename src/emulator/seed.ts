/**
 * The seed document: data to preload, checked with the API's own field rules
 * and reported with JSON paths (`organizations[3].owner.email: ...`).
 * Exports: `SeedDocument`, `SeedOrganization`, `SeedUser`, `SeedLocation`,
 * `SeedError`, `validateSeedDocument`, `loadSeedFile`.
 */
import { readFileSync } from 'node:fs';
import type { Role } from '../api/types.js';
import { readLocation, readOrganization, readRole, readUser } from './inputs.js';
import { PHONE_NUMBER_PATTERN, areaCodeOf } from './numbers.js';
import { EmulatorConfigError } from './errors.js';
import type { PartnerConfig } from './partner-config.js';
import { duplicateKeys, validatePartnerConfig } from './partner-config.js';
import { Validator } from './validation.js';
import { isPlainObject } from '../util/is-plain-object.js';

export interface SeedUser {
  external_id: string;
  email: string;
  name?: string | null;
  role: Role;
}

export interface SeedLocation {
  name: string;
  address?: string | null;
  /** Provisions a random number in this area code unless `phone_number` is given. */
  area_code?: string | null;
  google_place_id?: string | null;
  /** An exact number (`+1NXXNXXXXXX`), unique across the emulator. */
  phone_number?: string | null;
  /** Default `active` when the location has a number, else `pending`. */
  status?: 'pending' | 'active';
}

export interface SeedOrganization {
  /** Partner id; default the emulator's first partner. */
  partner?: string;
  name: string;
  description?: string | null;
  owner: { external_id: string; email: string; name?: string | null };
  users?: SeedUser[];
  locations?: SeedLocation[];
}

/**
 * Preloaded data. An external id used again in another organization of the
 * same partner is the same person (email and name must match) and gains a
 * membership there.
 */
export interface SeedDocument {
  partners?: PartnerConfig[];
  organizations: SeedOrganization[];
}

/** A seed document with problems; `problems` are `path: message` lines. */
export class SeedError extends Error {
  readonly problems: string[];

  constructor(problems: string[], options?: ErrorOptions) {
    const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    super(`invalid seed document (${count}):\n  ${problems.join('\n  ')}`, options);
    this.name = 'SeedError';
    this.problems = problems;
  }
}

type Json = Record<string, unknown>;
const STATUSES = ['pending', 'active'] as const;

/** Checks a seed document; throws a SeedError listing every problem found. */
export function validateSeedDocument(input: unknown): SeedDocument {
  const problems: string[] = [];
  if (!isPlainObject(input)) throw new SeedError(['(document): must be a JSON object']);
  checkPartners(input.partners, problems);
  if (!Array.isArray(input.organizations)) {
    problems.push('organizations: must be a list (it may be empty)');
  } else {
    input.organizations.forEach((org: unknown, i) =>
      checkOrganization(org, `organizations[${i}]`, problems),
    );
  }
  if (problems.length > 0) throw new SeedError(problems);
  return input as unknown as SeedDocument;
}

/** Reads, parses and checks a seed file; errors say which and why. */
export function loadSeedFile(path: string): SeedDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read seed file ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`seed file ${path} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return validateSeedDocument(parsed);
}

function checkPartners(partners: unknown, problems: string[]): void {
  if (partners === undefined) return;
  if (!Array.isArray(partners)) {
    problems.push('partners: must be a list of {id, name?, keys, embedEnabled?}');
    return;
  }
  const valid: PartnerConfig[] = [];
  partners.forEach((partner: unknown, i) => {
    try {
      valid.push(validatePartnerConfig(partner, `partners[${i}]`));
    } catch (error) {
      if (!(error instanceof EmulatorConfigError)) throw error;
      problems.push(asProblem(error));
    }
  });
  if (valid.length === partners.length) {
    duplicateKeys(valid, 'partners').forEach((d) => problems.push(asProblem(d)));
  }
}

/** `partners[0].id must be ...` as the problem line `partners[0].id: must be ...`. */
function asProblem({ option, message }: { option: string; message: string }): string {
  const rest = message.startsWith(`${option} `)
    ? message.slice(option.length + 1)
    : message;
  return `${option}: ${rest}`;
}

function checkOrganization(org: unknown, path: string, problems: string[]): void {
  if (!isPlainObject(org)) {
    problems.push(`${path}: must be an object`);
    return;
  }
  if (org.partner !== undefined && typeof org.partner !== 'string') {
    problems.push(`${path}.partner: must be a partner id (a string)`);
  }
  const v = new Validator();
  readOrganization(v, org);
  collect(v, path, problems);
  checkList(org.users, `${path}.users`, problems, checkUser);
  checkList(org.locations, `${path}.locations`, problems, checkLocation);
}

function checkUser(user: Json, path: string, problems: string[]): void {
  const v = new Validator();
  readUser(v, user);
  if (readRole(v, user) === undefined && !v.failed('role')) {
    v.fail('role', 'The role field is required.');
  }
  collect(v, path, problems);
}

function checkLocation(location: Json, path: string, problems: string[]): void {
  const v = new Validator();
  const draft = readLocation(v, location);
  const phone = v.optionalString(location, 'phone_number');
  if (typeof phone === 'string' && !PHONE_NUMBER_PATTERN.test(phone)) {
    v.fail('phone_number', 'The phone_number field must be a number like +14155550123.');
  } else if (typeof phone === 'string' && draft.areaCode !== undefined) {
    if (areaCodeOf(phone) !== draft.areaCode) {
      v.fail('area_code', 'The area_code field must match the phone_number.');
    }
  }
  const status = v.optionalChoice(location, 'status', STATUSES);
  const hasNumber = typeof phone === 'string' || draft.areaCode !== undefined;
  if (status === 'active' && !hasNumber && !v.failed('status')) {
    v.fail('status', 'An active location needs a phone_number or an area_code.');
  }
  collect(v, path, problems);
}

function checkList(
  list: unknown,
  path: string,
  problems: string[],
  check: (item: Json, path: string, problems: string[]) => void,
): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    problems.push(`${path}: must be a list`);
    return;
  }
  list.forEach((item: unknown, i) => {
    if (isPlainObject(item)) check(item, `${path}[${i}]`, problems);
    else problems.push(`${path}[${i}]: must be an object`);
  });
}

function collect(v: Validator, path: string, problems: string[]): void {
  for (const [field, messages] of Object.entries(v.errors)) {
    for (const message of messages) problems.push(`${path}.${field}: ${message}`);
  }
}
