/**
 * Records a new run of a plan in the checkpoint: the run, its operations in
 * plan order, and the customers matched to live organizations for the first
 * time, all in one transaction. Recording the matches needs no API call, and
 * the next plan then finds them by memory even if this run is interrupted.
 */
import type { Checkpoint } from '../checkpoint/database.js';
import { rememberOrganization } from '../checkpoint/memory-store.js';
import { createRun } from '../checkpoint/run-store.js';
import type { NewOperation, NewRun } from '../checkpoint/run-types.js';
import type { Plan } from '../plan/plan-types.js';

/** The operations of a plan in the order the executor should consider them. */
export function operationsOf(plan: Plan): NewOperation[] {
  let seq = 0;
  return plan.tenants.flatMap((tenant) =>
    tenant.operations.map((operation) => ({ seq: seq++, operation })),
  );
}

/** Creates the run of `run.plan`; `operations` default to every operation of the plan. */
export function startRun(
  checkpoint: Checkpoint,
  run: NewRun,
  operations: NewOperation[] = operationsOf(run.plan),
): void {
  checkpoint.write(() => {
    createRun(checkpoint, run, operations);
    for (const tenant of run.plan.tenants) {
      if (tenant.organizationId === null || tenant.status === 'conflict') continue;
      if (tenant.identity !== 'owner' && tenant.identity !== 'name') continue;
      rememberOrganization(
        checkpoint,
        run.environment,
        tenant.key,
        tenant.organizationId,
        run.id,
        run.startedAt,
      );
    }
  });
}

/** A run id that sorts by start time: `20261204-193012-4f2a`. */
export function newRunId(now: Date, random: () => number = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const suffix = Math.floor(random() * 0x10000)
    .toString(16)
    .padStart(4, '0');
  return `${stamp}-${suffix}`;
}
