/**
 * Records how an operation ended, together with what planning must remember
 * because of it (which organization a customer key now owns, the description
 * last applied), in one transaction: a crash leaves both or neither.
 */
import type { OperationRecord } from '../checkpoint/run-types.js';
import { recordOutcome } from '../checkpoint/run-store.js';
import {
  forgetOrganization,
  recordLastApplied,
  rememberOrganization,
} from '../checkpoint/memory-store.js';
import type { Operation } from '../plan/plan-types.js';
import type { ExecutorOptions } from './executor.js';
import type { PerformOutcome } from './types.js';

type Recording = Pick<ExecutorOptions, 'checkpoint' | 'runId' | 'environment' | 'now'>;

/** Writes the outcome of `record` and the planning memory it implies. */
export function recordPerformed(
  options: Recording,
  record: OperationRecord,
  outcome: PerformOutcome,
  durationMs: number,
): void {
  const { checkpoint, runId } = options;
  const at = options.now().toISOString();
  checkpoint.write(() => {
    if (outcome.status === 'interrupted') {
      recordOutcome(checkpoint, runId, record.id, {
        status: outcome.maybeSent ? 'in-flight' : 'pending',
        attempts: record.attempts + outcome.attempts,
        error: outcome.error,
        at,
      });
      return;
    }
    const attempts = record.attempts + outcome.attempts;
    if (outcome.status === 'failed') {
      const { error } = outcome;
      recordOutcome(checkpoint, runId, record.id, {
        status: 'failed',
        error,
        attempts,
        at,
        durationMs,
      });
      return;
    }
    const { status, result } = outcome;
    recordOutcome(checkpoint, runId, record.id, {
      status,
      result,
      attempts,
      at,
      durationMs,
    });
    rememberEffects(options, record.operation, result.organizationId, at);
  });
}

function rememberEffects(
  options: Recording,
  operation: Operation,
  organizationId: number | undefined,
  at: string,
): void {
  const { checkpoint, environment, runId } = options;
  const key = operation.tenant;
  switch (operation.kind) {
    case 'create-organization':
      if (organizationId === undefined) {
        throw new Error(`${operation.id} succeeded without an organization id`);
      }
      rememberOrganization(checkpoint, environment, key, organizationId, runId, at);
      recordLastApplied(checkpoint, environment, key, {
        owner: operation.body.owner.external_id,
        ...(operation.body.description === undefined
          ? {}
          : { description: operation.body.description }),
      });
      return;
    case 'update-organization':
      if (operation.body.description !== undefined) {
        recordLastApplied(checkpoint, environment, key, {
          description: operation.body.description,
        });
      }
      return;
    case 'delete-organization':
      forgetOrganization(checkpoint, environment, key);
      return;
    case 'create-user':
    case 'set-user-role':
      // An owner handed over: the one aa-sync knows from now on.
      if (operation.body.role === 'owner') {
        recordLastApplied(checkpoint, environment, key, { owner: operation.externalId });
      }
      return;
    case 'update-user':
    case 'create-location':
    case 'update-location':
    case 'delete-location':
      // Nothing planning remembers: users and locations are matched live.
      return;
  }
}
