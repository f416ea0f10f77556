/**
 * The end of the soak, checked from three sides: aa-sync's own record (every
 * operation of every run, by `status --json`, and the checkpoint's
 * integrity), the emulator's state and counters (nothing doubled, nothing
 * missing), and a fresh `plan` (the live state is the desired state).
 * Exports: `SoakVerdict`, `verifySoak`.
 */
import { inspectCheckpoint } from '../lib/crash-checkpoint.js';
import { runCliToEnd } from '../lib/crash-process.js';
import type { CliPlace } from '../lib/crash-process.js';
import type { SoakEmulator } from './soak-emulator.js';
import type { SoakSnapshot, StateCount } from './soak-state.js';
import { countState, SOAK_PARTNER } from './soak-state.js';

export interface SoakVerdict {
  /** `plan --detailed-exitcode` of the same export at the end: 0 means no change. */
  planExit: number | null;
  state: StateCount;
  /** Creates the emulator's counters saw, and the ones it saw more than once per key. */
  countedCreates: { organizations: number; locations: number };
  countedRepeats: number;
  runs: number;
  /** Distinct operations over every run, and how they ended. */
  operations: number;
  succeeded: number;
  adopted: number;
  /** Operations that no run brought to succeeded or adopted. */
  lost: number;
  /** `PRAGMA integrity_check` of the checkpoint ('ok'), or 'missing'. */
  integrity: string;
}

/** Where the checks run aa-sync, with the flags that name its directories. */
export interface VerifyPlace extends CliPlace {
  exportPath: string;
  stateDir: string;
  /** `--base-url`, `--state-dir`, `--report-dir` for `plan`. */
  planFlags: readonly string[];
}

interface StatusJson {
  operations: { id: string; status: string }[];
}

const DONE = new Set(['succeeded', 'adopted']);

/** Checks the end of the soak; the emulator must be running. */
export async function verifySoak(
  place: VerifyPlace,
  emulator: SoakEmulator,
  customers: number,
): Promise<SoakVerdict> {
  const plan = await runCliToEnd(
    ['plan', place.exportPath, '--detailed-exitcode', ...place.planFlags],
    place,
  );
  const snapshot = await partnerState(emulator);
  await emulator.poll();
  const totals = emulator.tally.totals();
  const repeats = (counts: Map<string, number>): number =>
    [...counts.values()].reduce((n, count) => n + Math.max(0, count - 1), 0);
  const { outcomes, runs } = await operationOutcomes(place);
  const ended = [...outcomes.values()];
  return {
    planExit: plan.code,
    state: countState(snapshot, customers),
    countedCreates: {
      organizations: sum(totals.organizationCreates.values()),
      locations: sum(totals.locationCreates.values()),
    },
    countedRepeats: repeats(totals.organizationCreates) + repeats(totals.locationCreates),
    runs,
    operations: ended.length,
    succeeded: ended.filter((status) => status === 'succeeded').length,
    adopted: ended.filter((status) => status === 'adopted').length,
    lost: ended.filter((status) => !DONE.has(status)).length,
    integrity: inspectCheckpoint(place.stateDir)?.integrity ?? 'missing',
  };
}

async function partnerState(emulator: SoakEmulator): Promise<SoakSnapshot> {
  const body = (await emulator.control('GET', '/state')) as {
    partners: (SoakSnapshot & { id: string })[];
  };
  const partner = body.partners.find((candidate) => candidate.id === SOAK_PARTNER);
  if (partner === undefined)
    throw new Error(`the emulator has no partner ${SOAK_PARTNER}`);
  return partner;
}

/**
 * Each operation id's best outcome over every run: a retry-failed run does
 * again, under the same id, what its parent failed, so an operation is lost
 * only when no run brought it to succeeded or adopted.
 */
async function operationOutcomes(
  place: VerifyPlace,
): Promise<{ outcomes: Map<string, string>; runs: number }> {
  const stateFlags = ['--state-dir', place.stateDir];
  const listed = await runCliToEnd(
    ['runs', '--json', '--limit', '1000', ...stateFlags],
    place,
  );
  const { runs } = JSON.parse(listed.stdout) as { runs: { id: string }[] };
  const outcomes = new Map<string, string>();
  for (const run of runs) {
    const shown = await runCliToEnd(['status', run.id, '--json', ...stateFlags], place);
    for (const op of (JSON.parse(shown.stdout) as StatusJson).operations) {
      if (!DONE.has(outcomes.get(op.id) ?? '')) outcomes.set(op.id, op.status);
    }
  }
  return { outcomes, runs: runs.length };
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
