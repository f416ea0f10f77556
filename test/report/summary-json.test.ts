import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/build-model.js';
import { REPORT_FILES } from '../../src/report/report-types.js';
import { renderSummaryJson } from '../../src/report/summary-json.js';
import { outcomeCounts, sampleInput, sampleRun } from './support/model-fixture.js';

const zero = outcomeCounts();

/** The whole document of the sample run, keys in the order they are written. */
const SAMPLE_SUMMARY = {
  format: 'aa-sync-summary',
  version: 1,
  run: {
    id: '20250302-091500-ab12',
    command: 'apply',
    status: 'partial',
    mode: 'merge',
    syncMode: 'merge',
    prune: false,
    baseUrl: 'https://playground.answeringagent.com/api/v1',
    inputs: [{ file: 'customers.csv', sha256: 'ab'.repeat(32), bytes: 1234 }],
    parentRunId: null,
    rate: 10,
    startedAt: '2025-03-02T09:15:00.000Z',
    finishedAt: '2025-03-02T09:17:05.500Z',
    aaSyncVersion: '0.1.0',
  },
  counts: {
    organization: {
      ...zero,
      created: 1,
      adopted: 1,
      unchanged: 1,
      skipped: 1,
      conflict: 1,
      rejected: 2,
    },
    user: { ...zero, updated: 1, failed: 1 },
    location: { ...zero, created: 2, pending: 1, conflict: 1 },
    total: {
      ...zero,
      created: 3,
      updated: 1,
      adopted: 1,
      unchanged: 1,
      pending: 1,
      failed: 1,
      skipped: 1,
      conflict: 2,
      rejected: 2,
    },
  },
  totals: {
    customers: 8,
    rejectedCustomers: 2,
    tenants: 6,
    operations: 7,
    inFlight: 0,
    newPhoneNumbers: 1,
    requests: 13,
    rateLimited: 2,
    heldMs: 400,
    drift: 1,
    unmanaged: 1,
  },
  tenants: { done: 2, unchanged: 1, pending: 0, failed: 2, conflict: 1 },
  exitCode: 5,
  exitName: 'partial',
  durations: {
    runMs: 125_500,
    rateLimitHeldMs: 400,
    // Six finished operations: five of 200 ms and the failed one of 350 ms.
    operationsMs: 1150,
    slowestOperationMs: 350,
  },
  reports: {
    html: 'report.html',
    results: 'results.csv',
    rejected: 'rejected.csv',
    failed: 'failed.csv',
    summary: 'summary.json',
  },
  generatedAt: '2025-03-02T09:17:06.000Z',
};

describe('summary.json', () => {
  it('writes the exact versioned document of a run, two-space indented', () => {
    const text = renderSummaryJson(buildReportModel(sampleInput()), REPORT_FILES);

    expect(text).toBe(`${JSON.stringify(SAMPLE_SUMMARY, null, 2)}\n`);
  });

  it('gives a plan no duration, no rate and every tenant with work pending', () => {
    const model = buildReportModel(
      sampleInput({
        operations: null,
        traffic: [],
        run: sampleRun({
          command: 'plan',
          status: 'planned',
          options: null,
          finishedAt: null,
          exitCode: 2,
        }),
      }),
    );

    const summary = JSON.parse(renderSummaryJson(model)) as typeof SAMPLE_SUMMARY;

    expect(summary.run.status).toBe('planned');
    expect(summary.run.rate).toBeNull();
    expect([summary.exitCode, summary.exitName]).toEqual([2, 'changes']);
    expect(summary.tenants).toEqual({
      done: 0,
      unchanged: 1,
      pending: 4,
      failed: 0,
      conflict: 1,
    });
    expect(summary.durations).toEqual({
      runMs: null,
      rateLimitHeldMs: 0,
      operationsMs: 0,
      slowestOperationMs: 0,
    });
  });

  it.each(['/tmp/report.html', '../report.html', 'html/../../x'])(
    'refuses the report file name %j, which does not stay in the report directory',
    (name) => {
      const model = buildReportModel(sampleInput());

      expect(() => renderSummaryJson(model, { ...REPORT_FILES, html: name })).toThrow(
        `report file ${JSON.stringify(name)} is not inside the report directory`,
      );
    },
  );
});
