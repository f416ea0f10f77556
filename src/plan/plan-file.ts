/**
 * The saved plan (`--out`): a versioned JSON file, written in a stable form and
 * checked when read back, plus the check that it still matches the live state.
 */
import type { Organization } from '../api/types.js';
import { ExitError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import { normaliseName } from '../input/normalise.js';
import { indexLiveState, organizationFingerprint } from './live-state.js';
import type { LiveState } from './live-state.js';
import { PlanShapeError, assertPlanShape } from './plan-shape.js';
import type { Plan, TenantPlan } from './plan-types.js';
import { PLAN_FORMAT, PLAN_VERSION } from './plan-types.js';
import { isPlainObject } from '../util/is-plain-object.js';

/**
 * The plan as JSON. The head (format and version first, then fingerprints,
 * options, summary and guards) is indented for people; each tenant and each
 * unmanaged organization is one compact line, so that a plan of 100,000
 * customers stays a fraction of the indented size and `diff` still shows which
 * tenants changed. Keys keep the order in which `buildPlan` constructs them,
 * which is fixed, so the same inputs give the same bytes, and a plan read back
 * and written again is unchanged.
 */
export function serialisePlan(plan: Plan): string {
  const { tenants, unmanaged, ...head } = plan;
  // JSON.stringify of a non-empty object with an indent ends in "\n}".
  const opening = JSON.stringify(head, null, 2).slice(0, -2);
  return (
    `${opening},\n  "tenants": ${compactLines(tenants)},\n` +
    `  "unmanaged": ${compactLines(unmanaged)}\n}\n`
  );
}

function compactLines(items: readonly unknown[]): string {
  if (items.length === 0) return '[]';
  return `[\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
}

/** Reads a plan file's text; an ExitError (usage) names the file and what is wrong. */
export function parsePlan(text: string, file: string): Plan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw notAPlan(file, `it is not JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(value) || value.format !== PLAN_FORMAT) {
    throw notAPlan(file, `it has no "format": "${PLAN_FORMAT}"`);
  }
  checkVersion(value.version, file);
  try {
    assertPlanShape(value);
  } catch (error) {
    if (!(error instanceof PlanShapeError)) throw error;
    throw new ExitError(
      EXIT.usage,
      `${file} is a broken aa-sync plan: ${error.message}. Plans must not be edited by ` +
        'hand; run `aa-sync plan --out` again to make a new one.',
    );
  }
  return value;
}

function notAPlan(file: string, why: string): ExitError {
  return new ExitError(
    EXIT.usage,
    `${file} is not an aa-sync plan: ${why}. Pass a file written by \`aa-sync plan --out\`.`,
  );
}

function checkVersion(version: unknown, file: string): void {
  if (
    typeof version === 'number' &&
    Number.isInteger(version) &&
    version > PLAN_VERSION
  ) {
    throw new ExitError(
      EXIT.usage,
      `${file} is a version ${version} plan, written by a newer aa-sync; this aa-sync ` +
        `reads version ${PLAN_VERSION}. Upgrade aa-sync, or make the plan again with this one.`,
    );
  }
  if (version !== PLAN_VERSION) {
    throw notAPlan(
      file,
      `its "version" is ${JSON.stringify(version)}, not ${PLAN_VERSION}`,
    );
  }
}

/** One tenant whose live organization is not what the plan was computed from. */
export interface StaleTenant {
  key: string;
  organizationId: number | null;
  what: string;
}

export type Freshness =
  { fresh: true } | { fresh: false; changed: StaleTenant[]; message: string };

/**
 * Compares each tenant's live fingerprint with the live state now, and looks for
 * organizations that appeared since for a tenant the plan would create (someone
 * made it by hand): applying then would create a duplicate.
 */
export function checkPlanFreshness(plan: Plan, live: readonly Organization[]): Freshness {
  const state = indexLiveState(live);
  const changed: StaleTenant[] = [];
  for (const tenant of plan.tenants) {
    const what = staleness(tenant, plan, state);
    if (what !== null)
      changed.push({ key: tenant.key, organizationId: tenant.organizationId, what });
  }
  if (changed.length === 0) return { fresh: true };
  const lines = changed.map((c) => `  - customer ${JSON.stringify(c.key)}: ${c.what}`);
  const message = [
    'The plan no longer matches the live state:',
    ...lines,
    'Run `aa-sync plan` again and review the new plan.',
  ].join('\n');
  return { fresh: false, changed, message };
}

function staleness(tenant: TenantPlan, plan: Plan, state: LiveState): string | null {
  if (tenant.status === 'conflict') return null;
  if (tenant.organizationId === null) return createdSince(tenant, plan, state);
  const org = state.byId.get(tenant.organizationId);
  if (org === undefined) return `organization ${tenant.organizationId} no longer exists`;
  if (organizationFingerprint(org) === tenant.liveFingerprint) return null;
  return `organization ${tenant.organizationId} changed since the plan was made`;
}

function createdSince(tenant: TenantPlan, plan: Plan, state: LiveState): string | null {
  const create = tenant.operations.find((op) => op.kind === 'create-organization');
  if (create === undefined) return null;
  const owned = state.ownedBy(create.body.owner.external_id);
  const named = plan.options.matchByName
    ? state.namedAs(normaliseName(create.body.name))
    : [];
  const found = [...new Set([...owned, ...named])].sort((a, b) => a - b);
  if (found.length === 0) return null;
  return `organization ${found.join(', ')} now exists for it (made since the plan)`;
}
