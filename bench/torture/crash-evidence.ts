/**
 * What a SIGKILL left behind, read from the checkpoint (read-only) before the
 * process started and after it died: where in the run the kill landed, and
 * which creates this process left open: those whose intent it wrote (the
 * operation was pending or absent before it started, and is in flight after
 * the kill). An operation left in flight by an earlier process does not count
 * for this kill. Whether such a create's request had left is decided with the
 * emulator (`committedAmong`, and crash-play.ts for abandoned requests).
 * Exports: `CheckpointState`, `KILL_PHASES`, `KillPhase`, `OpenCreate`,
 * `readCheckpointState`, `latestStatus`, `phaseOf`, `ownOpenCreates`,
 * `committedAmong`.
 */
import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { CountersSnapshot } from '../../src/emulator/index.js';
import { checkpointPath } from '../lib/crash-checkpoint.js';
import type { EmulatorSnapshot } from '../lib/crash-emulator.js';
import { CRASH_PARTNER } from '../lib/crash-emulator.js';

/** Where a kill landed, in the order a run passes through them. */
export const KILL_PHASES = [
  'before the checkpoint existed',
  'starting, before the run lock',
  'planning (lock held, no run recorded)',
  'run recorded, before its first request',
  'during the writes',
  "after the run's end was recorded (numbers, reports)",
] as const;
export type KillPhase = (typeof KILL_PHASES)[number];

interface OperationState {
  kind: string;
  status: string;
  attempts: number;
  payload: string;
  result: string | null;
}

/** The checkpoint as a kill left it. */
export interface CheckpointState {
  /** `PRAGMA integrity_check`'s rows joined: 'ok' for a sound file. */
  integrity: string;
  lock: { pid: number; runId: string | null } | null;
  /** Per run id: its status and `finished_at` (null while it runs). */
  runs: Map<string, { status: string; finishedAt: string | null; seq: number }>;
  /** Per `run id + op id`. */
  operations: Map<string, OperationState>;
}

const SQL = {
  tables: "SELECT name FROM sqlite_master WHERE type = 'table'",
  lock: 'SELECT pid, run_id AS runId FROM run_lock',
  runs: 'SELECT id, status, finished_at AS finishedAt, seq FROM runs',
  operations:
    'SELECT run_id AS runId, op_id AS opId, kind, status, attempts, payload, result ' +
    'FROM operations',
} as const;

/** Reads the state directory's checkpoint without changing it; null when it has none. */
export function readCheckpointState(stateDir: string): CheckpointState | null {
  const path = checkpointPath(stateDir);
  if (!existsSync(path)) return null;
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const state: CheckpointState = {
      integrity: rows.map((row) => row.integrity_check).join('; '),
      lock: null,
      runs: new Map(),
      operations: new Map(),
    };
    const tables = new Set(
      db
        .prepare<[], { name: string }>(SQL.tables)
        .all()
        .map((row) => row.name),
    );
    // A kill during the first migration leaves a file without these tables.
    if (!tables.has('operations') || !tables.has('run_lock')) return state;
    const lock = db.prepare<[], { pid: number; runId: string | null }>(SQL.lock).get();
    state.lock = lock ?? null;
    type RunRow = { id: string; status: string; finishedAt: string | null; seq: number };
    for (const { id, ...run } of db.prepare<[], RunRow>(SQL.runs).all()) {
      state.runs.set(id, run);
    }
    type OpRow = OperationState & { runId: string; opId: string };
    for (const { runId, opId, ...op } of db.prepare<[], OpRow>(SQL.operations).all()) {
      state.operations.set(`${runId} ${opId}`, op);
    }
    return state;
  } finally {
    db.close();
  }
}

/** The newest run's status, or undefined when there is none. */
export function latestStatus(state: CheckpointState | null): string | undefined {
  let latest: { status: string; seq: number } | undefined;
  for (const run of state?.runs.values() ?? []) {
    if (latest === undefined || run.seq > latest.seq) latest = run;
  }
  return latest?.status;
}

/** Where the kill of process `pid` landed, from the checkpoint before and after it. */
export function phaseOf(
  before: CheckpointState | null,
  after: CheckpointState | null,
  pid: number,
): KillPhase {
  if (after === null) return 'before the checkpoint existed';
  if (runEnded(before, after))
    return "after the run's end was recorded (numbers, reports)";
  if (after.lock?.pid !== pid) return 'starting, before the run lock';
  if (after.lock.runId === null) return 'planning (lock held, no run recorded)';
  if (touched(before, after)) return 'during the writes';
  return 'run recorded, before its first request';
}

/** A run got a new end (`finished_at`) while the process lived. */
function runEnded(before: CheckpointState | null, after: CheckpointState): boolean {
  for (const [id, run] of after.runs) {
    if (run.finishedAt === null) continue;
    if (before?.runs.get(id)?.finishedAt !== run.finishedAt) return true;
  }
  return false;
}

/** An operation was marked, retried or recorded while the process lived. */
function touched(before: CheckpointState | null, after: CheckpointState): boolean {
  for (const [key, op] of after.operations) {
    const old = before?.operations.get(key);
    if (old === undefined || old.status !== op.status || old.attempts !== op.attempts) {
      return true;
    }
  }
  return false;
}

/** A create this process marked in flight and did not record, with what it creates. */
export interface OpenCreate {
  kind: string;
  payload: string;
  /** The organization it goes into (users, locations), when already known. */
  organizationId: number | null;
}

/** Creates whose intent this process wrote and whose answer it never recorded. */
export function ownOpenCreates(
  before: CheckpointState | null,
  after: CheckpointState | null,
): OpenCreate[] {
  const open: OpenCreate[] = [];
  for (const [key, op] of after?.operations ?? []) {
    if (!op.kind.startsWith('create-') || op.status !== 'in-flight') continue;
    const old = before?.operations.get(key);
    if (old !== undefined && old.status !== 'pending') continue;
    const runId = key.slice(0, key.indexOf(' '));
    open.push({
      kind: op.kind,
      payload: op.payload,
      organizationId: orgOf(after, runId, op),
    });
  }
  return open;
}

/** The organization id a user or location create refers to, from its dependency's result. */
function orgOf(
  state: CheckpointState | null,
  runId: string,
  op: OperationState,
): number | null {
  const body = (JSON.parse(op.payload) as { body?: { organization_id?: unknown } }).body;
  const ref = body?.organization_id;
  if (typeof ref === 'number') return ref;
  if (typeof ref !== 'object' || ref === null || !('ref' in ref)) return null;
  const source = state?.operations.get(`${runId} ${String(ref.ref)}`);
  if (source?.result == null) return null;
  return (
    (JSON.parse(source.result) as { organizationId?: number }).organizationId ?? null
  );
}

interface CreatePayload {
  externalId?: string;
  body?: { name?: string; owner?: { external_id?: string } };
}

/** How many of `open` the emulator has committed (after their requests settled). */
export function committedAmong(
  open: readonly OpenCreate[],
  counters: CountersSnapshot,
  snapshot: EmulatorSnapshot,
): number {
  const organizations = counters.organizationCreates[CRASH_PARTNER] ?? {};
  const locations = counters.locationCreates[CRASH_PARTNER] ?? {};
  const users = new Set(snapshot.users.map((user) => user.external_id));
  return open.filter((create) => {
    const payload = JSON.parse(create.payload) as CreatePayload;
    switch (create.kind) {
      case 'create-organization':
        return (organizations[payload.body?.owner?.external_id ?? ''] ?? 0) > 0;
      case 'create-user':
        return users.has(payload.externalId ?? '');
      case 'create-location': {
        const byName = locations[String(create.organizationId)] ?? {};
        return (byName[payload.body?.name ?? ''] ?? 0) > 0;
      }
      default:
        return false;
    }
  }).length;
}
