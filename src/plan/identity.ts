/**
 * Matches each customer to a live organization: by memory, then by the owner's
 * external id, then (only when asked) by normalised name. Anything ambiguous is
 * a conflict, never a guess.
 */
import type { DesiredCustomer } from '../input/customer.js';
import { normaliseName } from '../input/normalise.js';
import type { Organization } from '../api/types.js';
import type { LiveState } from './live-state.js';
import type { PlanMemory } from './memory.js';
import type { Identity, TenantConflict } from './plan-types.js';

export type IdentityMatch =
  | { kind: 'matched'; identity: Exclude<Identity, 'new'>; organizationId: number }
  | { kind: 'new'; identity: 'new' }
  | { kind: 'conflict'; identity: Identity; conflict: TenantConflict };

export interface CustomerIdentity {
  match: IdentityMatch;
  notes: string[];
}

export interface IdentityResult {
  byKey: ReadonlyMap<string, CustomerIdentity>;
  /** Live organization ids, ascending, that no customer matched or contests. */
  unmatched: number[];
}

interface Claim {
  key: string;
  identity: Exclude<Identity, 'new'>;
  organizationId: number;
}

/** Matches every customer; `customers` may come in any order. */
export function matchIdentities(
  customers: readonly DesiredCustomer[],
  live: LiveState,
  memory: PlanMemory,
  matchByName: boolean,
): IdentityResult {
  const byKey = new Map<string, CustomerIdentity>();
  const claims: Claim[] = [];
  const seekingName: DesiredCustomer[] = [];
  for (const customer of customers) {
    const found = matchByMemoryOrOwner(customer, live, memory);
    byKey.set(customer.key, found.result);
    if (found.claim !== undefined) claims.push(found.claim);
    else if (found.result.match.kind === 'new') seekingName.push(customer);
  }
  if (matchByName) {
    const remembered = rememberedElsewhere(memory, live, byKey);
    matchNames(seekingName, live, [...claims, ...remembered], claims, byKey);
  }
  refuseSharedClaims(claims, byKey);
  return { byKey, unmatched: unmatchedOrgs(live, byKey) };
}

function matchByMemoryOrOwner(
  customer: DesiredCustomer,
  live: LiveState,
  memory: PlanMemory,
): { result: CustomerIdentity; claim?: Claim } {
  const notes: string[] = [];
  const remembered = memory.organizations.get(customer.key);
  if (remembered !== undefined) {
    const org = live.byId.get(remembered);
    const knownOwner = memory.lastApplied.get(customer.key)?.owner;
    if (org !== undefined && !resembles(org, customer, live, knownOwner)) {
      return { result: { match: rememberedMismatch(org, customer), notes } };
    }
    if (org !== undefined) {
      const claim: Claim = {
        key: customer.key,
        identity: 'remembered',
        organizationId: remembered,
      };
      return { result: { match: { kind: 'matched', ...claim }, notes }, claim };
    }
    notes.push(`remembered organization ${remembered} is gone`);
  }
  const owned = live.ownedBy(customer.owner.externalId);
  const [only] = owned;
  if (owned.length === 1 && only !== undefined) {
    const claim: Claim = { key: customer.key, identity: 'owner', organizationId: only };
    return { result: { match: { kind: 'matched', ...claim }, notes }, claim };
  }
  if (owned.length > 1) {
    const reason =
      `owner ${JSON.stringify(customer.owner.externalId)} holds role owner in ` +
      `several organizations (${owned.join(', ')})`;
    const conflict: TenantConflict = {
      kind: 'owner-ambiguous',
      reason,
      candidates: owned,
    };
    return {
      result: { match: { kind: 'conflict', identity: 'owner', conflict }, notes },
    };
  }
  return { result: { match: { kind: 'new', identity: 'new' }, notes } };
}

/**
 * Whether a remembered organization still looks like the customer: its owner
 * or its name (normalised) is the export's. Either may change on its own (an
 * owner handed over, a business renamed), which is what memory is for; both at
 * once means the id now names something else (a customer_id reused for another
 * business, or a state directory used against another environment's data).
 * When aa-sync knows the owner it set, the name proves nothing: one of the live
 * owners must be that one or the export's.
 */
function resembles(
  org: Organization,
  customer: DesiredCustomer,
  live: LiveState,
  knownOwner: string | undefined,
): boolean {
  const ownedBy = (owner: string): boolean => live.ownedBy(owner).includes(org.id);
  // The owner aa-sync set is the stronger proof: a stranger's organization now
  // holding the id may well carry a common business name.
  if (knownOwner !== undefined) {
    return ownedBy(knownOwner) || ownedBy(customer.owner.externalId);
  }
  if (normaliseName(org.name) === normaliseName(customer.organization.name)) return true;
  return ownedBy(customer.owner.externalId);
}

/** The external ids of the organization's owners. */
function ownersOf(org: Organization): string[] {
  return org.users
    .filter((user) =>
      user.organizations.some(
        (member) => member.id === org.id && member.role === 'owner',
      ),
    )
    .map((user) => user.external_id);
}

function rememberedMismatch(org: Organization, customer: DesiredCustomer): IdentityMatch {
  const liveOwner = ownersOf(org)
    .map((id) => JSON.stringify(id))
    .join(', ');
  const reason =
    `the remembered organization ${org.id} is now ${JSON.stringify(org.name)}, owned by ` +
    `${liveOwner === '' ? 'nobody' : liveOwner}, not ` +
    `${JSON.stringify(customer.organization.name)} of ${JSON.stringify(customer.owner.externalId)}`;
  const conflict: TenantConflict = {
    kind: 'remembered-mismatch',
    reason,
    candidates: [org.id],
  };
  return { kind: 'conflict', identity: 'remembered', conflict };
}

/**
 * Live organizations the memory gives to customer keys outside this export (a
 * customer dropped, or rejected by validation): still theirs, so a name match
 * must not take them.
 */
function rememberedElsewhere(
  memory: PlanMemory,
  live: LiveState,
  byKey: ReadonlyMap<string, CustomerIdentity>,
): Claim[] {
  const claims: Claim[] = [];
  for (const [key, organizationId] of memory.organizations) {
    if (byKey.has(key) || !live.byId.has(organizationId)) continue;
    claims.push({ key, identity: 'remembered', organizationId });
  }
  return claims;
}

/** A name match counts only when no other customer claims that organization. */
function matchNames(
  seeking: readonly DesiredCustomer[],
  live: LiveState,
  claimedBefore: readonly Claim[],
  claims: Claim[],
  byKey: Map<string, CustomerIdentity>,
): void {
  const sameName = new Map<string, string[]>();
  for (const customer of seeking) {
    const name = normaliseName(customer.organization.name);
    sameName.set(name, [...(sameName.get(name) ?? []), customer.key]);
  }
  for (const customer of seeking) {
    const name = normaliseName(customer.organization.name);
    const candidates = live.namedAs(name);
    const entry = byKey.get(customer.key);
    if (entry === undefined || candidates.length === 0) continue;
    const others = (sameName.get(name) ?? []).filter((key) => key !== customer.key);
    const match = nameMatch(customer, candidates, claimedBefore, others);
    entry.match = match;
    if (match.kind === 'matched') claims.push({ key: customer.key, ...match });
  }
}

function nameMatch(
  customer: DesiredCustomer,
  candidates: number[],
  claims: readonly Claim[],
  sameNameKeys: readonly string[],
): IdentityMatch {
  const quoted = JSON.stringify(customer.organization.name);
  const [only] = candidates;
  if (candidates.length > 1 || only === undefined) {
    const reason = `several organizations are named ${quoted} (${candidates.join(', ')})`;
    const conflict: TenantConflict = { kind: 'name-ambiguous', reason, candidates };
    return { kind: 'conflict', identity: 'name', conflict };
  }
  const claimants = claims.filter((c) => c.organizationId === only).map((c) => c.key);
  const rivals = [...claimants, ...sameNameKeys];
  if (rivals.length > 0) {
    const reason =
      `organization ${only} is named ${quoted} but customer ` +
      `${rivals.map((key) => JSON.stringify(key)).join(', ')} claims it too`;
    const conflict: TenantConflict = { kind: 'name-claimed', reason, candidates };
    return { kind: 'conflict', identity: 'name', conflict };
  }
  return { kind: 'matched', identity: 'name', organizationId: only };
}

/** An organization matched by two customers is a conflict for both. */
function refuseSharedClaims(
  claims: readonly Claim[],
  byKey: Map<string, CustomerIdentity>,
): void {
  const byOrg = new Map<number, Claim[]>();
  for (const claim of claims) {
    byOrg.set(claim.organizationId, [...(byOrg.get(claim.organizationId) ?? []), claim]);
  }
  for (const [organizationId, shared] of byOrg) {
    if (shared.length < 2) continue;
    const keys = shared.map((claim) => JSON.stringify(claim.key)).sort();
    for (const claim of shared) {
      const entry = byKey.get(claim.key);
      if (entry === undefined) continue;
      const reason =
        `organization ${organizationId} is matched by customers ${keys.join(' and ')} ` +
        `(this one by ${claim.identity})`;
      const conflict: TenantConflict = {
        kind: 'organization-claimed',
        reason,
        candidates: [organizationId],
      };
      entry.match = { kind: 'conflict', identity: claim.identity, conflict };
    }
  }
}

function unmatchedOrgs(live: LiveState, byKey: ReadonlyMap<string, CustomerIdentity>) {
  const taken = new Set<number>();
  for (const { match } of byKey.values()) {
    if (match.kind === 'matched') taken.add(match.organizationId);
    if (match.kind === 'conflict')
      match.conflict.candidates.forEach((id) => taken.add(id));
  }
  return live.organizations.map((org) => org.id).filter((id) => !taken.has(id));
}
