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
  /** The id of the `create-organization` operation when `org` is null, else null. */
  createdAs: string | null;
  live: LiveState;
  memory: PlanMemory;
  users: UserCoordination;
}

/** The organization as operations address it: its id, or the op that creates it. */
export function orgTarget(context: TenantContext): OrgTarget {
  return context.org === null ? { ref: createdAs(context) } : context.org.id;
}

/** Operations on an organization that does not exist yet wait for its creation. */
export function orgDependency(context: TenantContext): string[] {
  return context.org === null ? [createdAs(context)] : [];
}

/** Built once per tenant: every operation of a new organization names it. */
function createdAs(context: TenantContext): string {
  return context.createdAs ?? createOrganizationId(context.customer.key);
}

/**
 * Escapes the characters that separate the parts of an id (`/`, `:`) and the
 * escape character itself, so that a key such as `a/b` cannot be read as key
 * `a` and entity `b`: every id splits back into its parts one way only.
 */
export function idPart(text: string): string {
  // Keys and names rarely hold a separator: skip the replace when none does.
  if (!hasSeparator(text)) return text;
  return text.replace(/[%/:]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function hasSeparator(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === PERCENT || code === SLASH || code === COLON) return true;
  }
  return false;
}

const PERCENT = 0x25;
const SLASH = 0x2f;
const COLON = 0x3a;

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
