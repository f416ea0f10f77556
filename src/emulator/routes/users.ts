/**
 * User endpoints (§6): list, create, get, update, delete.
 * Exports: `userRoutes`.
 */
import type { ApiHandler, ApiRequest } from '../context.js';
import type { Reply } from '../http-util.js';
import { touchOrganizations } from '../operations.js';
import type { Router } from '../router.js';
import { UNKNOWNS } from '../unknowns.js';
import { ValidationError } from '../validation.js';
import { userView, usersOf } from '../views.js';
import { listFilter, requireUser, stamp } from './common.js';
import { createUserRoute, updateUserRoute } from './user-writes.js';

/** Adds the user routes to an API router. */
export function userRoutes(router: Router<ApiHandler>): void {
  router
    .add('GET', '/users', list)
    .add('POST', '/users', createUserRoute)
    .add('GET', '/users/:externalId', get)
    .add('PATCH', '/users/:externalId', updateUserRoute)
    .add('DELETE', '/users/:externalId', remove);
}

function list(req: ApiRequest): Reply {
  const filter = listFilter(req);
  if (filter.kind === 'nothing') return { status: 200, body: [] };
  const orgId = filter.kind === 'organization' ? filter.id : undefined;
  return { status: 200, body: usersOf(req.ctx, req.partnerId, orgId) };
}

function get(req: ApiRequest): Reply {
  return { status: 200, body: userView(req.ctx, requireUser(req)) };
}

/** U9: 204; refused (422, U13) while the user is the only owner of an organization. */
function remove(req: ApiRequest): Reply {
  const user = requireUser(req);
  const { store } = req.ctx;
  const soleOwnerOf = store.memberships.soleOwnerOf(user.id);
  if (soleOwnerOf.length > 0) {
    const orgs = soleOwnerOf.map((org) => `${org.id}`).join(', ');
    throw new ValidationError({
      external_id: [
        `The user is the only owner of organization ${orgs}, which ` +
          `${UNKNOWNS.U13.lastOwnerMessage}; make someone else owner first.`,
      ],
    });
  }
  const organizationIds = store.memberships.byUser(user.id).map((m) => m.organization_id);
  store.users.delete(user.id);
  touchOrganizations(req.ctx, organizationIds, stamp(req.ctx));
  return { status: UNKNOWNS.U9.deleteUserStatus };
}
