/**
 * Pairs the desired locations of one tenant with its live locations: by
 * normalised name, then by Google place id, then by normalised address, each
 * pass only among what is still unpaired. A location with two candidates (or a
 * live location wanted by two) is a conflict for that location alone.
 */
import type { Location } from '../api/types.js';
import type { DesiredLocation } from '../input/customer.js';
import { normaliseName } from '../input/normalise.js';
import type { LocationConflict } from './plan-types.js';

export interface LocationPair {
  desired: DesiredLocation;
  live: Location;
}

export interface LocationMatching {
  pairs: LocationPair[];
  /** Desired locations with no live candidate: to be created. */
  unpaired: DesiredLocation[];
  conflicts: LocationConflict[];
  /** Live locations nobody paired or contested: unmanaged, or pruned. */
  leftover: Location[];
}

interface Pass {
  label: string;
  desiredKey(location: DesiredLocation): string | null;
  liveKey(location: Location): string | null;
}

const normalised = (text: string | null): string | null =>
  text === null ? null : normaliseName(text);

const PASSES: readonly Pass[] = [
  {
    label: 'name',
    desiredKey: (d) => normaliseName(d.name),
    liveKey: (l) => normalised(l.name),
  },
  {
    label: 'google place id',
    desiredKey: (d) => d.googlePlaceId,
    liveKey: (l) => l.google_place_id,
  },
  {
    label: 'address',
    desiredKey: (d) => normalised(d.address),
    liveKey: (l) => normalised(l.address),
  },
];

export function matchLocations(
  desired: readonly DesiredLocation[],
  live: readonly Location[],
): LocationMatching {
  const state = { ...withoutDuplicates(desired), pairs: [] as LocationPair[] };
  const contested = new Set<number>();
  let open = [...live].sort((a, b) => a.id - b.id);
  for (const pass of PASSES) {
    // A pass with nothing on one side pairs nothing; new organizations have no live side.
    if (open.length === 0 || state.pending.length === 0) break;
    open = runPass(pass, state, open, contested);
  }
  return {
    pairs: state.pairs,
    unpaired: state.pending,
    conflicts: state.conflicts,
    leftover: open.filter((location) => !contested.has(location.id)),
  };
}

/** Validation deduplicates by normalised name; if two slip through, plan neither twice. */
function withoutDuplicates(desired: readonly DesiredLocation[]) {
  const seen = new Set<string>();
  const pending: DesiredLocation[] = [];
  const conflicts: LocationConflict[] = [];
  for (const location of desired) {
    const name = normaliseName(location.name);
    if (seen.has(name)) {
      const reason = `the export lists location ${JSON.stringify(location.name)} twice`;
      conflicts.push({
        name: location.name,
        reason,
        candidates: [],
        source: location.source,
      });
    } else {
      seen.add(name);
      pending.push(location);
    }
  }
  return { pending, conflicts };
}

function runPass(
  pass: Pass,
  state: {
    pending: DesiredLocation[];
    conflicts: LocationConflict[];
    pairs: LocationPair[];
  },
  open: Location[],
  contested: Set<number>,
): Location[] {
  const candidates = new Map<DesiredLocation, Location[]>();
  const wantedBy = new Map<number, number>();
  const liveKeys = open.map((live) => pass.liveKey(live));
  for (const location of state.pending) {
    const key = pass.desiredKey(location);
    if (key === null) continue;
    const found = open.filter((_, index) => liveKeys[index] === key);
    if (found.length === 0) continue;
    candidates.set(location, found);
    for (const live of found) wantedBy.set(live.id, (wantedBy.get(live.id) ?? 0) + 1);
  }
  const paired = new Set<number>();
  for (const [location, found] of candidates) {
    const [only] = found;
    if (found.length === 1 && only !== undefined && wantedBy.get(only.id) === 1) {
      state.pairs.push({ desired: location, live: only });
      paired.add(only.id);
    } else {
      found.forEach((live) => contested.add(live.id));
      state.conflicts.push(conflictOf(location, found, pass.label));
    }
  }
  state.pending = state.pending.filter((location) => !candidates.has(location));
  return open.filter((live) => !paired.has(live.id) && !contested.has(live.id));
}

function conflictOf(
  location: DesiredLocation,
  found: readonly Location[],
  label: string,
): LocationConflict {
  const candidates = found.map((live) => live.id);
  const reason =
    found.length > 1
      ? `${found.length} live locations match by ${label} (${candidates.join(', ')})`
      : `live location ${candidates.join('')} matches several locations of the export by ${label}`;
  return { name: location.name, reason, candidates, source: location.source };
}
