/**
 * One apply of the calls bench and what it cost in API calls: the apply runs
 * as a child process against an emulator in this process (its request log
 * made large enough to hold a whole migration), and its calls are read from
 * the log after the run. The plan's operations are read from the run's
 * checkpoint, read-only. Exports: `CallsEmulator`, `RunOperations`,
 * `AppliedRun`, `ApplyPlace`, `startCallsEmulator`, `applyAndCount`, `runOperations`,
 * `ENDPOINT_OF_KIND`.
 */
import BetterSqlite3 from 'better-sqlite3';
import { startEmulator } from '../../src/emulator/index.js';
import type { FaultSettings } from '../../src/emulator/index.js';
import { checkpointPath } from './crash-checkpoint.js';
import type { CliExit } from './crash-process.js';
import { controlCall } from './emulator-process.js';
import type { CallCounts } from './calls-count.js';
import { countCalls } from './calls-count.js';
import { readRequestLog } from './executor-request-log.js';
import { applyExport } from './executor-scenario.js';

/** Enough for the requests of a migration of 10,000 customers several times over. */
const REQUEST_LOG_LIMIT = 1_000_000;
/** `--rate` high enough that the gate never holds an apply back. */
const UNLIMITED_RATE = 1_000;
const MS_PER_SECOND = 1000;

/** The endpoint each kind of operation writes to (see src/api/client.ts). */
export const ENDPOINT_OF_KIND: Readonly<Record<string, string>> = {
  'create-organization': 'POST organizations',
  'update-organization': 'PATCH organizations',
  'delete-organization': 'DELETE organizations',
  'create-user': 'POST users',
  'update-user': 'PATCH users',
  'set-user-role': 'PATCH users',
  'create-location': 'POST locations',
  'update-location': 'PATCH locations',
  'delete-location': 'DELETE locations',
};

/** An emulator in this process and its control endpoints. */
export interface CallsEmulator {
  /** Origin, for the control endpoints. */
  url: string;
  baseUrl: string;
  controlToken: string;
  control(method: string, path: string): Promise<unknown>;
  close(): Promise<void>;
}

/** Where one apply runs and what it applies. */
export interface ApplyPlace {
  workDir: string;
  input: string;
  /** A fresh directory for a first run; the same one again for a nightly. */
  stateDir: string;
}

/** The operations of a run as its checkpoint holds them. */
export interface RunOperations {
  runId: string | null;
  total: number;
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
}

/** One apply: how it ended, its operations and its calls. */
export interface AppliedRun {
  exitCode: number | null;
  operations: RunOperations;
  calls: CallCounts;
  /** Request numbers the emulator's log lacks. */
  unlogged: number;
  wallSeconds: number;
}

/** Starts an emulator on loopback without a rate limit, with `faults` if given. */
export async function startCallsEmulator(faults?: FaultSettings): Promise<CallsEmulator> {
  const emulator = await startEmulator({
    host: '127.0.0.1',
    port: 0,
    rateLimit: null,
    requestLogLimit: REQUEST_LOG_LIMIT,
    ...(faults === undefined ? {} : { faults }),
  });
  return {
    url: emulator.url,
    baseUrl: emulator.baseUrl,
    controlToken: emulator.controlToken,
    control: (method, path) =>
      controlCall(emulator.url, emulator.controlToken, method, path),
    close: () => emulator.close(),
  };
}

/**
 * Applies the export of `place` and counts the calls the emulator logged
 * after request number `sinceSeq`. Resolves with the last number too, for the
 * next run's count.
 */
export async function applyAndCount(
  emulator: CallsEmulator,
  place: ApplyPlace,
  sinceSeq: number,
): Promise<{ run: AppliedRun; lastSeq: number; exit: CliExit }> {
  const started = performance.now();
  const { workDir, input, stateDir } = place;
  const exit = await applyExport(workDir, emulator, input, stateDir, UNLIMITED_RATE);
  const wallSeconds = (performance.now() - started) / MS_PER_SECOND;
  const log = await readRequestLog((m, p) => emulator.control(m, p), sinceSeq);
  const run: AppliedRun = {
    exitCode: exit.code,
    operations: runOperations(stateDir),
    calls: countCalls(log.requests),
    unlogged: log.missing,
    wallSeconds,
  };
  return { run, lastSeq: log.lastSeq, exit };
}

/** The newest run's operations, by kind and by status, read-only. */
export function runOperations(stateDir: string): RunOperations {
  const db = new BetterSqlite3(checkpointPath(stateDir), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const latest = db
      .prepare<[], { id: string }>('SELECT id FROM runs ORDER BY seq DESC LIMIT 1')
      .get();
    const rows = db
      .prepare<[string], { kind: string; status: string; n: number }>(
        'SELECT kind, status, count(*) AS n FROM operations WHERE run_id = ? ' +
          'GROUP BY kind, status',
      )
      .all(latest?.id ?? '');
    const operations: RunOperations = {
      runId: latest?.id ?? null,
      total: 0,
      byKind: {},
      byStatus: {},
    };
    for (const { kind, status, n } of rows) {
      operations.total += n;
      operations.byKind[kind] = (operations.byKind[kind] ?? 0) + n;
      operations.byStatus[status] = (operations.byStatus[status] ?? 0) + n;
    }
    return operations;
  } finally {
    db.close();
  }
}
