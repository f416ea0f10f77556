/**
 * Writes shared by the API routes and the seed loader; callers run them inside
 * a store transaction after validation passed.
 * Exports: `PersonFields`, `createUser`, `createOrganizationWithOwner`,
 * `userExternalIdError`, `emailError`, `touchOrganizations`.
 */
import type { EmulatorContext } from './context.js';
import type { OrganizationRow, UserRow } from './store/rows.js';
import { newEmbedSecret } from './tokens.js';
import { UNKNOWNS } from './unknowns.js';

/** A validated person: user or owner. */
export interface PersonFields {
  externalId: string;
  email: string;
  name: string | null;
}

/** Inserts a user with a first embed secret (so creating returns a token, §6.2). */
export function createUser(
  ctx: EmulatorContext,
  partnerId: string,
  person: PersonFields,
  at: string,
): UserRow {
  return ctx.store.users.insert({
    partnerId,
    externalId: person.externalId,
    email: person.email,
    name: person.name,
    embedSecret: newEmbedSecret(),
    at,
  });
}

/** Inserts an organization and its owner, a new user with role `owner` (§5.2). */
export function createOrganizationWithOwner(
  ctx: EmulatorContext,
  partnerId: string,
  org: { name: string; description: string | null },
  owner: PersonFields,
  at: string,
): { organization: OrganizationRow; owner: UserRow } {
  const organization = ctx.store.organizations.insert({ partnerId, ...org, at });
  const user = createUser(ctx, partnerId, owner, at);
  ctx.store.memberships.add(organization.id, user.id, 'owner');
  return { organization, owner: user };
}

/**
 * The U3 message when the external id is held by a user or a pending link of
 * the partner, else null. `label` is the field path (`owner.external_id`).
 */
export function userExternalIdError(
  ctx: EmulatorContext,
  partnerId: string,
  externalId: string | undefined,
  label: string,
): string | null {
  if (externalId === undefined) return null;
  if (!ctx.store.users.externalIdTaken(partnerId, externalId)) return null;
  return `The ${label} ${UNKNOWNS.U3.duplicateExternalIdMessage}`;
}

/**
 * U24: when emails must be unique, the message for an email another user of the
 * partner already has; null otherwise (and always, by default).
 */
export function emailError(
  ctx: EmulatorContext,
  partnerId: string,
  email: string | undefined,
  label: string,
  exceptUserId?: number,
): string | null {
  if (!UNKNOWNS.U24.uniqueEmails || email === undefined) return null;
  if (!ctx.store.users.emailTaken(partnerId, email, exceptUserId)) return null;
  return `The ${label} has already been taken.`;
}

/** U23: moves the organizations' updated_at on member or location changes, if configured. */
export function touchOrganizations(
  ctx: EmulatorContext,
  organizationIds: readonly number[],
  at: string,
): void {
  if (!UNKNOWNS.U23.touchOrganizationOnMemberChange) return;
  for (const id of organizationIds) ctx.store.organizations.touch(id, at);
}
