/**
 * A run's row holds its whole plan, so an operation's progress must not update
 * it: SQLite rewrites a row in full, and a run of 10,000 customers would copy
 * its plan twice per operation. The last activity lives in run_activity. And
 * what a retry-failed run carried is told apart from what it did.
 */
import { describe, expect, it } from 'vitest';
import {
  countCarried,
  createRun,
  getRun,
  markInFlight,
  recordOutcome,
} from '../../src/checkpoint/run-store.js';
import {
  OPS,
  T0,
  T1,
  T2,
  newRun,
  operationsOf,
  startSample,
  withCheckpoint,
} from './run-fixtures.js';

describe("a run's last activity", () => {
  it('moves with its operations while its row in runs stays as the start wrote it', () => {
    withCheckpoint((checkpoint) => {
      startSample(checkpoint);
      const rowUpdatedAt = (): unknown =>
        checkpoint.db
          .prepare("SELECT updated_at FROM runs WHERE id = 'run-1'")
          .pluck()
          .get();

      markInFlight(checkpoint, 'run-1', OPS.orgB, T1);
      recordOutcome(checkpoint, 'run-1', OPS.orgB, {
        status: 'succeeded',
        result: { organizationId: 7 },
        attempts: 1,
        at: T2,
        durationMs: 1000,
      });

      expect([getRun(checkpoint, 'run-1')?.updatedAt, rowUpdatedAt()]).toEqual([T2, T0]);
    });
  });
});

describe('the results a retry-failed run carried from its parent', () => {
  it('are counted apart from what the run does itself', () => {
    withCheckpoint((checkpoint) => {
      const run = newRun('run-2', { command: 'retry-failed' });
      const [orgA, userA, locationA, orgB] = operationsOf(run.plan);
      if (!orgA || !userA || !locationA || !orgB) throw new Error('sample plan changed');
      createRun(checkpoint, run, [
        { ...orgA, carried: { status: 'succeeded', result: { organizationId: 7 } } },
        { ...orgB, carried: { status: 'adopted', result: { organizationId: 8 } } },
        userA,
        locationA,
      ]);
      markInFlight(checkpoint, 'run-2', OPS.userA, T1);
      recordOutcome(checkpoint, 'run-2', OPS.userA, {
        status: 'succeeded',
        result: { userId: 70 },
        attempts: 1,
        at: T2,
        durationMs: 1000,
      });

      expect([
        countCarried(checkpoint, 'run-2'),
        getRun(checkpoint, 'run-2')?.counts.succeeded,
      ]).toEqual([{ succeeded: 1, adopted: 1 }, 2]);
    });
  });
});
