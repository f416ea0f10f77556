/**
 * Checks a saved plan before it is applied. A plan file is data anybody can
 * edit: the summary a person approved must be what the operations do, the
 * guards must still hold, and nothing may be deleted that aa-sync does not
 * manage, whatever the file says.
 */
import { normaliseName } from '../input/normalise.js';
import { checkGuards, isPruning } from './guards.js';
import type { LiveState } from './live-state.js';
import type { PlanMemory } from './memory.js';
import { summarisePlan } from './plan-summary.js';
import type { GuardTrip, Operation, Plan } from './plan-types.js';

/** What is wrong with a saved plan: edits it could not have come from, and guard trips. */
export interface PlanIntegrity {
  problems: string[];
  guards: GuardTrip[];
}

/** Checks `plan` against the live state and the state directory's memory. */
export function checkSavedPlan(
  plan: Plan,
  live: LiveState,
  memory: PlanMemory,
): PlanIntegrity {
  const problems = [
    ...shapeProblems(plan),
    ...deleteProblems(plan, live, memory),
    ...existingLocationProblems(plan, live),
  ];
  const { summary } = plan;
  const recounted = summarisePlan(
    summary.customers,
    summary.rejected,
    plan.tenants,
    plan.unmanaged,
    plan.guards,
  );
  if (JSON.stringify(recounted) !== JSON.stringify(summary)) {
    problems.push(
      'its operations do not add up to its summary (the figures a person approved)',
    );
  }
  const guards = checkGuards({
    options: plan.options,
    planned: {
      organization: recounted.toDelete.organizations,
      location: recounted.toDelete.locations,
    },
    liveCount: { organization: live.organizations.length, location: live.locationCount },
    customers: summary.customers,
    previousInputCustomers: memory.previousInputCustomers,
  });
  return { problems, guards: [...plan.guards, ...guards] };
}

/** Ids unique, each operation in its own tenant, every dependency in the plan. */
function shapeProblems(plan: Plan): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const operations = plan.tenants.flatMap((tenant) =>
    tenant.operations.map((op) => ({ op, tenant: tenant.key })),
  );
  for (const { op, tenant } of operations) {
    if (ids.has(op.id)) problems.push(`operation ${op.id} appears twice`);
    ids.add(op.id);
    if (op.tenant !== tenant) {
      problems.push(
        `operation ${op.id} is listed under customer ${JSON.stringify(tenant)}`,
      );
    }
  }
  for (const { op } of operations) {
    const missing = op.dependsOn.find((id) => !ids.has(id));
    if (missing !== undefined) {
      problems.push(`operation ${op.id} depends on ${missing}, which the plan lacks`);
    }
  }
  return problems;
}

/**
 * Deletions only with mirror and prune, and only of organizations the memory
 * says aa-sync created or adopted (and locations inside them).
 */
function deleteProblems(plan: Plan, live: LiveState, memory: PlanMemory): string[] {
  const managed = new Set(memory.organizations.values());
  const deletes = plan.tenants.flatMap((tenant) => tenant.operations.filter(isDelete));
  if (deletes.length > 0 && !isPruning(plan.options)) {
    return ['it deletes, but was not made with --mode mirror --prune'];
  }
  return deletes.flatMap((op) => {
    if (!managed.has(op.organizationId)) {
      return [
        `operation ${op.id} deletes in organization ${op.organizationId}, which aa-sync ` +
          'neither created nor adopted',
      ];
    }
    if (op.kind !== 'delete-location') return [];
    // The organization named in the operation must be the one that holds the location.
    const held = live.locationsOf(op.organizationId).some((l) => l.id === op.locationId);
    return held
      ? []
      : [
          `operation ${op.id} deletes location ${op.locationId}, which is not in organization ${op.organizationId}`,
        ];
  });
}

/**
 * A location created under a name its organization already has live: the
 * planner never writes that (it matches by name), and applying it would
 * provision a second number.
 */
function existingLocationProblems(plan: Plan, live: LiveState): string[] {
  const problems: string[] = [];
  const planned = new Set<string>();
  for (const op of plan.tenants.flatMap((tenant) => tenant.operations)) {
    if (op.kind !== 'create-location') continue;
    const target = op.body.organization_id;
    const name = normaliseName(op.body.name ?? '');
    const key = `${JSON.stringify(target)} ${name}`;
    const liveNames =
      typeof target === 'number'
        ? live.locationsOf(target).map((l) => normaliseName(l.name ?? ''))
        : [];
    if (planned.has(key) || liveNames.includes(name)) {
      problems.push(
        `operation ${op.id} creates location ${JSON.stringify(op.body.name)}, which its ` +
          'organization already has (or the plan creates twice)',
      );
    }
    planned.add(key);
  }
  return problems;
}

function isDelete(
  op: Operation,
): op is Extract<Operation, { kind: 'delete-organization' | 'delete-location' }> {
  return op.kind === 'delete-organization' || op.kind === 'delete-location';
}
