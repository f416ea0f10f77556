import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/build-model.js';
import { exitNameOf } from '../../src/report/exit-names.js';
import { bucketWidthMs, mergeTraffic } from '../../src/report/model-charts.js';
import { modeOf } from '../../src/report/model-header.js';
import type { TrafficSample } from '../../src/report/report-types.js';
import { sampleInput, sampleRun, STARTED_AT } from './support/model-fixture.js';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const T0 = Date.parse(STARTED_AT);

describe('buildReportModel header', () => {
  it('describes the run: mode, duration, exit name, rate and version', () => {
    const model = buildReportModel(sampleInput());

    expect(model.header).toEqual({
      runId: '20250302-091500-ab12',
      command: 'apply',
      mode: 'merge',
      syncMode: 'merge',
      prune: false,
      inputs: [{ file: 'customers.csv', sha256: 'ab'.repeat(32), bytes: 1234 }],
      baseUrl: 'https://playground.answeringagent.com/api/v1',
      status: 'partial',
      startedAt: '2025-03-02T09:15:00.000Z',
      finishedAt: '2025-03-02T09:17:05.500Z',
      durationMs: 125_500,
      exitCode: 5,
      exitName: 'partial',
      parentRunId: null,
      rate: 10,
      generatedAt: '2025-03-02T09:17:06.000Z',
      aaSyncVersion: '0.1.0',
      nextStep:
        'Some operations failed or were skipped: see Failures. Fix their cause, then ' +
        'run `aa-sync retry-failed 20250302-091500-ab12`; or correct the records in ' +
        'failed.csv (beside this report) and give that file to `aa-sync apply`.',
    });
  });

  it('has no duration, exit code or rate for a run still going or a plan', () => {
    const running = buildReportModel(
      sampleInput({
        run: sampleRun({ finishedAt: null, exitCode: null, options: null }),
      }),
    );

    expect([
      running.header.durationMs,
      running.header.exitName,
      running.header.rate,
    ]).toEqual([null, null, null]);
  });

  it.each([
    [{ mode: 'merge', prune: false }, 'merge'],
    [{ mode: 'merge', prune: true }, 'merge'],
    [{ mode: 'mirror', prune: false }, 'mirror'],
    [{ mode: 'mirror', prune: true }, 'mirror + prune'],
  ] as const)('calls the options %j mode %j', (options, mode) => {
    expect(modeOf(options)).toBe(mode);
  });

  it('names exit codes as the exit code table does', () => {
    expect([0, 2, 5, 6, 64, 99, null].map(exitNameOf)).toEqual([
      'ok',
      'changes',
      'partial',
      'interrupted',
      'usage',
      null,
      null,
    ]);
  });
});

describe('report charts', () => {
  it('picks the narrowest round bucket width that keeps the buckets within the limit', () => {
    expect(bucketWidthMs(T0, T0 + 59 * SECOND, 120)).toBe(SECOND);
    expect(bucketWidthMs(0, 119 * SECOND, 120)).toBe(SECOND);
    expect(bucketWidthMs(0, 120 * SECOND, 120)).toBe(2 * SECOND);
    expect(bucketWidthMs(0, 10 * HOUR, 120)).toBe(600 * SECOND);
    expect(bucketWidthMs(0, 100 * HOUR, 120)).toBe(HOUR);
    expect(bucketWidthMs(0, 200 * HOUR, 120)).toBe(2 * HOUR);
  });

  it('counts operations finished per second from the run start, empty seconds included', () => {
    const model = buildReportModel(sampleInput());

    expect(model.charts.bucketMs).toBe(SECOND);
    expect(model.charts.operations).toEqual([
      { atMs: T0, succeeded: 0, adopted: 0, failed: 0, skipped: 0 },
      { atMs: T0 + 1000, succeeded: 1, adopted: 0, failed: 0, skipped: 0 },
      { atMs: T0 + 2000, succeeded: 1, adopted: 0, failed: 0, skipped: 0 },
      { atMs: T0 + 3000, succeeded: 0, adopted: 0, failed: 1, skipped: 0 },
      { atMs: T0 + 4000, succeeded: 1, adopted: 0, failed: 0, skipped: 0 },
      { atMs: T0 + 5000, succeeded: 0, adopted: 0, failed: 0, skipped: 1 },
      { atMs: T0 + 6000, succeeded: 1, adopted: 0, failed: 0, skipped: 0 },
    ]);
  });

  it('has no operation buckets for a plan', () => {
    const model = buildReportModel(sampleInput({ operations: null }));

    expect([model.charts.bucketMs, model.charts.operations]).toEqual([SECOND, []]);
  });

  it('keeps per-second traffic as it is when it fits', () => {
    const model = buildReportModel(sampleInput());

    expect(model.charts.trafficBucketMs).toBe(SECOND);
    expect(model.charts.traffic).toEqual(sampleInput().traffic);
  });

  it('merges long traffic into wider buckets: sums, and the last paced rate', () => {
    const sample = (atS: number, requests: number, pacedRate: number): TrafficSample => ({
      atMs: atS * SECOND,
      requests,
      rateLimited: 1,
      heldMs: 100,
      pacedRate,
    });

    const merged = mergeTraffic([sample(0, 5, 5), sample(400, 3, 4), sample(401, 2, 3)]);

    expect(merged).toEqual({
      bucketMs: 2 * SECOND,
      samples: [
        { atMs: 0, requests: 5, rateLimited: 1, heldMs: 100, pacedRate: 5 },
        { atMs: 400 * SECOND, requests: 5, rateLimited: 2, heldMs: 200, pacedRate: 3 },
      ],
    });
  });

  it('has no traffic buckets when no request was sent', () => {
    expect(mergeTraffic([])).toEqual({ bucketMs: SECOND, samples: [] });
  });
});
