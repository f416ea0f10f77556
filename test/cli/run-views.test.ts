import { describe, expect, it } from 'vitest';
import type {
  OperationRecord,
  OperationStatus,
  RunRecord,
} from '../../src/checkpoint/run-types.js';
import { renderRunJson } from '../../src/cli/run-json.js';
import { renderRunList, renderRunStatus } from '../../src/cli/run-views.js';
import type { CreateLocationOp } from '../../src/plan/plan-types.js';

const NOW = new Date('2024-06-01T14:30:00Z');

const NO_OPERATIONS: Record<OperationStatus, number> = {
  pending: 0,
  'in-flight': 0,
  succeeded: 0,
  adopted: 0,
  failed: 0,
  skipped: 0,
};

function runRecord(fields: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run-1',
    command: 'apply',
    environment: 'https://api.example.com/api/v1',
    baseUrl: 'https://api.example.com/api/v1/?trace=secret-value',
    inputs: [
      { file: 'customers.csv', sha256: '3f2a9c1b0d4e' + 'a'.repeat(52), bytes: 12_345 },
    ],
    options: { rate: 50, burst: 10, concurrency: 8 },
    parentRunId: null,
    customers: 12,
    status: 'partial',
    startedAt: '2024-06-01T12:00:00.000Z',
    updatedAt: '2024-06-01T12:01:05.000Z',
    finishedAt: '2024-06-01T12:01:05.000Z',
    exitCode: 5,
    counts: { ...NO_OPERATIONS, succeeded: 30, adopted: 2, failed: 3, skipped: 5 },
    ...fields,
  };
}

function operationRecord(
  seq: number,
  status: OperationStatus,
  fields: Partial<OperationRecord> = {},
): OperationRecord {
  const tenant = fields.tenant ?? 'acme';
  const id = `${tenant}/location:create:L${seq}`;
  const operation: CreateLocationOp = {
    kind: 'create-location',
    id,
    tenant,
    dependsOn: [],
    source: null,
    body: { organization_id: 7, name: `L${seq}`, area_code: '617' },
    areaCode: '617',
  };
  return {
    runId: 'run-1',
    seq,
    id,
    tenant,
    kind: 'create-location',
    operation,
    dependsOn: [],
    status,
    attempts: 1,
    lastError: null,
    result: null,
    phoneNumber: null,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    ...fields,
  };
}

/** The text without its colour escapes. */
// eslint-disable-next-line no-control-regex
const plain = (text: string): string => text.replace(/\u001b\[\d+m/g, '');

describe('renderRunList', () => {
  const runs = [
    runRecord({
      id: 'run-3',
      status: 'running',
      startedAt: '2024-06-01T14:29:30.000Z',
      updatedAt: '2024-06-01T14:29:59.000Z',
      finishedAt: null,
      exitCode: null,
      counts: { ...NO_OPERATIONS, pending: 1_990, 'in-flight': 4, succeeded: 6 },
    }),
    runRecord({
      id: 'run-2',
      status: 'interrupted',
      startedAt: '2024-06-01T14:25:00.000Z',
      updatedAt: '2024-06-01T14:27:30.000Z',
      finishedAt: null,
      exitCode: null,
      counts: { ...NO_OPERATIONS, pending: 10, succeeded: 30 },
    }),
    runRecord({
      startedAt: '2024-05-29T12:00:00.000Z',
      finishedAt: '2024-05-29T13:02:00.000Z',
    }),
  ];

  it('prints one line per run with its status, age, duration, progress and failures', () => {
    expect(renderRunList(runs, { colour: false, now: NOW })).toBe(
      [
        'ID     COMMAND  STATUS       STARTED                               DURATION  DONE     FAILED',
        'run-3  apply    running      2024-06-01 14:29 UTC (just now)       running   6/2,000  0',
        'run-2  apply    interrupted  2024-06-01 14:25 UTC (5 minutes ago)  2m30s     30/40    0',
        'run-1  apply    partial      2024-05-29 12:00 UTC (3 days ago)     1h02m     40/40    3',
      ].join('\n') + '\n',
    );
  });

  it('says how to start a run when the state directory has none', () => {
    expect(renderRunList([], { colour: false, now: NOW })).toBe(
      'There are no runs in this state directory yet; `aa-sync apply INPUT...` starts one.\n',
    );
  });

  it('colours the status and a non-zero failure count, and changes nothing else', () => {
    const coloured = renderRunList(runs, { colour: true, now: NOW });
    expect(coloured).not.toBe(renderRunList(runs, { colour: false, now: NOW }));
    expect(plain(coloured)).toBe(renderRunList(runs, { colour: false, now: NOW }));
    expect(coloured).toContain('\u001b[33mpartial    \u001b[0m');
    expect(coloured).toContain('\u001b[31m3\u001b[0m');
  });
});

describe('renderRunStatus', () => {
  const failedAndInFlight = [
    operationRecord(9, 'failed', { attempts: 4, lastError: 'HTTP 503 five times' }),
    operationRecord(2, 'failed', {
      attempts: 1,
      lastError: 'HTTP 422: area code "999" has no numbers',
    }),
    operationRecord(5, 'failed', { tenant: 'bayside' }),
    operationRecord(3, 'in-flight', { attempts: 2 }),
    operationRecord(1, 'succeeded'),
  ];

  it('prints the header, the counts, the failed and in-flight operations and the next step', () => {
    const text = renderRunStatus(runRecord(), failedAndInFlight, {
      colour: false,
      now: NOW,
      limit: 2,
    });
    expect(text).toBe(`Run run-1: finished with failed or skipped operations (exit code 5)
    command      apply
    environment  https://api.example.com/api/v1
    input        "customers.csv" (sha256 3f2a9c1b0d4e, 12,345 bytes)
    options      rate 50 req/s, burst 10, concurrency 8
    started      2024-06-01 12:00:00 UTC (2 hours ago)
    finished     2024-06-01 12:01:05 UTC, after 1m05s

Operations: 40 in all: 0 pending, 0 in flight, 30 succeeded, 2 adopted, 3 failed, 5 skipped.

Failed (3):
    acme/location:create:L2  tenant "acme", 1 attempt: HTTP 422: area code "999" has no numbers
    bayside/location:create:L5  tenant "bayside", 1 attempt: no error recorded
    and 1 more

In flight (1), looked up before anything is sent again on resume:
    acme/location:create:L3  tenant "acme", 2 attempts

Next: \`aa-sync retry-failed run-1\` starts a new run of what failed.
`);
  });

  it('lists every input and the run it retries, and shows an automatic rate', () => {
    const run = runRecord({
      id: 'run-4',
      command: 'retry-failed',
      parentRunId: 'run-1',
      options: { rate: 'auto', burst: 1, concurrency: 4, maxOutageMs: 60_000 },
      inputs: [
        { file: 'a.csv', sha256: '0123456789abcdef', bytes: 1 },
        { file: 'b.csv', sha256: 'fedcba9876543210', bytes: 2_048 },
      ],
      status: 'completed',
      exitCode: 0,
      counts: { ...NO_OPERATIONS, succeeded: 3 },
    });
    expect(renderRunStatus(run, [], { colour: false, now: NOW }))
      .toBe(`Run run-4: completed (exit code 0)
    command      retry-failed
    environment  https://api.example.com/api/v1
    inputs       "a.csv" (sha256 0123456789ab, 1 byte)
                 "b.csv" (sha256 fedcba987654, 2,048 bytes)
    options      rate auto, burst 1, concurrency 4, max outage 60,000 ms
    started      2024-06-01 12:00:00 UTC (2 hours ago)
    finished     2024-06-01 12:01:05 UTC, after 1m05s
    retry of     run run-1

Operations: 3 in all: 0 pending, 0 in flight, 3 succeeded, 0 adopted, 0 failed, 0 skipped.
`);
  });

  it.each([
    ['interrupted', 'Next: `aa-sync resume run-1` continues it where it stopped.'],
    ['stopped', 'Next: fix the API key, then `aa-sync resume run-1` continues the run.'],
    [
      'running',
      'Next: if its process was killed, `aa-sync resume run-1` continues it; while the process lives, resume refuses and names it.',
    ],
  ] as const)('ends a %s run with how to continue it', (status, next) => {
    const run = runRecord({ status, finishedAt: null, exitCode: null });
    const text = renderRunStatus(run, [], { colour: false, now: NOW });
    expect(text.endsWith(`\n\n${next}\n`)).toBe(true);
    expect(text).toContain('\n    last update  2024-06-01 12:01:05 UTC (2 hours ago)\n');
  });

  it('caps a long list at 20 by default and says how many more there are', () => {
    const failed = Array.from({ length: 25 }, (_, i) =>
      operationRecord(i + 1, 'failed', { lastError: 'HTTP 400' }),
    );
    const text = renderRunStatus(runRecord(), failed, { colour: false, now: NOW });
    const listed = text.split('\n').filter((line) => line.endsWith(': HTTP 400'));
    expect(listed).toHaveLength(20);
    expect(listed[19]).toBe(
      '    acme/location:create:L20  tenant "acme", 1 attempt: HTTP 400',
    );
    expect(text).toContain(`${listed[19]}\n    and 5 more\n`);
  });

  it('escapes control characters from the export and the API', () => {
    const op = operationRecord(1, 'failed', {
      tenant: 'evil\u001b[2J',
      lastError: 'name "\u001b[31mx" refused',
    });
    const text = renderRunStatus(runRecord(), [op], { colour: false, now: NOW });
    expect(text).not.toContain('\u001b');
    expect(text).toContain(
      '    evil\\u001b[2J/location:create:L1  tenant "evil\\u001b[2J", 1 attempt: name "\\u001b[31mx" refused\n',
    );
  });

  it('colours the status and the failures, and changes nothing else', () => {
    const options = { now: NOW, limit: 2 };
    const coloured = renderRunStatus(runRecord(), failedAndInFlight, {
      ...options,
      colour: true,
    });
    const uncoloured = renderRunStatus(runRecord(), failedAndInFlight, {
      ...options,
      colour: false,
    });
    expect(coloured).not.toBe(uncoloured);
    expect(plain(coloured)).toBe(uncoloured);
    expect(coloured).toContain('\u001b[31mFailed (3):\u001b[0m');
  });
});

describe('renderRunJson', () => {
  it('writes the run and its operations in plan order under stable names', () => {
    const operations = [
      operationRecord(2, 'failed', { attempts: 3, lastError: 'HTTP 422' }),
      operationRecord(1, 'succeeded', {
        result: { locationId: 70, phoneNumber: '+16175550100' },
        phoneNumber: '+16175550100',
        startedAt: '2024-06-01T12:00:01.000Z',
        finishedAt: '2024-06-01T12:00:02.000Z',
        durationMs: 1_000,
      }),
    ];
    expect(JSON.parse(renderRunJson(runRecord(), operations))).toEqual({
      formatVersion: 1,
      run: {
        id: 'run-1',
        command: 'apply',
        status: 'partial',
        environment: 'https://api.example.com/api/v1',
        inputs: [
          {
            file: 'customers.csv',
            sha256: '3f2a9c1b0d4e' + 'a'.repeat(52),
            bytes: 12_345,
          },
        ],
        options: { rate: 50, burst: 10, concurrency: 8 },
        parentRunId: null,
        customers: 12,
        startedAt: '2024-06-01T12:00:00.000Z',
        updatedAt: '2024-06-01T12:01:05.000Z',
        finishedAt: '2024-06-01T12:01:05.000Z',
        exitCode: 5,
        counts: {
          pending: 0,
          'in-flight': 0,
          succeeded: 30,
          adopted: 2,
          failed: 3,
          skipped: 5,
        },
        done: 40,
        total: 40,
      },
      operations: [
        {
          seq: 1,
          id: 'acme/location:create:L1',
          tenant: 'acme',
          kind: 'create-location',
          status: 'succeeded',
          attempts: 1,
          lastError: null,
          dependsOn: [],
          result: { locationId: 70, phoneNumber: '+16175550100' },
          phoneNumber: '+16175550100',
          startedAt: '2024-06-01T12:00:01.000Z',
          finishedAt: '2024-06-01T12:00:02.000Z',
          durationMs: 1_000,
        },
        {
          seq: 2,
          id: 'acme/location:create:L2',
          tenant: 'acme',
          kind: 'create-location',
          status: 'failed',
          attempts: 3,
          lastError: 'HTTP 422',
          dependsOn: [],
          result: null,
          phoneNumber: null,
          startedAt: null,
          finishedAt: null,
          durationMs: null,
        },
      ],
    });
  });

  it('leaves the base URL out and ends in a newline', () => {
    const text = renderRunJson(runRecord(), []);
    expect(text).not.toContain('secret-value');
    expect(text.endsWith('}\n')).toBe(true);
  });
});
