/**
 * The data of the report's charts: operations finished per time bucket, and
 * the request traffic merged into buckets when a run is long. Bucket widths are
 * round numbers of seconds, so that axis ticks read naturally.
 */
import type { OperationStatus } from '../checkpoint/run-types.js';
import type { ModelOperation } from './model-operations.js';
import type { OperationsBucket, ReportCharts, TrafficSample } from './report-types.js';

const SECOND_MS = 1000;
const HOUR_MS = 3600 * SECOND_MS;
/** The widths a bucket may have, narrowest first. */
export const BUCKET_WIDTHS_MS: readonly number[] = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600,
].map((seconds) => seconds * SECOND_MS);
/** Most buckets of the operations chart. */
export const MAX_OPERATION_BUCKETS = 120;
/** Most buckets of the traffic chart. */
export const MAX_TRAFFIC_BUCKETS = 300;

/** Bucket fields by the status an operation finished with. */
const FINISHED: Partial<Record<OperationStatus, keyof Omit<OperationsBucket, 'atMs'>>> = {
  succeeded: 'succeeded',
  adopted: 'adopted',
  failed: 'failed',
  skipped: 'skipped',
};

/**
 * The narrowest width in `BUCKET_WIDTHS_MS` that covers `fromMs`..`toMs` in at
 * most `maxBuckets` buckets aligned to multiples of the width; past an hour per
 * bucket, the fewest whole hours that do.
 */
export function bucketWidthMs(fromMs: number, toMs: number, maxBuckets: number): number {
  for (const width of BUCKET_WIDTHS_MS) {
    if (bucketCount(fromMs, toMs, width) <= maxBuckets) return width;
  }
  let hours = Math.max(2, Math.ceil((toMs - fromMs) / HOUR_MS / maxBuckets));
  while (bucketCount(fromMs, toMs, hours * HOUR_MS) > maxBuckets) hours += 1;
  return hours * HOUR_MS;
}

function bucketCount(fromMs: number, toMs: number, widthMs: number): number {
  return Math.floor(toMs / widthMs) - Math.floor(fromMs / widthMs) + 1;
}

/** Both charts; `runStartMs` is where the operations chart begins. */
export function buildCharts(
  operations: readonly ModelOperation[],
  traffic: readonly TrafficSample[],
  runStartMs: number,
): ReportCharts {
  const { bucketMs, buckets } = operationBuckets(operations, runStartMs);
  const merged = mergeTraffic(traffic);
  return {
    bucketMs,
    operations: buckets,
    traffic: merged.samples,
    trafficBucketMs: merged.bucketMs,
  };
}

/**
 * Operations finished per bucket, from the run's start to the last finish;
 * every bucket in between is present, empty or not. None for a plan.
 */
function operationBuckets(
  operations: readonly ModelOperation[],
  runStartMs: number,
): { bucketMs: number; buckets: OperationsBucket[] } {
  const finished: { atMs: number; field: keyof Omit<OperationsBucket, 'atMs'> }[] = [];
  for (const { record } of operations) {
    const field = record === null ? undefined : FINISHED[record.status];
    const finishedAt = record?.finishedAt ?? null;
    const atMs = finishedAt === null ? NaN : Date.parse(finishedAt);
    if (field !== undefined && Number.isFinite(atMs)) finished.push({ atMs, field });
  }
  if (finished.length === 0) return { bucketMs: SECOND_MS, buckets: [] };
  let fromMs = Number.isFinite(runStartMs) ? runStartMs : Infinity;
  let toMs = -Infinity;
  for (const { atMs } of finished) {
    fromMs = Math.min(fromMs, atMs);
    toMs = Math.max(toMs, atMs);
  }
  const bucketMs = bucketWidthMs(fromMs, toMs, MAX_OPERATION_BUCKETS);
  const originMs = Math.floor(fromMs / bucketMs) * bucketMs;
  const buckets: OperationsBucket[] = [];
  for (let index = 0; index < bucketCount(fromMs, toMs, bucketMs); index += 1) {
    const atMs = originMs + index * bucketMs;
    buckets.push({ atMs, succeeded: 0, adopted: 0, failed: 0, skipped: 0 });
  }
  for (const { atMs, field } of finished) {
    const bucket = buckets[Math.floor((atMs - originMs) / bucketMs)];
    if (bucket !== undefined) bucket[field] += 1;
  }
  return { bucketMs, buckets };
}

/**
 * Per-second samples merged into wider buckets when there are too many
 * seconds to draw: `requests`, `rateLimited` and `heldMs` are then sums over
 * the bucket (divide by `trafficBucketMs / 1000` for a rate per second) and
 * `pacedRate` is the last sample's, the rate in force at the bucket's end.
 * Buckets without a sample stay absent, as seconds without a request do.
 */
export function mergeTraffic(samples: readonly TrafficSample[]): {
  bucketMs: number;
  samples: TrafficSample[];
} {
  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined)
    return { bucketMs: SECOND_MS, samples: [] };
  const bucketMs = bucketWidthMs(first.atMs, last.atMs, MAX_TRAFFIC_BUCKETS);
  if (bucketMs === SECOND_MS)
    return { bucketMs, samples: samples.map((s) => ({ ...s })) };
  const merged: TrafficSample[] = [];
  for (const sample of samples) {
    const atMs = Math.floor(sample.atMs / bucketMs) * bucketMs;
    const open = merged.at(-1);
    if (open === undefined || open.atMs !== atMs) {
      merged.push({ ...sample, atMs });
      continue;
    }
    open.requests += sample.requests;
    open.rateLimited += sample.rateLimited;
    open.heldMs += sample.heldMs;
    open.pacedRate = sample.pacedRate;
  }
  return { bucketMs, samples: merged };
}
