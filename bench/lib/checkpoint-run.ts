/**
 * Times the checkpoint's two writes per operation with the product's own
 * code: a generated export is planned in this process (empty live state), the
 * run is recorded in a checkpoint opened as aa-sync opens it (WAL,
 * synchronous=FULL) in a real directory, and each operation is then marked in
 * flight (`markInFlight`, the write-ahead intent) and given a made-up success
 * (`recordPerformed`, the result and what planning remembers), one after the
 * other with no API call between them.
 * Exports: `CheckpointSample`, `planExport`, `timeCheckpointWrites`.
 */
import {
  environmentOf,
  loadOperations,
  markInFlight,
  openCheckpoint,
} from '../../src/checkpoint/index.js';
import type { OperationRecord, OperationResult } from '../../src/checkpoint/index.js';
import { recordPerformed } from '../../src/execute/record-outcome.js';
import { newRunId, startRun } from '../../src/execute/start-run.js';
import { assembleCustomers } from '../../src/input/assemble.js';
import { readInputs } from '../../src/input/read-inputs.js';
import { DEFAULT_PLAN_OPTIONS, EMPTY_MEMORY, buildPlan } from '../../src/plan/index.js';
import type { Plan } from '../../src/plan/index.js';

/** Never contacted: the checkpoint only records it. */
const BASE_URL = 'http://127.0.0.1:9/api/v1';
/** What the run says it was started with; nothing paces here. */
const RUN_OPTIONS = { rate: 10, burst: 1, concurrency: 8 } as const;

/** One operation's two writes, in ms. */
export interface CheckpointSample {
  intentMs: number;
  resultMs: number;
}

/** The plan of `exportFile` against an empty Partner API, as `aa-sync plan` builds it. */
export async function planExport(exportFile: string): Promise<Plan> {
  const reading = readInputs([exportFile]);
  const assembly = await assembleCustomers(reading, { headerGaps: reading.headerGaps });
  if (assembly.rejected.length > 0) {
    throw new Error(`${exportFile}: ${assembly.rejected.length} customers rejected`);
  }
  return buildPlan({
    customers: assembly.customers,
    live: [],
    memory: EMPTY_MEMORY,
    options: DEFAULT_PLAN_OPTIONS,
    inputs: reading.digests,
  });
}

/**
 * Records `plan` as a run in a new checkpoint under `stateDir`, then writes
 * every operation's intent and result as the executor does; returns each
 * operation's times and the wall time of the whole loop.
 */
export function timeCheckpointWrites(
  stateDir: string,
  plan: Plan,
): { samples: CheckpointSample[]; loopMs: number } {
  const checkpoint = openCheckpoint(stateDir);
  try {
    const now = () => new Date();
    const runId = newRunId(now());
    const environment = environmentOf(BASE_URL);
    startRun(checkpoint, {
      id: runId,
      command: 'apply',
      environment,
      baseUrl: BASE_URL,
      inputs: plan.fingerprints.inputs,
      options: RUN_OPTIONS,
      plan,
      parentRunId: null,
      customers: plan.tenants.length,
      startedAt: now().toISOString(),
    });
    const recording = { checkpoint, runId, environment, now };
    const records = loadOperations(checkpoint, runId);
    const samples: CheckpointSample[] = [];
    const loopStart = performance.now();
    records.forEach((record, index) => {
      const started = performance.now();
      markInFlight(checkpoint, runId, record.id, now().toISOString());
      const intentDone = performance.now();
      const outcome = {
        status: 'succeeded' as const,
        result: resultOf(record, index),
        attempts: 1,
      };
      recordPerformed(recording, record, outcome, 0);
      const resultDone = performance.now();
      samples.push({ intentMs: intentDone - started, resultMs: resultDone - intentDone });
    });
    return { samples, loopMs: performance.now() - loopStart };
  } finally {
    checkpoint.close();
  }
}

/**
 * A plausible answer of the API for `record`; ids only need to be distinct.
 * A plan against an empty API holds creates only.
 */
function resultOf(record: OperationRecord, index: number): OperationResult {
  const id = index + 1;
  if (record.kind === 'create-organization') return { organizationId: id, userId: id };
  if (record.kind === 'create-user') return { userId: id, organizationId: id };
  if (record.kind === 'create-location') {
    return { locationId: id, organizationId: id, phoneNumber: phoneNumberOf(id) };
  }
  throw new Error(`a plan against an empty API holds no ${record.kind} (${record.id})`);
}

function phoneNumberOf(id: number): string {
  return `+1206${String(2_000_000 + id).padStart(7, '0')}`;
}
