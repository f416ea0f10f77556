/**
 * Loads a checked seed document into the store in one transaction: all of it,
 * or nothing and a SeedError naming every conflict with stored data.
 * Exports: `SeedCounts`, `applySeed`, `registerSeedPartners`.
 */
import type { EmulatorContext } from './context.js';
import { PHONE_NUMBER_PATTERN, reservePhoneNumber } from './numbers.js';
import { createUser, type PersonFields } from './operations.js';
import type { SeedDocument, SeedLocation, SeedOrganization } from './seed.js';
import { SeedError } from './seed.js';
import type { Role, UserRow } from './store/rows.js';
import { toTimestamp } from './time.js';

/** How much a seed added. */
export interface SeedCounts {
  partners: number;
  organizations: number;
  users: number;
  locations: number;
}

interface SeedPerson {
  row: UserRow;
  path: string;
}

interface SeedRun {
  ctx: EmulatorContext;
  at: string;
  problems: string[];
  people: Map<string, SeedPerson>;
  counts: SeedCounts;
}

/** Registers the document's partners and keys (in memory; also on restarts). */
export function registerSeedPartners(ctx: EmulatorContext, doc: SeedDocument): number {
  const partners = doc.partners ?? [];
  const conflicts = partners.flatMap((p, i) => {
    const conflict = ctx.keys.conflictOf(p);
    return conflict === null
      ? []
      : [`partners[${i}].keys[${conflict.index}]: ${conflict.message}`];
  });
  if (conflicts.length > 0) throw new SeedError(conflicts);
  partners.forEach((partner) => ctx.keys.register(partner));
  return partners.length;
}

/** Registers partners, then adds every organization with its people and locations. */
export function applySeed(ctx: EmulatorContext, doc: SeedDocument): SeedCounts {
  const partners = registerSeedPartners(ctx, doc);
  const run: SeedRun = {
    ctx,
    at: toTimestamp(ctx.now()),
    problems: [],
    people: new Map(),
    counts: { partners, organizations: 0, users: 0, locations: 0 },
  };
  try {
    ctx.store.transaction(() => {
      doc.organizations.forEach((org, i) =>
        seedOrganization(run, org, `organizations[${i}]`),
      );
      if (run.problems.length > 0) throw new SeedError(run.problems);
    });
  } catch (error) {
    throw asSeedError(error);
  }
  return run.counts;
}

/**
 * Every failure while applying a seed is a SeedError (nothing was stored): a
 * conflict the checks above missed must not surface as a bare SQLite error.
 */
function asSeedError(error: unknown): SeedError {
  if (error instanceof SeedError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new SeedError([`(document): cannot be applied: ${reason}`], { cause: error });
}

function seedOrganization(run: SeedRun, org: SeedOrganization, path: string): void {
  const { ctx } = run;
  const partnerId = org.partner ?? ctx.keys.firstPartnerId();
  if (partnerId === undefined || ctx.keys.partner(partnerId) === undefined) {
    run.problems.push(`${path}.partner: unknown partner ${JSON.stringify(partnerId)}`);
    return;
  }
  const row = ctx.store.organizations.insert({
    partnerId,
    name: org.name,
    description: org.description ?? null,
    at: run.at,
  });
  run.counts.organizations += 1;
  const members = new Set<number>();
  const join = (person: PersonFields, role: Role, where: string): void => {
    const user = personFor(run, partnerId, person, where);
    if (user === null) return;
    if (members.has(user.id)) {
      run.problems.push(
        `${where}.external_id: ${person.externalId} is already a member here`,
      );
      return;
    }
    members.add(user.id);
    ctx.store.memberships.add(row.id, user.id, role);
  };
  join(person(org.owner), 'owner', `${path}.owner`);
  (org.users ?? []).forEach((user, j) =>
    join(person(user), user.role, `${path}.users[${j}]`),
  );
  (org.locations ?? []).forEach((loc, j) =>
    seedLocation(run, row.id, partnerId, loc, `${path}.locations[${j}]`),
  );
}

/** The user for an external id: earlier in this seed (same person), or new. */
function personFor(
  run: SeedRun,
  partnerId: string,
  person: PersonFields,
  where: string,
): UserRow | null {
  const key = `${partnerId}\u0000${person.externalId}`;
  const earlier = run.people.get(key);
  if (earlier !== undefined) {
    if (earlier.row.email === person.email && earlier.row.name === person.name) {
      return earlier.row;
    }
    run.problems.push(
      `${where}.external_id: ${person.externalId} is used at ${earlier.path} with another email or name`,
    );
    return null;
  }
  if (run.ctx.store.users.externalIdTaken(partnerId, person.externalId)) {
    run.problems.push(`${where}.external_id: The external_id has already been taken.`);
    return null;
  }
  const row = createUser(run.ctx, partnerId, person, run.at);
  run.people.set(key, { row, path: where });
  run.counts.users += 1;
  return row;
}

function seedLocation(
  run: SeedRun,
  organizationId: number,
  partnerId: string,
  loc: SeedLocation,
  path: string,
): void {
  const number = seedNumber(run, loc, path);
  if (number === undefined) return;
  const status = loc.status ?? (number === null ? 'pending' : 'active');
  run.ctx.store.locations.insert({
    partnerId,
    organizationId,
    name: loc.name,
    phoneNumber: number,
    status,
    // A seeded pending number waits for POST /_emulator/locations/activate.
    activatesAt: null,
    address: loc.address ?? null,
    googlePlaceId: loc.google_place_id ?? null,
    at: run.at,
  });
  run.counts.locations += 1;
}

/** The location's number: given (and free), provisioned, or null; undefined on a problem. */
function seedNumber(
  run: SeedRun,
  loc: SeedLocation,
  path: string,
): string | null | undefined {
  const { phoneNumbers } = run.ctx.store;
  const given = loc.phone_number;
  if (typeof given === 'string' && PHONE_NUMBER_PATTERN.test(given)) {
    if (phoneNumbers.tryIssue(given, run.at)) return given;
    run.problems.push(`${path}.phone_number: The phone_number has already been taken.`);
    return undefined;
  }
  const areaCode = loc.area_code;
  if (typeof areaCode === 'string' && areaCode !== '') {
    return reservePhoneNumber(phoneNumbers, areaCode, run.at);
  }
  return null;
}

function person(input: {
  external_id: string;
  email: string;
  name?: string | null;
}): PersonFields {
  return { externalId: input.external_id, email: input.email, name: input.name ?? null };
}
