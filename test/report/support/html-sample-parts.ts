/**
 * The parts of the sample report model that do not depend on its tenants'
 * fates: the header, rejected rows, unmanaged organizations, operations
 * bucketed by the time they finished, and one traffic sample per second.
 */
import type {
  OperationRow,
  OperationsBucket,
  RejectedRow,
  ReportHeader,
  TrafficSample,
  UnmanagedRow,
} from '../../../src/report/report-types.js';
import { nextStepOf } from '../../../src/report/model-next-step.js';

/** 2025-03-02T09:00:00Z, the sample run's start. */
export const SAMPLE_START_MS = Date.UTC(2025, 2, 2, 9, 0, 0);
/** Each operation finishes this long after the one before. */
export const SAMPLE_OPERATION_MS = 250;
export const SAMPLE_BUCKET_MS = 10_000;
export const SAMPLE_TRAFFIC_BUCKET_MS = 1000;
/** How long each 429 of the sample holds every request. */
export const SAMPLE_HELD_MS = 400;
export const SAMPLE_FILE = 'customers.csv';
export const SAMPLE_RUN_ID = 'run-20250302-090000-a1b2';
export const SAMPLE_BASE_URL = 'http://127.0.0.1:8080/api/v1';
export const SAMPLE_SHA256 = 'ab12cd34ef56'.repeat(5) + 'abcd';

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The header of a sample run of `durationMs` that ended partial if anything failed. */
export function sampleHeader(durationMs: number, failed: boolean): ReportHeader {
  const status = failed ? 'partial' : 'completed';
  return {
    runId: SAMPLE_RUN_ID,
    command: 'apply',
    mode: 'merge',
    syncMode: 'merge',
    prune: false,
    inputs: [{ file: SAMPLE_FILE, sha256: SAMPLE_SHA256, bytes: 123_456 }],
    baseUrl: SAMPLE_BASE_URL,
    status,
    startedAt: iso(SAMPLE_START_MS),
    finishedAt: iso(SAMPLE_START_MS + durationMs),
    durationMs,
    exitCode: failed ? 5 : 0,
    exitName: failed ? 'partial' : 'ok',
    parentRunId: null,
    rate: 5,
    generatedAt: iso(SAMPLE_START_MS + durationMs + 1000),
    aaSyncVersion: '0.1.0',
    nextStep: nextStepOf({ id: SAMPLE_RUN_ID, status }, 0),
  };
}

/** Two live organizations no customer matches, one of them to delete. */
export function sampleUnmanaged(): UnmanagedRow[] {
  return [
    {
      organizationId: 700_001,
      name: 'Stray Clinic',
      rememberedAs: null,
      wouldDelete: false,
    },
    {
      organizationId: 700_002,
      name: 'Closed Dental',
      rememberedAs: 'gone-1',
      wouldDelete: true,
    },
  ];
}

/** `count` rejected records from `firstLine`: every third without a key, every other with two problems. */
export function rejectedRows(count: number, firstLine: number): RejectedRow[] {
  return Array.from({ length: count }, (_, index) => ({
    key: index % 3 === 2 ? null : `bad-${index}`,
    file: SAMPLE_FILE,
    line: firstLine + index,
    problems: [
      {
        column: 'owner_email',
        value: 'not-an-email',
        reason: 'owner_email is not an email address',
        hint: 'Write an address such as owner@example.com',
      },
      ...(index % 2 === 0
        ? [{ column: 'area_code', value: '', reason: 'area_code is empty', hint: null }]
        : []),
    ],
  }));
}

/** Operations per bucket of `SAMPLE_BUCKET_MS`, by the status they ended in. */
export function operationBuckets(
  operations: readonly OperationRow[],
): OperationsBucket[] {
  const buckets = new Map<number, OperationsBucket>();
  for (const row of operations) {
    const finished = Date.parse(row.finishedAt!);
    const atMs = finished - ((finished - SAMPLE_START_MS) % SAMPLE_BUCKET_MS);
    const bucket = buckets.get(atMs) ?? {
      atMs,
      succeeded: 0,
      adopted: 0,
      failed: 0,
      skipped: 0,
    };
    if (row.status === 'succeeded') bucket.succeeded += 1;
    if (row.status === 'adopted') bucket.adopted += 1;
    if (row.status === 'failed') bucket.failed += 1;
    if (row.status === 'skipped') bucket.skipped += 1;
    buckets.set(atMs, bucket);
  }
  return [...buckets.values()];
}

/**
 * One sample per second of the run: seconds 10, 21, 32, ... are silent (absent);
 * seconds 3, 10, 17, ... get a 429 that holds 400 ms and drops the paced rate.
 */
export function trafficSamples(operations: number): TrafficSample[] {
  const seconds = Math.ceil((operations * SAMPLE_OPERATION_MS) / 1000) + 1;
  const samples: TrafficSample[] = [];
  for (let second = 0; second < seconds; second += 1) {
    if (second % 11 === 10) continue;
    const limited = second % 7 === 3 ? 1 : 0;
    samples.push({
      atMs: SAMPLE_START_MS + second * SAMPLE_TRAFFIC_BUCKET_MS,
      requests: 4 + limited,
      rateLimited: limited,
      heldMs: limited * SAMPLE_HELD_MS,
      pacedRate: second % 7 >= 3 && second % 7 <= 4 ? 4 : 5,
    });
  }
  return samples;
}
