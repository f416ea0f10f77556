/**
 * One run per state directory: the run lock is a row in the checkpoint naming
 * the process that holds it. A row left by a process that died (kill -9, a
 * power cut) is taken over, so a crash never leaves the directory stuck; a
 * live holder makes the next run exit at once with `EXIT.locked`. Exports:
 * `RunLock`, `RunLockRequest`, `acquireRunLock`, `forceUnlock`.
 */
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { ExitError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import type { Checkpoint } from './database.js';
import { isHolderAlive, processStartOf } from './process-identity.js';
import type { LockHolder } from './run-types.js';

/** What the process taking the lock is about to do. */
export interface RunLockRequest {
  /** The command, for the message another run shows: `apply`, `resume`... */
  command: string;
  /** The run, when known already; otherwise set later with `setRunId`. */
  runId: string | null;
  /** ISO time of acquiring, from the caller. */
  at: string;
}

/** A held run lock. Release it before closing the checkpoint. */
export interface RunLock {
  /** This process, as recorded in the lock. */
  readonly holder: LockHolder;
  /** The dead process whose lock was taken over, for the log; null when the lock was free. */
  readonly tookOverFrom: LockHolder | null;
  /** Records the run this process is working on, for the message another run shows. */
  setRunId(runId: string): void;
  /** Gives the lock up if it is still ours; calling it again does nothing. */
  release(): void;
}

interface LockRow {
  pid: number;
  hostname: string;
  process_start: string | null;
  run_id: string | null;
  command: string;
  acquired_at: string;
}

const SQL = {
  get: 'SELECT pid, hostname, process_start, run_id, command, acquired_at FROM run_lock',
  // REPLACE: the single row (id 1) of a dead holder is overwritten in one step.
  take:
    'INSERT OR REPLACE INTO run_lock ' +
    '(id, pid, hostname, process_start, run_id, command, acquired_at) ' +
    'VALUES (1, ?, ?, ?, ?, ?, ?)',
  // "IS" rather than "=": a null start (not Linux) must match a null start.
  setRunId:
    'UPDATE run_lock SET run_id = ? WHERE pid = ? AND hostname = ? AND process_start IS ?',
  release: 'DELETE FROM run_lock WHERE pid = ? AND hostname = ? AND process_start IS ?',
  clear: 'DELETE FROM run_lock',
} as const;

/**
 * Takes the state directory's run lock in one immediate transaction, so two
 * processes racing for it cannot both win. A free lock, or one whose holder is
 * dead, is taken; a live holder (or one on another host, which cannot be
 * checked) is an ExitError (EXIT.locked) that names it and says what to do.
 * Taking a lock this process already holds is a bug and throws an Error.
 */
export function acquireRunLock(checkpoint: Checkpoint, request: RunLockRequest): RunLock {
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    processStart: processStartOf(process.pid),
    runId: request.runId,
    command: request.command,
    acquiredAt: request.at,
  };
  const tookOverFrom = checkpoint.write(() => {
    const current = readHolder(checkpoint);
    if (current !== null) refuseLiveHolder(checkpoint, current, holder);
    const { pid, processStart, runId, command, acquiredAt } = holder;
    checkpoint
      .statement(SQL.take)
      .run(pid, holder.hostname, processStart, runId, command, acquiredAt);
    return current;
  });
  return heldLock(checkpoint, holder, tookOverFrom);
}

/**
 * Removes the lock whoever holds it, for `--force-unlock` when its holder is
 * known to be gone (on another host, which cannot be checked from here).
 * Returns the holder it removed, or null when the lock was free.
 */
export function forceUnlock(checkpoint: Checkpoint): LockHolder | null {
  return checkpoint.write(() => {
    const current = readHolder(checkpoint);
    checkpoint.statement(SQL.clear).run();
    return current;
  });
}

function readHolder(checkpoint: Checkpoint): LockHolder | null {
  const row = checkpoint.statement<[], LockRow>(SQL.get).get();
  if (row === undefined) return null;
  return {
    pid: row.pid,
    hostname: row.hostname,
    processStart: row.process_start,
    runId: row.run_id,
    command: row.command,
    acquiredAt: row.acquired_at,
  };
}

function isSameProcess(a: LockHolder, b: LockHolder): boolean {
  return (
    a.pid === b.pid && a.hostname === b.hostname && a.processStart === b.processStart
  );
}

function refuseLiveHolder(
  checkpoint: Checkpoint,
  current: LockHolder,
  us: LockHolder,
): void {
  if (isSameProcess(current, us)) {
    throw new Error(
      `this process (pid ${us.pid}) already holds the run lock of ${checkpoint.path}; ` +
        'release it before acquiring it again',
    );
  }
  if (isHolderAlive(current)) throw lockedError(checkpoint, current);
}

function lockedError(checkpoint: Checkpoint, holder: LockHolder): ExitError {
  const stateDir = dirname(checkpoint.path);
  const run = holder.runId === null ? 'before its run started' : `run ${holder.runId}`;
  const who =
    `another aa-sync ${holder.command} (pid ${holder.pid} on host ${holder.hostname}, ` +
    `${run}) has held the state directory ${stateDir} since ${holder.acquiredAt}`;
  if (holder.hostname !== hostname()) {
    return new ExitError(
      EXIT.locked,
      `${who}. It runs on another host, which cannot be checked from here: wait for ` +
        `it to finish. If host ${holder.hostname} is gone or that run is no longer ` +
        'running, run again with --force-unlock',
    );
  }
  return new ExitError(
    EXIT.locked,
    `${who}. Wait for it to finish, or check that process (ps -p ${holder.pid}) ` +
      'if it seems stuck',
  );
}

function heldLock(
  checkpoint: Checkpoint,
  holder: LockHolder,
  tookOverFrom: LockHolder | null,
): RunLock {
  const ours = [holder.pid, holder.hostname, holder.processStart] as const;
  let released = false;
  return {
    holder,
    tookOverFrom,
    setRunId(runId) {
      const { changes } = checkpoint.write(() =>
        checkpoint.statement(SQL.setRunId).run(runId, ...ours),
      );
      if (changes === 0) throw lostLock(checkpoint);
      holder.runId = runId;
    },
    release() {
      if (released) return;
      // Deletes nothing when --force-unlock took the lock away meanwhile.
      checkpoint.write(() => checkpoint.statement(SQL.release).run(...ours));
      released = true;
    },
  };
}

function lostLock(checkpoint: Checkpoint): ExitError {
  return new ExitError(
    EXIT.locked,
    `this run no longer holds the run lock of ${dirname(checkpoint.path)}: another ` +
      'process removed it (--force-unlock). Stop this run, and make sure only one ' +
      'aa-sync runs on that state directory',
  );
}
