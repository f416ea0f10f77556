/**
 * The plan: pure, serialisable data that tells the executor which API calls turn
 * the live state into the desired state. Saved with `--out`, read back with
 * `parsePlan`, rendered with `renderPlanText`.
 */
import type {
  CreateLocationRequest,
  CreateOrganizationRequest,
  CreateUserRequest,
  Role,
  UpdateLocationRequest,
  UpdateOrganizationRequest,
} from '../api/types.js';
import type { SourceLine } from '../input/customer.js';

/** The `format` field of every plan file. */
export const PLAN_FORMAT = 'aa-sync-plan';
/** The plan file version this aa-sync writes and reads. */
export const PLAN_VERSION = 1;

/**
 * `merge` only adds and updates; `mirror` also makes the live state lose what the
 * export lacks, but only together with `prune` (two flags for one dangerous act).
 */
export const SYNC_MODES = ['merge', 'mirror'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

export interface PlanOptions {
  mode: SyncMode;
  prune: boolean;
  /** Adopt a live organization whose normalised name equals the customer's. */
  matchByName: boolean;
  /** Most deletions of one kind (organization, location) a plan may hold. */
  maxDeletes: number;
  /** Most deletions of one kind, in percent of that kind's live count. */
  maxDeletePercent: number;
}

/** An input file the plan was computed from. */
export interface InputFingerprint {
  file: string;
  sha256: string;
  bytes: number;
}

export interface PlanFingerprints {
  inputs: InputFingerprint[];
  /** SHA-256 (hex) of the projection of the live state that planning used. */
  live: string;
  /** SHA-256 (hex) of the plan options. */
  options: string;
}

/**
 * An organization that does not exist yet: the id of the `create-organization`
 * operation whose result the executor substitutes.
 */
export interface OrgRef {
  ref: string;
}

export type OrgTarget = number | OrgRef;

/** One changed field of an update. */
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
  /** False when the API does not return the field and nothing was applied before. */
  fromKnown: boolean;
}

interface OperationBase {
  /** Unique in the plan, stable across runs: `<key>/<entity>:<action>[:<detail>]`. */
  id: string;
  /** The customer key of the tenant the operation belongs to. */
  tenant: string;
  /** Operations that must succeed first (ids; possibly of another tenant). */
  dependsOn: string[];
  /** Where the export asked for this; null for deletions. */
  source: SourceLine | null;
}

export interface CreateOrganizationOp extends OperationBase {
  kind: 'create-organization';
  body: CreateOrganizationRequest;
}

export interface UpdateOrganizationOp extends OperationBase {
  kind: 'update-organization';
  organizationId: number;
  body: UpdateOrganizationRequest;
  changes: FieldChange[];
}

export type PlanCreateUserBody = Omit<CreateUserRequest, 'organization_id' | 'role'> & {
  organization_id: OrgTarget;
  role: Role;
};

export interface CreateUserOp extends OperationBase {
  kind: 'create-user';
  externalId: string;
  body: PlanCreateUserBody;
}

export interface UpdateUserOp extends OperationBase {
  kind: 'update-user';
  externalId: string;
  body: { email?: string; name?: string };
  changes: FieldChange[];
}

export interface SetUserRoleOp extends OperationBase {
  kind: 'set-user-role';
  externalId: string;
  body: { organization_id: OrgTarget; role: Role };
  /** One change of field `role`; `from` null when the user is not a member yet. */
  changes: FieldChange[];
}

export type PlanCreateLocationBody = Omit<CreateLocationRequest, 'organization_id'> & {
  organization_id: OrgTarget;
};

export interface CreateLocationOp extends OperationBase {
  kind: 'create-location';
  body: PlanCreateLocationBody;
  /** Non-null: creating it provisions a phone number, billed to the partner. */
  areaCode: string | null;
}

export interface UpdateLocationOp extends OperationBase {
  kind: 'update-location';
  locationId: number;
  body: UpdateLocationRequest;
  changes: FieldChange[];
}

export interface DeleteLocationOp extends OperationBase {
  kind: 'delete-location';
  locationId: number;
  organizationId: number;
  name: string | null;
}

export interface DeleteOrganizationOp extends OperationBase {
  kind: 'delete-organization';
  organizationId: number;
  name: string;
}

export type Operation =
  | CreateOrganizationOp
  | UpdateOrganizationOp
  | CreateUserOp
  | UpdateUserOp
  | SetUserRoleOp
  | CreateLocationOp
  | UpdateLocationOp
  | DeleteLocationOp
  | DeleteOrganizationOp;

export type OperationKind = Operation['kind'];

export const OPERATION_KINDS = [
  'create-organization',
  'update-organization',
  'create-user',
  'update-user',
  'set-user-role',
  'create-location',
  'update-location',
  'delete-location',
  'delete-organization',
] as const satisfies readonly OperationKind[];

/** A difference no API call can fix; reported, never "fixed" by re-creating. */
export interface Drift {
  kind: 'area-code';
  locationId: number;
  location: string | null;
  /** The export's area code. */
  expected: string;
  /** The area code of the live number. */
  actual: string;
  phoneNumber: string;
}

export const IDENTITIES = ['remembered', 'owner', 'name', 'new'] as const;
export type Identity = (typeof IDENTITIES)[number];

export const TENANT_STATUSES = [
  'create',
  'update',
  'adopt',
  'unchanged',
  'conflict',
  'delete',
] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const CONFLICT_KINDS = [
  'owner-ambiguous',
  'name-ambiguous',
  'name-claimed',
  'organization-claimed',
  'remembered-mismatch',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** Why a customer cannot be matched safely; nothing is planned for it. */
export interface TenantConflict {
  kind: ConflictKind;
  reason: string;
  /** Candidate organization ids, ascending. */
  candidates: number[];
}

/** A desired location with several live candidates: nothing is planned for it. */
export interface LocationConflict {
  name: string;
  reason: string;
  candidates: number[];
  source: SourceLine;
}

/** A live member of the organization that the export does not list; left alone. */
export interface UnmanagedMember {
  externalId: string;
  email: string;
  role: Role;
}

/** A live location no desired location matched; deleted only with mirror + prune. */
export interface UnmanagedLocation {
  id: number;
  name: string | null;
  areaCode: string | null;
}

export interface TenantPlan {
  key: string;
  organizationId: number | null;
  identity: Identity;
  status: TenantStatus;
  /** SHA-256 of the projection of the tenant's live organization; null when new. */
  liveFingerprint: string | null;
  operations: Operation[];
  drift: Drift[];
  notes: string[];
  conflict?: TenantConflict;
  locationConflicts: LocationConflict[];
  unmanagedMembers: UnmanagedMember[];
  /** Live locations left alone (when not pruning) or deleted (mirror + prune). */
  unmanagedLocations: UnmanagedLocation[];
}

/** A live organization that no customer of the export matches. */
export interface UnmanagedOrg {
  organizationId: number;
  name: string;
  /** The customer key memory maps to it (aa-sync created or adopted it), if any. */
  rememberedAs: string | null;
  /** True when mirror + prune would delete it. */
  wouldDelete: boolean;
}

export const GUARD_KINDS = ['organization', 'location', 'shrunken-input'] as const;
export type GuardKind = (typeof GUARD_KINDS)[number];

/** A safety guard that stops the run before any write (exit code `EXIT.guard`). */
export interface GuardTrip {
  kind: GuardKind;
  limit: number;
  planned: number;
  message: string;
}

export interface PlanSummary {
  customers: number;
  /** Customers validation left out of the plan (their organizations are left alone). */
  rejected: number;
  /** Tenants matched for the first time (by owner or name), with changes or without. */
  adopted: number;
  toCreate: { organizations: number; users: number; locations: number };
  /** Locations created with an area code: each provisions a billed number. */
  newPhoneNumbers: number;
  /** update-organization, update-user, set-user-role and update-location. */
  toUpdate: number;
  toDelete: { organizations: number; locations: number };
  tenants: Record<TenantStatus, number>;
  drift: number;
  locationConflicts: number;
  unmanaged: number;
  guardTrips: number;
}

export interface Plan {
  format: typeof PLAN_FORMAT;
  version: typeof PLAN_VERSION;
  fingerprints: PlanFingerprints;
  options: PlanOptions;
  summary: PlanSummary;
  /** Sorted by key in code-unit order. */
  tenants: TenantPlan[];
  unmanaged: UnmanagedOrg[];
  guards: GuardTrip[];
}
