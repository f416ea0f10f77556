/**
 * Location endpoints (§8, U10, U11): list, create (reserving a number when an
 * area code is given), get, update, delete. Exports: `locationRoutes`.
 */
import type { ApiHandler, ApiRequest } from '../context.js';
import type { Reply } from '../http-util.js';
import { readLocation, readLocationPatch } from '../inputs.js';
import { reservePhoneNumber } from '../numbers.js';
import { touchOrganizations } from '../operations.js';
import type { Router } from '../router.js';
import { locationJson } from '../serialize.js';
import type { LocationRow } from '../store/rows.js';
import { toTimestamp } from '../time.js';
import { UNKNOWNS } from '../unknowns.js';
import { Validator } from '../validation.js';
import { locationsOf } from '../views.js';
import { listFilter, notFound, pathId, stamp } from './common.js';

const ORG = 'organization_id';

/** Adds the location routes to an API router. */
export function locationRoutes(router: Router<ApiHandler>): void {
  router
    .add('GET', '/locations', list)
    .add('POST', '/locations', create)
    .add('GET', '/locations/:locationId', get)
    .add('PATCH', '/locations/:locationId', update)
    .add('DELETE', '/locations/:locationId', remove);
}

function list(req: ApiRequest): Reply {
  const filter = listFilter(req);
  if (filter.kind === 'nothing') return { status: 200, body: [] };
  const orgId = filter.kind === 'organization' ? filter.id : undefined;
  return { status: 200, body: locationsOf(req.ctx, req.partnerId, orgId) };
}

/** 201, always pending with no number yet; a reserved number activates later. */
function create(req: ApiRequest): Reply {
  const { ctx, partnerId } = req;
  const v = new Validator();
  const orgId = v.optionalInteger(req.body[ORG], ORG);
  if (orgId === undefined && !v.failed(ORG)) v.fail(ORG, `The ${ORG} field is required.`);
  const org =
    orgId === undefined ? undefined : ctx.store.organizations.find(partnerId, orgId);
  if (orgId !== undefined && org === undefined) {
    v.fail(ORG, `The selected ${ORG} is invalid.`);
  }
  const draft = readLocation(v, req.body);
  v.throwIfFailed();
  if (org === undefined) throw new Error('bug: organization missing after validation');
  const nowMs = ctx.now();
  const at = toTimestamp(nowMs);
  const number =
    draft.areaCode === undefined
      ? null
      : reservePhoneNumber(ctx.store.phoneNumbers, draft.areaCode, at);
  const row = ctx.store.locations.insert({
    partnerId,
    organizationId: org.id,
    name: draft.name ?? null,
    phoneNumber: number,
    status: UNKNOWNS.U10.initialStatus,
    activatesAt: number === null ? null : nowMs + ctx.options.activationDelayMs,
    address: draft.address,
    googlePlaceId: draft.googlePlaceId,
    at,
  });
  touchOrganizations(ctx, [org.id], at);
  req.afterCommit(() => ctx.log.countLocationCreate(partnerId, org.id, row.name ?? ''));
  return {
    status: UNKNOWNS.U10.createLocationStatus,
    body: locationJson(row, nowMs, true),
  };
}

function get(req: ApiRequest): Reply {
  return { status: 200, body: locationJson(requireLocation(req), req.ctx.now()) };
}

/** Name, address and place id; `updated_at` moves only on a real change. */
function update(req: ApiRequest): Reply {
  const row = requireLocation(req);
  const v = new Validator();
  const patch = readLocationPatch(v, req.body);
  v.throwIfFailed();
  const next: LocationRow = {
    ...row,
    name: patch.name ?? row.name,
    address: patch.address === undefined ? row.address : patch.address,
    google_place_id:
      patch.googlePlaceId === undefined ? row.google_place_id : patch.googlePlaceId,
  };
  const changed =
    next.name !== row.name ||
    next.address !== row.address ||
    next.google_place_id !== row.google_place_id;
  if (changed) {
    const at = stamp(req.ctx);
    req.ctx.store.locations.update({ ...next, updated_at: at });
    touchOrganizations(req.ctx, [row.organization_id], at);
  }
  const fresh = req.ctx.store.locations.find(req.partnerId, row.id) ?? row;
  return { status: 200, body: locationJson(fresh, req.ctx.now()) };
}

/** U8: 204; the number stays issued and is never handed out again. */
function remove(req: ApiRequest): Reply {
  const row = requireLocation(req);
  req.ctx.store.locations.delete(row.id);
  touchOrganizations(req.ctx, [row.organization_id], stamp(req.ctx));
  return { status: UNKNOWNS.U8.deleteStatus };
}

function requireLocation(req: ApiRequest): LocationRow {
  const id = pathId(req.params.locationId);
  const row = req.ctx.store.locations.find(req.partnerId, id);
  if (row === undefined) throw notFound();
  return row;
}
