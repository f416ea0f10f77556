/**
 * The locations of one tenant: create the missing ones (each provisions a billed
 * number when it has an area code), update managed fields, report area-code
 * drift, and, only in mirror mode with prune, delete the live ones the export
 * lacks.
 */
import type { Location, UpdateLocationRequest } from '../api/types.js';
import type { DesiredLocation } from '../input/customer.js';
import { normaliseName } from '../input/normalise.js';
import type { TenantContext } from './diff-context.js';
import { operationId, orgDependency, orgTarget } from './diff-context.js';
import type { LocationPair } from './diff-location-match.js';
import { matchLocations } from './diff-location-match.js';
import { areaCodeOf, compareCodeUnits } from './live-state.js';
import type {
  Drift,
  FieldChange,
  LocationConflict,
  Operation,
  UnmanagedLocation,
} from './plan-types.js';

export interface LocationsDiff {
  /** Creates and updates first, then deletions. */
  operations: Operation[];
  drift: Drift[];
  conflicts: LocationConflict[];
  unmanaged: UnmanagedLocation[];
}

export function diffLocations(context: TenantContext, prune: boolean): LocationsDiff {
  const desired = [...context.customer.locations].sort((a, b) =>
    compareCodeUnits(a.name, b.name),
  );
  const live = context.org === null ? [] : context.live.locationsOf(context.org.id);
  const matching = matchLocations(desired, live);
  const operations: Operation[] = [];
  const drift: Drift[] = [];
  for (const location of matching.unpaired)
    operations.push(createLocation(context, location));
  for (const pair of matching.pairs) {
    const update = updateLocation(context, pair);
    if (update !== null) operations.push(update);
    const found = areaCodeDrift(pair);
    if (found !== null) drift.push(found);
  }
  if (prune && context.org !== null) {
    const orgId = context.org.id;
    operations.push(...matching.leftover.map((l) => deleteLocation(context, l, orgId)));
  }
  return {
    operations,
    drift,
    conflicts: matching.conflicts,
    unmanaged: matching.leftover.map((location) => ({
      id: location.id,
      name: location.name,
      areaCode: areaCodeOf(location.phone_number),
    })),
  };
}

function locationId(context: TenantContext, action: string, name: string): string {
  return operationId(context.customer.key, 'location', action, normaliseName(name));
}

function createLocation(context: TenantContext, location: DesiredLocation): Operation {
  const { address, areaCode, googlePlaceId } = location;
  return {
    kind: 'create-location',
    id: locationId(context, 'create', location.name),
    tenant: context.customer.key,
    dependsOn: orgDependency(context),
    source: location.source,
    areaCode,
    body: {
      organization_id: orgTarget(context),
      name: location.name,
      ...(areaCode === null ? {} : { area_code: areaCode }),
      ...(address === null ? {} : { address }),
      ...(googlePlaceId === null ? {} : { google_place_id: googlePlaceId }),
    },
  };
}

/** Only fields the export manages: a null address or place id leaves the live one alone. */
function updateLocation(context: TenantContext, pair: LocationPair): Operation | null {
  const { desired, live } = pair;
  const changes: FieldChange[] = [];
  const compare = (
    field: keyof UpdateLocationRequest,
    to: string | null,
    from: string | null,
  ) => {
    if (to !== null && to !== from) changes.push({ field, from, to, fromKnown: true });
  };
  compare('name', desired.name, live.name);
  compare('address', desired.address, live.address);
  compare('google_place_id', desired.googlePlaceId, live.google_place_id);
  if (changes.length === 0) return null;
  const body: UpdateLocationRequest = {};
  for (const change of changes)
    body[change.field as keyof UpdateLocationRequest] = change.to;
  return {
    kind: 'update-location',
    id: locationId(context, 'update', desired.name),
    tenant: context.customer.key,
    dependsOn: [],
    source: desired.source,
    locationId: live.id,
    body,
    changes,
  };
}

/** An area code is fixed once provisioned; a pending location has none to compare. */
function areaCodeDrift({ desired, live }: LocationPair): Drift | null {
  const actual = areaCodeOf(live.phone_number);
  if (desired.areaCode === null || actual === null || live.phone_number === null)
    return null;
  if (actual === desired.areaCode) return null;
  return {
    kind: 'area-code',
    locationId: live.id,
    location: live.name,
    expected: desired.areaCode,
    actual,
    phoneNumber: live.phone_number,
  };
}

function deleteLocation(
  context: TenantContext,
  location: Location,
  organizationId: number,
): Operation {
  return {
    kind: 'delete-location',
    id: operationId(context.customer.key, 'location', 'delete', String(location.id)),
    tenant: context.customer.key,
    dependsOn: [],
    source: null,
    locationId: location.id,
    organizationId,
    name: location.name,
  };
}
