import { describe, expect, it } from 'vitest';
import type { Organization } from '../../src/api/index.js';
import {
  countAwaitingNumbers,
  recordLiveNumbers,
} from '../../src/checkpoint/phone-numbers.js';
import {
  createRun,
  loadOperations,
  recordOutcome,
} from '../../src/checkpoint/run-store.js';
import type { Checkpoint } from '../../src/checkpoint/database.js';
import { ENV, OPS, T1, newRun, operationsOf, withCheckpoint } from './run-fixtures.js';

const OTHER_ENV = 'https://other.example.com/api/v1';

/** Runs `id` in `environment`, its location created as 5001 with no number yet. */
function runWithNewLocation(
  checkpoint: Checkpoint,
  id: string,
  environment: string,
): void {
  const run = newRun(id, { environment });
  createRun(checkpoint, run, operationsOf(run.plan));
  recordOutcome(checkpoint, id, OPS.locationA, {
    status: 'succeeded',
    result: { organizationId: 10, locationId: 5001, phoneNumber: null },
    attempts: 1,
    at: T1,
    durationMs: 12,
  });
}

function liveWith(locationId: number, phoneNumber: string | null): Organization[] {
  const location = { id: locationId, name: 'Main', phone_number: phoneNumber };
  return [{ id: 10, phone_numbers: [location] } as unknown as Organization];
}

function numberOf(checkpoint: Checkpoint, runId: string): [string | null, unknown] {
  const location = loadOperations(checkpoint, runId).find(
    (op) => op.id === OPS.locationA,
  );
  return [location?.phoneNumber ?? null, location?.result?.phoneNumber];
}

describe('the numbers of created locations', () => {
  it('are learnt from the live state for the environment they were bought in', () => {
    withCheckpoint((checkpoint) => {
      runWithNewLocation(checkpoint, 'run-1', ENV);
      runWithNewLocation(checkpoint, 'run-2', OTHER_ENV);
      expect(countAwaitingNumbers(checkpoint, ENV, 'run-1')).toBe(1);

      expect(recordLiveNumbers(checkpoint, ENV, liveWith(5001, '+16175550100'))).toBe(1);

      expect(numberOf(checkpoint, 'run-1')).toEqual(['+16175550100', '+16175550100']);
      expect(numberOf(checkpoint, 'run-2')).toEqual([null, null]);
      expect(countAwaitingNumbers(checkpoint, ENV, 'run-1')).toBe(0);
    });
  });

  it('wait while the number is still being provisioned, and never replace a known one', () => {
    withCheckpoint((checkpoint) => {
      runWithNewLocation(checkpoint, 'run-1', ENV);
      expect(recordLiveNumbers(checkpoint, ENV, liveWith(5001, null))).toBe(0);
      expect(recordLiveNumbers(checkpoint, ENV, liveWith(5001, '+16175550100'))).toBe(1);
      expect(recordLiveNumbers(checkpoint, ENV, liveWith(5001, '+16175550199'))).toBe(0);
      expect(numberOf(checkpoint, 'run-1')).toEqual(['+16175550100', '+16175550100']);
    });
  });
});
