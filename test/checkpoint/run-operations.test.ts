import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  finishRun,
  getRun,
  loadOperations,
  loadPlanMemory,
  markInFlight,
  markSkipped,
  recordOutcome,
  rememberOrganization,
} from '../../src/checkpoint/index.js';
import type {
  Checkpoint,
  OperationRecord,
  RecordedOutcome,
} from '../../src/checkpoint/index.js';
import {
  ENV,
  OPS,
  T0,
  T1,
  T2,
  T3,
  counts,
  startSample,
  withCheckpoint,
} from './run-fixtures.js';

const PHONE = '+16175550100';

function operation(checkpoint: Checkpoint, opId: string): OperationRecord {
  const found = loadOperations(checkpoint, 'run-1').find((op) => op.id === opId);
  if (found === undefined) throw new Error(`no operation ${opId}`);
  return found;
}

/** The fields an outcome sets, compact for exact comparison. */
const outcomeOf = (op: OperationRecord) => ({
  status: op.status,
  attempts: op.attempts,
  lastError: op.lastError,
  result: op.result,
  phoneNumber: op.phoneNumber,
  startedAt: op.startedAt,
  finishedAt: op.finishedAt,
  durationMs: op.durationMs,
});

describe('sending an operation', () => {
  it('marks it in flight with one more attempt, keeping the first start', () => {
    const [attempts, op] = withCheckpoint((c) => {
      startSample(c);
      const first = markInFlight(c, 'run-1', OPS.orgA, T1);
      recordOutcome(c, 'run-1', OPS.orgA, {
        status: 'pending',
        attempts: 1,
        error: 'connection refused',
        at: T1,
      });
      const second = markInFlight(c, 'run-1', OPS.orgA, T2);
      return [[first, second], operation(c, OPS.orgA)];
    });
    expect(attempts).toEqual([1, 2]);
    expect(outcomeOf(op)).toEqual({
      status: 'in-flight',
      attempts: 2,
      lastError: 'connection refused',
      result: null,
      phoneNumber: null,
      startedAt: T1,
      finishedAt: null,
      durationMs: null,
    });
  });

  it('has the intent on disk for another connection as soon as it returns', () => {
    const seen = withCheckpoint((c) => {
      startSample(c);
      markInFlight(c, 'run-1', OPS.orgB, T1);
      const other = new BetterSqlite3(c.path, { readonly: true });
      try {
        return other
          .prepare('SELECT status, attempts FROM operations WHERE op_id = ?')
          .get(OPS.orgB);
      } finally {
        other.close();
      }
    });
    expect(seen).toEqual({ status: 'in-flight', attempts: 1 });
  });
});

describe('recording an outcome', () => {
  it('records a success with its result, phone number and duration, clearing the error', () => {
    const [op, run] = withCheckpoint((c) => {
      startSample(c);
      markInFlight(c, 'run-1', OPS.locationA, T1);
      recordOutcome(c, 'run-1', OPS.locationA, {
        status: 'in-flight',
        attempts: 1,
        error: 'timeout after 30000 ms',
        at: T1,
      });
      markInFlight(c, 'run-1', OPS.locationA, T2);
      recordOutcome(c, 'run-1', OPS.locationA, {
        status: 'succeeded',
        result: { locationId: 9, phoneNumber: PHONE },
        attempts: 2,
        at: T3,
        durationMs: 2_000,
      });
      return [operation(c, OPS.locationA), getRun(c, 'run-1')];
    });
    expect(outcomeOf(op)).toEqual({
      status: 'succeeded',
      attempts: 2,
      lastError: null,
      result: { locationId: 9, phoneNumber: PHONE },
      phoneNumber: PHONE,
      startedAt: T1,
      finishedAt: T3,
      durationMs: 2_000,
    });
    expect([run?.updatedAt, run?.counts]).toEqual([
      T3,
      counts({ pending: 3, succeeded: 1 }),
    ]);
  });

  it('records a failure and an adoption, counted per status', () => {
    const [failed, adopted, run] = withCheckpoint((c) => {
      startSample(c);
      markInFlight(c, 'run-1', OPS.orgA, T1);
      recordOutcome(c, 'run-1', OPS.orgA, {
        status: 'failed',
        error: '422: name is too long',
        attempts: 1,
        at: T2,
        durationMs: 40,
      });
      markInFlight(c, 'run-1', OPS.orgB, T1);
      recordOutcome(c, 'run-1', OPS.orgB, {
        status: 'adopted',
        result: { organizationId: 77 },
        attempts: 3,
        at: T3,
        durationMs: 900,
      });
      return [operation(c, OPS.orgA), operation(c, OPS.orgB), getRun(c, 'run-1')];
    });
    expect(outcomeOf(failed)).toEqual({
      status: 'failed',
      attempts: 1,
      lastError: '422: name is too long',
      result: null,
      phoneNumber: null,
      startedAt: T1,
      finishedAt: T2,
      durationMs: 40,
    });
    expect([adopted.status, adopted.result, adopted.finishedAt]).toEqual([
      'adopted',
      { organizationId: 77 },
      T3,
    ]);
    expect(run?.counts).toEqual(counts({ pending: 2, failed: 1, adopted: 1 }));
  });

  it('refuses to send or record an operation that already finished', () => {
    withCheckpoint((c) => {
      startSample(c);
      markInFlight(c, 'run-1', OPS.orgB, T1);
      const done: RecordedOutcome = {
        status: 'adopted',
        result: {},
        attempts: 1,
        at: T2,
        durationMs: 5,
      };
      recordOutcome(c, 'run-1', OPS.orgB, done);
      const message =
        `operation ${OPS.orgB} of run run-1 is adopted, ` +
        'so it cannot be sent or given an outcome';
      expect(() => markInFlight(c, 'run-1', OPS.orgB, T3)).toThrow(message);
      expect(() => recordOutcome(c, 'run-1', OPS.orgB, done)).toThrow(message);
      expect(operation(c, OPS.orgB).attempts).toBe(1);
    });
  });

  it('treats an unknown run or operation in any write as a bug', () => {
    withCheckpoint((c) => {
      startSample(c);
      const noRun = 'no run "run-x" in the checkpoint';
      const noOp = 'run run-1 has no operation "a/nothing"';
      const pending = { status: 'pending', attempts: 0, error: null, at: T1 } as const;
      expect(() => markInFlight(c, 'run-x', OPS.orgA, T1)).toThrow(noRun);
      expect(() => markInFlight(c, 'run-1', 'a/nothing', T1)).toThrow(noOp);
      expect(() => recordOutcome(c, 'run-x', OPS.orgA, pending)).toThrow(noRun);
      expect(() => recordOutcome(c, 'run-1', 'a/nothing', pending)).toThrow(noOp);
      expect(() => markSkipped(c, 'run-x', [], 'why', T1)).toThrow(noRun);
      expect(() => markSkipped(c, 'run-1', ['a/nothing'], 'why', T1)).toThrow(noOp);
      expect(() => finishRun(c, 'run-x', 'completed', 0, T1)).toThrow(noRun);
      expect(getRun(c, 'run-1')?.updatedAt).toBe(T0);
    });
  });
});

describe('skipping operations', () => {
  it('skips pending operations with the reason as their last error', () => {
    const [ops, run] = withCheckpoint((c) => {
      startSample(c);
      markSkipped(c, 'run-1', [OPS.userA, OPS.locationA], `${OPS.orgA} failed`, T2);
      return [loadOperations(c, 'run-1'), getRun(c, 'run-1')];
    });
    expect(ops.map((op) => [op.id, op.status, op.lastError, op.finishedAt])).toEqual([
      [OPS.orgA, 'pending', null, null],
      [OPS.userA, 'skipped', `${OPS.orgA} failed`, T2],
      [OPS.locationA, 'skipped', `${OPS.orgA} failed`, T2],
      [OPS.orgB, 'pending', null, null],
    ]);
    expect([run?.updatedAt, run?.counts]).toEqual([
      T2,
      counts({ pending: 2, skipped: 2 }),
    ]);
  });

  it('skips none when one of them is not pending (in flight: its request may have landed)', () => {
    const [message, run] = withCheckpoint((c) => {
      startSample(c);
      markInFlight(c, 'run-1', OPS.locationA, T1);
      let thrown = '';
      try {
        markSkipped(c, 'run-1', [OPS.userA, OPS.locationA], 'dependency failed', T2);
      } catch (error) {
        thrown = (error as Error).message;
      }
      return [thrown, getRun(c, 'run-1')];
    });
    expect(message).toBe(
      `operation ${OPS.locationA} of run run-1 is in-flight, so it cannot be skipped`,
    );
    expect(run?.counts).toEqual(counts({ pending: 3, 'in-flight': 1 }));
  });
});

describe('composing with the planning memory in one transaction', () => {
  const success = {
    status: 'succeeded',
    result: { organizationId: 1_000_001 },
    attempts: 1,
    at: T2,
    durationMs: 12,
  } as const;

  it('lands the outcome and the remembered organization together', () => {
    const [op, memory] = withCheckpoint((c) => {
      startSample(c);
      markInFlight(c, 'run-1', OPS.orgA, T1);
      c.write(() => {
        recordOutcome(c, 'run-1', OPS.orgA, success);
        rememberOrganization(c, ENV, 'a', 1_000_001, 'run-1', T2);
      });
      return [operation(c, OPS.orgA), loadPlanMemory(c, ENV)];
    });
    expect([op.status, op.result]).toEqual(['succeeded', { organizationId: 1_000_001 }]);
    expect([...memory.organizations]).toEqual([['a', 1_000_001]]);
  });

  it('lands neither when the transaction fails after both', () => {
    const [op, memory, run] = withCheckpoint((c) => {
      startSample(c);
      markInFlight(c, 'run-1', OPS.orgA, T1);
      expect(() =>
        c.write(() => {
          recordOutcome(c, 'run-1', OPS.orgA, success);
          rememberOrganization(c, ENV, 'a', 1_000_001, 'run-1', T2);
          throw new Error('disk full');
        }),
      ).toThrow('disk full');
      return [operation(c, OPS.orgA), loadPlanMemory(c, ENV), getRun(c, 'run-1')];
    });
    expect([op.status, op.result, op.attempts]).toEqual(['in-flight', null, 1]);
    expect(memory.organizations.size).toBe(0);
    expect(run?.updatedAt).toBe(T1);
  });
});
