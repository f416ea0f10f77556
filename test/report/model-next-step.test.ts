import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/build-model.js';
import type { ReportRunStatus } from '../../src/report/report-types.js';
import {
  OPS,
  RUN_ID,
  recordsOf,
  sampleInput,
  samplePlan,
  sampleRun,
} from './support/model-fixture.js';

const LOOKED_UP =
  'operations that were in flight are looked up before anything is sent again';

function nextStepFor(status: ReportRunStatus): string | null {
  const run = sampleRun({ status });
  if (status === 'running') run.finishedAt = null;
  const input = sampleInput({ run });
  if (status === 'planned') input.operations = null;
  return buildReportModel(input).header.nextStep;
}

describe('the next step of a report', () => {
  it.each([
    [
      'stopped',
      'The API refused the key (401), so the run stopped. Set a valid key, then run ' +
        `\`aa-sync resume ${RUN_ID}\`: ${LOOKED_UP}.`,
    ],
    [
      'interrupted',
      'The run was interrupted (a signal, or the API kept failing). ' +
        `\`aa-sync resume ${RUN_ID}\` continues it: ${LOOKED_UP}.`,
    ],
    [
      'running',
      'The process ended without finishing the run (killed or crashed), unless it is ' +
        `still running. \`aa-sync resume ${RUN_ID}\` continues it: ${LOOKED_UP}; while ` +
        'the process still runs, resume refuses and names it.',
    ],
    [
      'partial',
      'Some operations failed or were skipped: see Failures. Fix their cause, then run ' +
        `\`aa-sync retry-failed ${RUN_ID}\`; or correct the records in failed.csv ` +
        '(beside this report) and give that file to `aa-sync apply`.',
    ],
    [
      'planned',
      'This is a plan: nothing was changed. Apply it with `aa-sync apply --plan ' +
        '<plan file>` (the file `aa-sync plan --out` wrote), or plan afresh and apply ' +
        'in one step with `aa-sync apply` and the same inputs and options.',
    ],
    ['completed', null],
  ] as const)('tells a %s run what to do next', (status, step) => {
    expect(nextStepFor(status)).toBe(step);
  });

  it('says a plan without operations would change nothing', () => {
    const runPlan = samplePlan();
    for (const tenant of runPlan.tenants) tenant.operations = [];

    const model = buildReportModel(
      sampleInput({
        plan: runPlan,
        operations: null,
        run: sampleRun({ status: 'planned', options: null }),
      }),
    );

    expect(model.header.nextStep).toBe(
      'This is a plan with no operations: applying it would change nothing.',
    );
  });
});

describe('operations in flight', () => {
  it('are counted apart in the totals, and as pending in the counts', () => {
    const runPlan = samplePlan();
    const unfinished = {
      attempts: 1,
      finishedAt: null,
      durationMs: null,
      lastError: 'the connection was reset',
    };
    const operations = recordsOf(runPlan, {
      [OPS.newUser]: { ...unfinished, status: 'in-flight' },
      [OPS.newLocation]: { ...unfinished, status: 'in-flight' },
      [OPS.updLocation]: { status: 'pending', attempts: 0, startedAt: null },
    });

    const model = buildReportModel(
      sampleInput({
        plan: runPlan,
        operations,
        run: sampleRun({ status: 'interrupted', exitCode: 6 }),
      }),
    );

    expect(model.totals.inFlight).toBe(2);
    expect(model.counts.total.pending).toBe(3);
    expect(model.operations.filter((row) => row.status === 'in-flight').length).toBe(2);
  });

  it('are none in a plan', () => {
    const model = buildReportModel(sampleInput({ operations: null }));

    expect(model.totals.inFlight).toBe(0);
  });
});
