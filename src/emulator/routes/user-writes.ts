/**
 * `POST /users` and `PATCH /users/{external_id}` (§6.2, §6.4, U12, U13).
 * Exports: `createUserRoute`, `updateUserRoute`.
 */
import type { ApiRequest } from '../context.js';
import type { Reply } from '../http-util.js';
import { isPresent, must, readOrganizationId, readRole, readUser } from '../inputs.js';
import type { PersonFields } from '../operations.js';
import {
  createOrganizationWithOwner,
  createUser,
  emailError,
  touchOrganizations,
  userExternalIdError,
} from '../operations.js';
import type { OrganizationRow, Role, UserRow } from '../store/rows.js';
import { embedToken } from '../tokens.js';
import { UNKNOWNS } from '../unknowns.js';
import { Validator } from '../validation.js';
import { userView } from '../views.js';
import { requireUser, stamp } from './common.js';

const ORG = 'organization_id';

/** Organization, role and team name of a create or update, checked. */
interface Placement {
  org: OrganizationRow | undefined;
  role: Role | undefined;
  teamName: string | undefined;
}

/** Creates a user in an organization, or in a new one named `team_name` (U12). */
export function createUserRoute(req: ApiRequest): Reply {
  const { ctx, partnerId } = req;
  const v = new Validator();
  const draft = readUser(v, req.body);
  const taken = userExternalIdError(ctx, partnerId, draft.externalId, 'external_id');
  if (taken !== null) v.fail('external_id', taken);
  const emailTaken = emailError(ctx, partnerId, draft.email, 'email');
  if (emailTaken !== null) v.fail('email', emailTaken);
  const placement = readPlacement(req, v);
  if (placement.org === undefined && placement.teamName === undefined && !v.failed(ORG)) {
    v.fail(ORG, `The ${ORG} field is required when team_name is not present.`);
  }
  v.throwIfFailed();
  const person = {
    externalId: must(draft.externalId, 'external_id'),
    email: must(draft.email, 'email'),
    name: draft.name,
  };
  const { team, user } = placeNewUser(req, person, placement);
  const secret = must(user.embed_secret ?? undefined, 'embed_secret');
  const locations = ctx.store.locations.byOrganization(team.id);
  return {
    status: 201,
    body: {
      embed_token: embedToken(user.id, secret),
      user: userView(ctx, user),
      team: { id: team.id, name: team.name },
      locations: locations.map((loc) => ({ location: loc.name, phone_id: loc.id })),
    },
  };
}

/** Joins the given organization, or founds the team as its owner. */
function placeNewUser(
  req: ApiRequest,
  person: PersonFields,
  placement: Placement,
): { team: OrganizationRow; user: UserRow } {
  const { ctx, partnerId } = req;
  const at = stamp(ctx);
  const { org, role, teamName } = placement;
  if (org === undefined) {
    const team = { name: must(teamName, 'team_name'), description: null };
    const created = createOrganizationWithOwner(ctx, partnerId, team, person, at);
    return { team: created.organization, user: created.owner };
  }
  const user = createUser(ctx, partnerId, person, at);
  ctx.store.memberships.add(org.id, user.id, role ?? UNKNOWNS.U12.defaultRole);
  touchOrganizations(ctx, [org.id], at);
  return { team: org, user };
}

/** Changes name/email, adds a membership or changes a role (U13 keeps an owner). */
export function updateUserRoute(req: ApiRequest): Reply {
  const { ctx } = req;
  const user = requireUser(req);
  const v = new Validator();
  const name = v.optionalString(req.body, 'name');
  const email = v.email(req.body, 'email', 'email', false);
  const emailTaken = emailError(ctx, req.partnerId, email, 'email', user.id);
  if (emailTaken !== null) v.fail('email', emailTaken);
  const placement = readPlacement(req, v);
  const current = currentRole(req, placement.org, user);
  checkKeepsOwner(req, v, placement, current);
  v.throwIfFailed();
  const next = {
    ...user,
    ...(name === undefined ? {} : { name }),
    ...(email === undefined ? {} : { email }),
  };
  if (next.name !== user.name || next.email !== user.email) {
    ctx.store.users.update({ ...next, updated_at: stamp(ctx) });
  }
  applyPlacement(req, user, placement, current);
  const fresh = ctx.store.users.find(req.partnerId, user.external_id) ?? user;
  return { status: 200, body: userView(ctx, fresh) };
}

function currentRole(
  req: ApiRequest,
  org: OrganizationRow | undefined,
  user: UserRow,
): Role | undefined {
  return org === undefined ? undefined : req.ctx.store.memberships.role(org.id, user.id);
}

/** U13: demoting the only owner of the organization is a 422. */
function checkKeepsOwner(
  req: ApiRequest,
  v: Validator,
  { org, role }: Placement,
  current: Role | undefined,
): void {
  if (
    org === undefined ||
    current !== 'owner' ||
    role === undefined ||
    role === 'owner'
  ) {
    return;
  }
  if (req.ctx.store.memberships.ownerCount(org.id) > 1) return;
  const reason = UNKNOWNS.U13.lastOwnerMessage;
  v.fail('role', `The role cannot be changed: organization ${org.id} ${reason}.`);
}

/** Adds the membership (default role `user`), changes the role, or handles `team_name`. */
function applyPlacement(
  req: ApiRequest,
  user: UserRow,
  { org, role, teamName }: Placement,
  current: Role | undefined,
): void {
  const { ctx } = req;
  if (org === undefined) {
    if (teamName !== undefined) addTeamOnPatch(req, user, teamName);
    return;
  }
  if (current === undefined) {
    ctx.store.memberships.add(org.id, user.id, role ?? UNKNOWNS.U12.defaultRole);
  } else if (role !== undefined && role !== current) {
    ctx.store.memberships.setRole(org.id, user.id, role);
  } else {
    return;
  }
  touchOrganizations(ctx, [org.id], stamp(ctx));
}

/** U12: on PATCH, `team_name` without an organization is ignored unless configured. */
function addTeamOnPatch(req: ApiRequest, user: UserRow, teamName: string): void {
  if (UNKNOWNS.U12.patchTeamName !== 'create-organization') return;
  const { ctx } = req;
  const org = ctx.store.organizations.insert({
    partnerId: req.partnerId,
    name: teamName,
    description: null,
    at: stamp(ctx),
  });
  ctx.store.memberships.add(org.id, user.id, 'owner');
}

/**
 * Reads `organization_id` (query wins, U12), `role` and `team_name` (blank =
 * absent). An unknown or foreign organization is a 422 (U18); `role` needs an
 * organization.
 */
function readPlacement(req: ApiRequest, v: Validator): Placement {
  const orgId = readOrganizationId(v, req.query, req.body);
  const role = readRole(v, req.body);
  const teamName = v.optionalString(req.body, 'team_name');
  const { organizations } = req.ctx.store;
  const org = orgId === undefined ? undefined : organizations.find(req.partnerId, orgId);
  if (orgId !== undefined && org === undefined) {
    v.fail(ORG, `The selected ${ORG} is invalid.`);
  }
  if (role !== undefined && orgId === undefined && !v.failed(ORG)) {
    v.fail(ORG, `The ${ORG} field is required when role is present.`);
  }
  return { org, role, teamName: isPresent(teamName) ? teamName : undefined };
}
