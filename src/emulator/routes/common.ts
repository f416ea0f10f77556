/**
 * Lookups and parsing shared by the API routes.
 * Exports: `notFound`, `pathId`, `requireOrganization`, `requireUser`,
 * `listFilter`, `ListFilter`, `stamp`.
 */
import type { ApiRequest, EmulatorContext } from '../context.js';
import { HttpError } from '../http-util.js';
import type { OrganizationRow, UserRow } from '../store/rows.js';
import { toTimestamp } from '../time.js';
import { UNKNOWNS } from '../unknowns.js';
import { Validator } from '../validation.js';

const PATH_ID = /^\d{1,15}$/;

/** 404 `{"message":"Not found."}`: unknown, foreign and malformed ids alike. */
export function notFound(): HttpError {
  return new HttpError(404, UNKNOWNS.U1.notFound);
}

/** An integer path id; anything else is 404 (U18). */
export function pathId(value: string | undefined): number {
  if (value === undefined || !PATH_ID.test(value)) throw notFound();
  return Number(value);
}

/** The caller's organization named by the `:organizationId` path segment, or 404. */
export function requireOrganization(req: ApiRequest): OrganizationRow {
  const id = pathId(req.params.organizationId);
  const row = req.ctx.store.organizations.find(req.partnerId, id);
  if (row === undefined) throw notFound();
  return row;
}

/** The caller's user named by the `:externalId` path segment (decoded, U17), or 404. */
export function requireUser(req: ApiRequest): UserRow {
  const externalId = req.params.externalId ?? '';
  const row = req.ctx.store.users.find(req.partnerId, externalId);
  if (row === undefined) throw notFound();
  return row;
}

/** What a list's `?organization_id=` asks for (U18). */
export type ListFilter =
  { kind: 'all' } | { kind: 'organization'; id: number } | { kind: 'nothing' };

/**
 * Reads `?organization_id=`: absent or empty lists everything; a non-integer is
 * a 422; an unknown or foreign organization lists nothing.
 */
export function listFilter(req: ApiRequest): ListFilter {
  const v = new Validator();
  const id = v.optionalInteger(req.query.get('organization_id'), 'organization_id');
  v.throwIfFailed();
  if (id === undefined) return { kind: 'all' };
  const found = req.ctx.store.organizations.find(req.partnerId, id) !== undefined;
  if (found) return { kind: 'organization', id };
  if (UNKNOWNS.U18.unknownFilterGivesEmptyList) return { kind: 'nothing' };
  throw notFound();
}

/** The current time as an API timestamp. */
export function stamp(ctx: EmulatorContext): string {
  return toTimestamp(ctx.now());
}
