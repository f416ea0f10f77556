import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  acquireRunLock,
  forceUnlock,
  isHolderAlive,
  processStartOf,
} from '../../src/checkpoint/index.js';
import type { Checkpoint, LockHolder } from '../../src/checkpoint/index.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { CHILD_ACQUIRED_AT, CHILD_RUN_ID } from './lock-child.js';
import { kill, startLockChild, stopLockChild } from './lock-children.js';
import { T0, T1, stateDir, withCheckpoint } from './run-fixtures.js';
import { exitErrorOf } from './support.js';

/** Rounds of two processes racing for the lock. */
const RACE_ROUNDS = 5;
/** Starting children through tsx takes a moment each. */
const CHILD_TEST_TIMEOUT_MS = 60_000;
/** No Linux system hands out pids this large (pid_max is at most 2^22). */
const UNUSED_PID = 2 ** 30;
const OTHER_HOST = 'build-7.example.com';

const request = { command: 'apply', runId: null, at: T0 };

function insertHolder(checkpoint: Checkpoint, holder: LockHolder): void {
  checkpoint.db
    .prepare('INSERT OR REPLACE INTO run_lock VALUES (1, ?, ?, ?, ?, ?, ?)')
    .run(
      holder.pid,
      holder.hostname,
      holder.processStart,
      holder.runId,
      holder.command,
      holder.acquiredAt,
    );
}

function storedHolder(checkpoint: Checkpoint): unknown {
  return checkpoint.db.prepare('SELECT pid, run_id FROM run_lock').get();
}

const holder = (fields: Partial<LockHolder>): LockHolder => ({
  pid: UNUSED_PID,
  hostname: hostname(),
  processStart: '12345',
  runId: 'run-0',
  command: 'resume',
  acquiredAt: T0,
  ...fields,
});

describe('taking the lock in one process', () => {
  it('takes a free lock, records the run id, and releases it once', () => {
    withCheckpoint((c) => {
      const lock = acquireRunLock(c, request);
      expect([lock.holder, lock.tookOverFrom]).toEqual([
        {
          pid: process.pid,
          hostname: hostname(),
          processStart: processStartOf(process.pid),
          runId: null,
          command: 'apply',
          acquiredAt: T0,
        },
        null,
      ]);
      lock.setRunId('run-1');
      expect([storedHolder(c), lock.holder.runId]).toEqual([
        { pid: process.pid, run_id: 'run-1' },
        'run-1',
      ]);
      lock.release();
      lock.release();
      expect(storedHolder(c)).toBeUndefined();
      acquireRunLock(c, request).release();
    });
  });

  it('treats taking the lock twice in one process as a bug', () => {
    withCheckpoint((c) => {
      const lock = acquireRunLock(c, request);
      expect(() => acquireRunLock(c, request)).toThrow(
        `this process (pid ${process.pid}) already holds the run lock of ${c.path}; ` +
          'release it before acquiring it again',
      );
      lock.release();
    });
  });

  it('takes over from a holder whose pid now belongs to another process', () => {
    withCheckpoint((c) => {
      const reused = holder({ pid: process.ppid, processStart: '1' });
      insertHolder(c, reused);
      expect(isHolderAlive(reused)).toBe(false);
      const lock = acquireRunLock(c, request);
      expect(lock.tookOverFrom).toEqual(reused);
      lock.release();
    });
  });

  it('refuses a holder on another host and names --force-unlock', () => {
    withCheckpoint((c) => {
      const remote = holder({ hostname: OTHER_HOST });
      insertHolder(c, remote);
      const error = exitErrorOf(() => acquireRunLock(c, request));
      expect([error.exitCode, error.message]).toEqual([
        EXIT.locked,
        `another aa-sync resume (pid ${UNUSED_PID} on host ${OTHER_HOST}, run run-0) ` +
          `has held the state directory ${stateDir()} since ${T0}. It runs on another ` +
          'host, which cannot be checked from here: wait for it to finish. If host ' +
          `${OTHER_HOST} is gone or that run is no longer running, run again with ` +
          '--force-unlock',
      ]);
      expect([forceUnlock(c), forceUnlock(c)]).toEqual([remote, null]);
      acquireRunLock(c, request).release();
    });
  });

  it('leaves a lock taken away by --force-unlock to its new holder', () => {
    withCheckpoint((c) => {
      const lock = acquireRunLock(c, { ...request, runId: 'run-1' });
      forceUnlock(c);
      const next = holder({
        pid: process.ppid,
        processStart: processStartOf(process.ppid),
      });
      insertHolder(c, next);
      const error = exitErrorOf(() => lock.setRunId('run-2'));
      lock.release();
      expect([error.exitCode, storedHolder(c)]).toEqual([
        EXIT.locked,
        { pid: process.ppid, run_id: 'run-0' },
      ]);
    });
  });
});

describe('the process start time', () => {
  it('is read for a running process and missing for a pid nobody has', () => {
    const start = processStartOf(process.pid);
    expect(start).toMatch(/^\d+$/);
    expect(processStartOf(process.pid)).toBe(start);
    expect(processStartOf(UNUSED_PID)).toBeNull();
    expect(isHolderAlive(holder({ pid: UNUSED_PID }))).toBe(false);
    expect(isHolderAlive(holder({ pid: process.pid, processStart: start }))).toBe(true);
  });
});

describe('the lock between processes', { timeout: CHILD_TEST_TIMEOUT_MS }, () => {
  it('is taken over from a holder killed with SIGKILL', async () => {
    withCheckpoint(() => undefined);
    const child = startLockChild(stateDir());
    const report = await child.report;
    expect(report).toEqual({ acquired: true, pid: child.process.pid });
    await kill(child.process, 'SIGKILL');
    withCheckpoint((c) => {
      expect(storedHolder(c)).toEqual({ pid: report.pid, run_id: CHILD_RUN_ID });
      const lock = acquireRunLock(c, { ...request, at: T1 });
      expect(lock.tookOverFrom).toEqual({
        pid: report.pid,
        hostname: hostname(),
        processStart: expect.stringMatching(/^\d+$/) as string,
        runId: CHILD_RUN_ID,
        command: 'apply',
        acquiredAt: CHILD_ACQUIRED_AT,
      });
      lock.release();
    });
  });

  it('is refused to this process while a live child holds it, and free once it exits', async () => {
    withCheckpoint(() => undefined);
    const child = startLockChild(stateDir());
    const { pid } = await child.report;
    withCheckpoint((c) => {
      const error = exitErrorOf(() => acquireRunLock(c, request));
      expect([error.exitCode, error.message]).toEqual([
        EXIT.locked,
        `another aa-sync apply (pid ${pid} on host ${hostname()}, run ${CHILD_RUN_ID}) ` +
          `has held the state directory ${stateDir()} since ${CHILD_ACQUIRED_AT}. Wait ` +
          `for it to finish, or check that process (ps -p ${pid}) if it seems stuck`,
      ]);
    });
    expect(await stopLockChild(child)).toBe(0);
    withCheckpoint((c) => {
      const lock = acquireRunLock(c, request);
      expect(lock.tookOverFrom).toBeNull();
      lock.release();
    });
  });

  it(`goes to exactly one of two processes racing for it (${RACE_ROUNDS} rounds)`, async () => {
    withCheckpoint(() => undefined);
    for (let round = 0; round < RACE_ROUNDS; round += 1) {
      const children = [startLockChild(stateDir()), startLockChild(stateDir())];
      const reports = await Promise.all(children.map((child) => child.report));
      const winners = reports.filter((report) => report.acquired);
      const losers = reports.filter((report) => !report.acquired);
      expect([winners.length, losers.map((report) => report.exitCode)]).toEqual([
        1,
        [EXIT.locked],
      ]);
      expect(losers[0]?.message).toContain(`(pid ${winners[0]?.pid} on host`);
      expect(await Promise.all(children.map(stopLockChild))).toEqual([0, 0]);
    }
  });
});
