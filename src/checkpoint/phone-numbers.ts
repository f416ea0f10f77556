/**
 * The numbers of the locations aa-sync created. A number is provisioned after
 * its location is created (the create is answered with `phone_number: null`
 * while pending), so the checkpoint learns it later, from a read of the live
 * state: right after a run that created locations, and at every later plan
 * or apply of the same environment. Reports then show what was bought.
 */
import type { Organization } from '../api/index.js';
import type { Checkpoint } from './database.js';

interface AwaitingRow {
  run_id: string;
  op_id: string;
  location_id: number | null;
}

// Created (or found by lookup) locations of the environment whose number is not
// recorded; location ids come from the recorded result.
const AWAITING_SQL =
  "SELECT o.run_id, o.op_id, json_extract(o.result, '$.locationId') AS location_id " +
  'FROM operations o JOIN runs r ON r.id = o.run_id ' +
  "WHERE r.environment = ? AND o.kind = 'create-location' " +
  "AND o.status IN ('succeeded', 'adopted') AND o.phone_number IS NULL AND o.result IS NOT NULL";
const AWAITING_IN_RUN_SQL = `${AWAITING_SQL} AND o.run_id = ?`;
const RECORD_SQL =
  "UPDATE operations SET phone_number = ?, result = json_set(result, '$.phoneNumber', ?) " +
  'WHERE run_id = ? AND op_id = ?';

/** How many locations of `runId` were created without a known number yet. */
export function countAwaitingNumbers(
  checkpoint: Checkpoint,
  environment: string,
  runId: string,
): number {
  return checkpoint.read(
    () =>
      checkpoint
        .statement<[string, string], AwaitingRow>(AWAITING_IN_RUN_SQL)
        .all(environment, runId).length,
  );
}

/**
 * Records the live numbers of every location aa-sync created in `environment`
 * whose number it did not know; returns how many it learnt.
 */
export function recordLiveNumbers(
  checkpoint: Checkpoint,
  environment: string,
  live: readonly Organization[],
): number {
  const numbers = new Map<number, string>();
  for (const organization of live) {
    for (const location of organization.phone_numbers) {
      if (location.phone_number !== null) numbers.set(location.id, location.phone_number);
    }
  }
  if (numbers.size === 0) return 0;
  return checkpoint.write(() => {
    const awaiting = checkpoint
      .statement<[string], AwaitingRow>(AWAITING_SQL)
      .all(environment);
    const record = checkpoint.statement<[string, string, string, string]>(RECORD_SQL);
    let learnt = 0;
    for (const row of awaiting) {
      const number = row.location_id === null ? undefined : numbers.get(row.location_id);
      if (number === undefined) continue;
      record.run(number, number, row.run_id, row.op_id);
      learnt += 1;
    }
    return learnt;
  });
}
