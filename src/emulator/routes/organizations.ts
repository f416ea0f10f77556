/**
 * Organization endpoints (§5): list, create with owner, get, update, delete.
 * Exports: `organizationRoutes`.
 */
import type { ApiHandler, ApiRequest } from '../context.js';
import type { Reply } from '../http-util.js';
import { must, readOrganization, readOrganizationPatch } from '../inputs.js';
import {
  createOrganizationWithOwner,
  emailError,
  userExternalIdError,
} from '../operations.js';
import type { Router } from '../router.js';
import { UNKNOWNS } from '../unknowns.js';
import { Validator } from '../validation.js';
import { organizationView, organizationsOf, userView } from '../views.js';
import { requireOrganization, stamp } from './common.js';

/** Adds the organization routes to an API router. */
export function organizationRoutes(router: Router<ApiHandler>): void {
  router
    .add('GET', '/organizations', list)
    .add('POST', '/organizations', create)
    .add('GET', '/organizations/:organizationId', get)
    .add('PATCH', '/organizations/:organizationId', update)
    .add('DELETE', '/organizations/:organizationId', remove);
}

function list(req: ApiRequest): Reply {
  return { status: 200, body: organizationsOf(req.ctx, req.partnerId) };
}

function create(req: ApiRequest): Reply {
  const { ctx, partnerId } = req;
  const v = new Validator();
  const draft = readOrganization(v, req.body);
  const taken = userExternalIdError(
    ctx,
    partnerId,
    draft.owner.externalId,
    'owner.external_id',
  );
  if (taken !== null) v.fail('owner.external_id', taken);
  const emailTaken = emailError(ctx, partnerId, draft.owner.email, 'owner.email');
  if (emailTaken !== null) v.fail('owner.email', emailTaken);
  checkQuota(req, v);
  v.throwIfFailed();
  const owner = {
    externalId: must(draft.owner.externalId, 'owner.external_id'),
    email: must(draft.owner.email, 'owner.email'),
    name: draft.owner.name,
  };
  const org = { name: must(draft.name, 'name'), description: draft.description };
  const created = createOrganizationWithOwner(ctx, partnerId, org, owner, stamp(ctx));
  req.afterCommit(() => ctx.log.countOrganizationCreate(partnerId, owner.externalId));
  return {
    status: UNKNOWNS.U7.createOrganizationStatus,
    body: {
      organization: organizationView(ctx, created.organization),
      owner: userView(ctx, created.owner),
    },
  };
}

/** U26: no quota unless one is configured there. */
function checkQuota(req: ApiRequest, v: Validator): void {
  const max = UNKNOWNS.U26.maxOrganizationsPerPartner;
  if (max === null || req.ctx.store.organizations.count(req.partnerId) < max) return;
  v.fail('name', `The partner account already has the maximum of ${max} organizations.`);
}

function get(req: ApiRequest): Reply {
  return { status: 200, body: organizationView(req.ctx, requireOrganization(req)) };
}

function update(req: ApiRequest): Reply {
  const row = requireOrganization(req);
  const v = new Validator();
  const patch = readOrganizationPatch(v, req.body);
  v.throwIfFailed();
  const next = { ...row, ...patch };
  // U23: updated_at moves only when a field really changes (Eloquent's dirty check).
  if (next.name !== row.name || next.description !== row.description) {
    req.ctx.store.organizations.update({ ...next, updated_at: stamp(req.ctx) });
  }
  const fresh = req.ctx.store.organizations.find(req.partnerId, row.id) ?? row;
  return { status: 200, body: organizationView(req.ctx, fresh) };
}

/** U8: locations and memberships go; members left without any organization are deleted. */
function remove(req: ApiRequest): Reply {
  const { store } = req.ctx;
  const row = requireOrganization(req);
  const memberIds = store.memberships.memberIds(row.id);
  store.organizations.delete(row.id);
  if (UNKNOWNS.U8.deleteUsersLeftWithoutOrganization) {
    store.users.deleteOrphans(memberIds);
  }
  return { status: UNKNOWNS.U8.deleteStatus };
}
