import { describe, expect, it } from 'vitest';
import {
  createPlanRun,
  createRun,
  finishPlanRun,
  finishRun,
  getRun,
  listReportIds,
  loadOperations,
  loadReportInput,
  recordReportSources,
  recordTraffic,
} from '../../src/checkpoint/index.js';
import type { Checkpoint, NewPlanRun } from '../../src/checkpoint/index.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import type { RejectedCustomer } from '../../src/input/assemble.js';
import type { RecordSource } from '../../src/input/records.js';
import { INPUTS } from '../plan/support.js';
import {
  ENV,
  T0,
  T1,
  T2,
  T3,
  newRun,
  operationsOf,
  samplePlan,
  startSample,
  withCheckpoint,
} from './run-fixtures.js';
import { exitErrorOf } from './support.js';

const GENERATED = '2025-03-02T10:00:00.000Z';
const CSV = 'exports/customers.csv';
const HEADER = ['customer_id', 'org_name', 'owner_external_id', 'location_address'];

function csv(line: number, endLine: number, cells: string[], file = CSV): RecordSource {
  return {
    file,
    format: 'csv',
    line,
    endLine,
    raw: { kind: 'csv', header: HEADER, cells },
  };
}

/** A CSV record with a quoted newline and accents, spanning two lines. */
const ACME_1 = csv(2, 3, ['a', 'Café Zoë', 'o-a', '1 Rue de l’Été\nBâtiment B']);
const ACME_2 = csv(4, 4, ['a', 'Café Zoë', 'o-a', '']);
const BETA_JSON: RecordSource = {
  file: 'exports/more.json',
  format: 'json',
  line: 2,
  endLine: 6,
  raw: {
    kind: 'json',
    text: '{\n    "customer_id": "b",\n    "org_name": "Beta \\u00e9",\n    "owner": {}\n  }',
  },
};
/** Another file, with a header of its own. */
const ZULU: RecordSource = {
  file: 'exports/late.csv',
  format: 'csv',
  line: 2,
  endLine: 2,
  raw: { kind: 'csv', header: ['owner_external_id', 'org_name'], cells: ['o-z', 'Zulu'] },
};

const REJECTED: RejectedCustomer[] = [
  {
    key: 'c',
    records: [
      csv(5, 5, ['c', 'Gamma', 'o-c', '']),
      csv(7, 7, ['c', 'Gamma 2', 'o-c', '']),
    ],
    problems: [
      {
        code: 'conflicting-value',
        file: CSV,
        line: 7,
        column: 'org_name (column 2)',
        value: 'Gamma 2',
        reason: 'org_name "Gamma 2" differs from "Gamma"',
        hint: 'Write the same value on every row that gives it.',
      },
      { code: 'required', file: CSV, line: 5, reason: 'owner_email is missing' },
    ],
  },
  {
    key: null,
    records: [csv(8, 8, ['', 'Nobody', '', ''])],
    problems: [{ code: 'no-key', file: CSV, line: 8, reason: 'the record has no key' }],
  },
  {
    key: null,
    records: [
      {
        file: 'exports/extra.ndjson',
        format: 'ndjson',
        line: 3,
        endLine: 3,
        raw: { kind: 'json', text: '{"customer_id": "d",' },
      },
    ],
    problems: [
      { code: 'json-syntax', file: 'exports/extra.ndjson', line: 3, reason: 'not JSON' },
    ],
  },
];

const SOURCES = new Map([
  ['a', [ACME_1, ACME_2]],
  ['b', [BETA_JSON]],
  ['z', [ZULU]],
]);

const count = (c: Checkpoint, table: string): unknown =>
  c.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

function planRun(id: string, fields: Partial<NewPlanRun> = {}): NewPlanRun {
  return {
    id,
    command: 'plan',
    environment: ENV,
    baseUrl: `${ENV}/`,
    inputs: INPUTS,
    plan: samplePlan(),
    startedAt: T0,
    ...fields,
  };
}

describe('report sources', () => {
  it('reads back the rejected entries and the records of the tenants exactly as written', () => {
    const input = withCheckpoint((c) => {
      startSample(c, 'run-1');
      recordReportSources(c, 'run-1', {
        rejected: REJECTED,
        sources: SOURCES,
        tenants: new Set(['a', 'b']),
      });
      return loadReportInput(c, 'run-1', GENERATED);
    });

    expect(input?.rejected).toStrictEqual(REJECTED);
    expect(input?.sources).toStrictEqual(
      new Map([
        ['a', [ACME_1, ACME_2]],
        ['b', [BETA_JSON]],
      ]),
    );
  });

  it('stores each CSV header once, shared again by its records when read back', () => {
    // A copy of the header, as another reader of the same file would give it.
    const copied = {
      ...ACME_2,
      raw: { kind: 'csv' as const, header: [...HEADER], cells: [] },
    };
    const [headers, records, sources] = withCheckpoint((c) => {
      startSample(c, 'run-1');
      recordReportSources(c, 'run-1', {
        rejected: REJECTED,
        sources: new Map([...SOURCES, ['y', [copied]]]),
        tenants: new Set(['a', 'b', 'y', 'z']),
      });
      const input = loadReportInput(c, 'run-1', GENERATED);
      return [count(c, 'report_headers'), count(c, 'report_records'), input?.sources];
    });

    expect([headers, records]).toEqual([2, 9]);
    const headerOf = (key: string, index: number) => {
      const raw = sources?.get(key)?.[index]?.raw;
      return raw?.kind === 'csv' ? raw.header : undefined;
    };
    expect(headerOf('a', 0)).toEqual(HEADER);
    expect(headerOf('a', 0)).toBe(headerOf('a', 1));
    expect(headerOf('a', 0)).toBe(headerOf('y', 0));
    expect(headerOf('z', 0)).toEqual(['owner_external_id', 'org_name']);
  });

  it('replaces what a report had when its sources are recorded again', () => {
    const [input, records] = withCheckpoint((c) => {
      startSample(c, 'run-1');
      const tenants = new Set(['a', 'b']);
      recordReportSources(c, 'run-1', { rejected: REJECTED, sources: SOURCES, tenants });
      const again = {
        rejected: REJECTED.slice(1, 2),
        sources: SOURCES,
        tenants: new Set(['b']),
      };
      recordReportSources(c, 'run-1', again);
      return [loadReportInput(c, 'run-1', GENERATED), count(c, 'report_records')];
    });

    expect(input?.rejected).toStrictEqual(REJECTED.slice(1, 2));
    expect(input?.sources).toStrictEqual(new Map([['b', [BETA_JSON]]]));
    expect(records).toBe(2);
  });

  it('stores nothing for a run without rejects and without tenants that change', () => {
    const [input, records, headers] = withCheckpoint((c) => {
      startSample(c, 'run-1');
      recordReportSources(c, 'run-1', {
        rejected: [],
        sources: SOURCES,
        tenants: new Set(),
      });
      const loaded = loadReportInput(c, 'run-1', GENERATED);
      return [loaded, count(c, 'report_records'), count(c, 'report_headers')];
    });

    expect([input?.rejected, input?.sources, records, headers]).toStrictEqual([
      [],
      new Map(),
      0,
      0,
    ]);
  });

  it('keeps the records of one report apart from another', () => {
    const [first, second] = withCheckpoint((c) => {
      startSample(c, 'run-1');
      startSample(c, 'run-2');
      const tenants = new Set(['a']);
      recordReportSources(c, 'run-1', { rejected: REJECTED, sources: SOURCES, tenants });
      recordReportSources(c, 'run-2', { rejected: [], sources: SOURCES, tenants });
      recordReportSources(c, 'run-1', { rejected: [], sources: new Map(), tenants });
      return ['run-1', 'run-2'].map((id) => loadReportInput(c, id, GENERATED)?.sources);
    });

    expect(first).toStrictEqual(new Map());
    expect(second).toStrictEqual(new Map([['a', [ACME_1, ACME_2]]]));
  });

  it('refuses a rejected entry without a record, and records nothing then', () => {
    const [error, records] = withCheckpoint((c) => {
      startSample(c, 'run-1');
      const empty: RejectedCustomer = { key: 'e', records: [], problems: [] };
      const rejected = [...REJECTED, empty];
      let thrown: unknown;
      try {
        recordReportSources(c, 'run-1', {
          rejected,
          sources: SOURCES,
          tenants: new Set(),
        });
      } catch (caught) {
        thrown = caught;
      }
      return [thrown, count(c, 'report_records')];
    });

    expect(error).toEqual(
      new RangeError('rejected customer "e" of report run-1 has no record'),
    );
    expect(records).toBe(0);
  });
});

describe('report traffic', () => {
  const sample = (atMs: number, requests: number, pacedRate = 10) => ({
    atMs,
    requests,
    rateLimited: 1,
    heldMs: 250,
    pacedRate,
  });

  it('adds the counts of a second recorded twice and keeps the latest paced rate', () => {
    const traffic = withCheckpoint((c) => {
      startSample(c, 'run-1');
      recordTraffic(c, 'run-1', [sample(2_000, 4), sample(1_000, 9)]);
      recordTraffic(c, 'run-1', [sample(2_000, 3, 2.5), sample(3_000, 1)]);
      return loadReportInput(c, 'run-1', GENERATED)?.traffic;
    });

    expect(traffic).toEqual([
      { atMs: 1_000, requests: 9, rateLimited: 1, heldMs: 250, pacedRate: 10 },
      { atMs: 2_000, requests: 7, rateLimited: 2, heldMs: 500, pacedRate: 2.5 },
      { atMs: 3_000, requests: 1, rateLimited: 1, heldMs: 250, pacedRate: 10 },
    ]);
  });

  it('refuses a sample that is not counts, recording none of the batch', () => {
    const [message, traffic] = withCheckpoint((c) => {
      startSample(c, 'run-1');
      let thrown = '';
      try {
        recordTraffic(c, 'run-1', [
          sample(1_000, 2),
          { ...sample(2_000, 1), heldMs: -1 },
        ]);
      } catch (error) {
        thrown = (error as Error).message;
      }
      return [thrown, loadReportInput(c, 'run-1', GENERATED)?.traffic];
    });

    expect(message).toBe('traffic heldMs must be an integer >= 0, got -1');
    expect(traffic).toEqual([]);
  });
});

describe('report input', () => {
  it('gives a run its record, plan and operations from the run store', () => {
    const [input, run, operations] = withCheckpoint((c) => {
      startSample(c, 'run-1');
      finishRun(c, 'run-1', 'partial', 3, T2);
      return [
        loadReportInput(c, 'run-1', GENERATED),
        getRun(c, 'run-1'),
        loadOperations(c, 'run-1'),
      ];
    });

    expect(input).toStrictEqual({
      run: {
        id: 'run-1',
        command: 'apply',
        baseUrl: `${ENV}/`,
        inputs: INPUTS,
        options: { rate: 10, burst: 5, concurrency: 4 },
        parentRunId: null,
        status: 'partial',
        startedAt: T0,
        finishedAt: T2,
        exitCode: 3,
      },
      plan: samplePlan(),
      operations,
      rejected: [],
      sources: new Map(),
      traffic: [],
      generatedAt: GENERATED,
    });
    expect(run?.status).toBe('partial');
  });

  it('gives a plan its record as planned, without options or operations', () => {
    const [running, finished] = withCheckpoint((c) => {
      createPlanRun(c, planRun('plan-1'));
      recordReportSources(c, 'plan-1', {
        rejected: REJECTED.slice(0, 1),
        sources: SOURCES,
        tenants: new Set(['b']),
      });
      recordTraffic(c, 'plan-1', [
        { atMs: 5_000, requests: 2, rateLimited: 0, heldMs: 0, pacedRate: 10 },
      ]);
      const before = loadReportInput(c, 'plan-1', GENERATED);
      finishPlanRun(c, 'plan-1', { finishedAt: T1, exitCode: 2 });
      return [before, loadReportInput(c, 'plan-1', GENERATED)];
    });

    const run = {
      id: 'plan-1',
      command: 'plan',
      baseUrl: `${ENV}/`,
      inputs: INPUTS,
      options: null,
      parentRunId: null,
      status: 'planned',
      startedAt: T0,
      finishedAt: null,
      exitCode: null,
    };
    expect(running?.run).toStrictEqual(run);
    expect(finished).toStrictEqual({
      run: { ...run, finishedAt: T1, exitCode: 2 },
      plan: samplePlan(),
      operations: null,
      rejected: REJECTED.slice(0, 1),
      sources: new Map([['b', [BETA_JSON]]]),
      traffic: [{ atMs: 5_000, requests: 2, rateLimited: 0, heldMs: 0, pacedRate: 10 }],
      generatedAt: GENERATED,
    });
  });

  it('finds no report for an id that is neither a run nor a plan', () => {
    const input = withCheckpoint((c) => {
      startSample(c, 'run-1');
      createPlanRun(c, planRun('plan-1'));
      return loadReportInput(c, 'run-2', GENERATED);
    });

    expect(input).toBeUndefined();
  });

  it('refuses to finish a plan it does not know', () => {
    withCheckpoint((c) => {
      expect(() => finishPlanRun(c, 'plan-9', { finishedAt: T1, exitCode: 0 })).toThrow(
        'no plan "plan-9" in the checkpoint',
      );
    });
  });

  it('refuses a stored plan that no longer reads back, naming checkpoint and plan', () => {
    const [error, path] = withCheckpoint((c) => {
      createPlanRun(c, planRun('plan-1'));
      c.db.prepare(`UPDATE plan_runs SET plan = '{"format": "aa-sync-plan"'`).run();
      return [exitErrorOf(() => loadReportInput(c, 'plan-1', GENERATED)), c.path];
    });

    expect(error.exitCode).toBe(EXIT.io);
    expect(error.message).toMatch(
      new RegExp(
        `^checkpoint ${path} holds a damaged plan for plan plan-1, so its report`,
      ),
    );
  });
});

describe('report list', () => {
  it('lists runs and plans together, newest first, up to the limit', () => {
    const [all, two] = withCheckpoint((c) => {
      createPlanRun(c, planRun('plan-a', { startedAt: T0 }));
      const run = newRun('run-b', { startedAt: T1 });
      createRun(c, run, operationsOf(run.plan));
      createPlanRun(c, planRun('plan-c', { startedAt: T2 }));
      createPlanRun(c, planRun('plan-d', { startedAt: T2 }));
      const late = newRun('run-e', { startedAt: T3 });
      createRun(c, late, operationsOf(late.plan));
      return [listReportIds(c, 10), listReportIds(c, 2)];
    });

    expect(all).toEqual([
      { id: 'run-e', kind: 'run', startedAt: T3 },
      { id: 'plan-d', kind: 'plan', startedAt: T2 },
      { id: 'plan-c', kind: 'plan', startedAt: T2 },
      { id: 'run-b', kind: 'run', startedAt: T1 },
      { id: 'plan-a', kind: 'plan', startedAt: T0 },
    ]);
    expect(two).toEqual(all.slice(0, 2));
  });

  it('lists nothing in a new checkpoint and refuses a limit below 1', () => {
    withCheckpoint((c) => {
      expect(listReportIds(c, 5)).toEqual([]);
      expect(() => listReportIds(c, 0)).toThrow('limit must be an integer >= 1, got 0');
    });
  });
});
