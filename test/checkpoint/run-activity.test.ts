/**
 * A run's row holds its whole plan, so an operation's progress must not update
 * it: SQLite rewrites a row in full, and a run of 10,000 customers would copy
 * its plan twice per operation. The last activity lives in run_activity.
 */
import { describe, expect, it } from 'vitest';
import { getRun, markInFlight, recordOutcome } from '../../src/checkpoint/run-store.js';
import { OPS, T0, T1, T2, startSample, withCheckpoint } from './run-fixtures.js';

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
