/**
 * What every per-entity diff of one tenant reads, and the operation ids they
 * share. Ids are built from the customer key and entity names, so they stay the
 * same from one plan to the next and a person can read them.
 */
import type { Organization } from '../api/types.js';
import type { DesiredCustomer } from '../input/customer.js';
import type { LiveState } from './live-state.js';
import type { PlanMemory } from './memory.js';
import type { OrgTarget } from './plan-types.js';
import type { UserCoordination } from './diff-user-coordination.js';

export interface TenantContext {
  customer: DesiredCustomer;
  /** The matched live organization; null when the plan creates it. */
  org: Organization | null;
  live: LiveState;
  memory: PlanMemory;
  users: UserCoordination;
}

/** The organization as operations address it: its id, or the op that creates it. */
export function orgTarget(context: TenantContext): OrgTarget {
  return context.org === null
    ? { ref: createOrganizationId(context.customer.key) }
    : context.org.id;
}

/** Operations on an organization that does not exist yet wait for its creation. */
export function orgDependency(context: TenantContext): string[] {
  return context.org === null ? [createOrganizationId(context.customer.key)] : [];
}

/**
 * Escapes the characters that separate the parts of an id (`/`, `:`) and the
 * escape character itself, so that a key such as `a/b` cannot be read as key
 * `a` and entity `b`: every id splits back into its parts one way only.
 */
export function idPart(text: string): string {
  return text.replace(/[%/:]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `<key>/<entity>:<action>` or `<key>/<entity>:<action>:<detail>`. */
export function operationId(
  key: string,
  entity: 'organization' | 'user' | 'location',
  action: string,
  detail?: string,
): string {
  const tail = detail === undefined ? '' : `:${idPart(detail)}`;
  return `${idPart(key)}/${entity}:${action}${tail}`;
}

export function createOrganizationId(key: string): string {
  return operationId(key, 'organization', 'create');
}

export function createUserId(key: string, externalId: string): string {
  return operationId(key, 'user', 'create', externalId);
}
