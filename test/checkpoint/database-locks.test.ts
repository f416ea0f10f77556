/**
 * SQLite's locks are POSIX locks, and a process loses all of its locks on a
 * file as soon as it closes any descriptor of that file. apply opens the
 * checkpoint a second time while its run's connection is open (planning reads
 * the memory through its own connection): that second open must leave the
 * first connection's locks in place. Without them another process takes the
 * checkpoint for unused and rebuilds its -shm under the running connection:
 * the concurrency torture part saw a second apply, started mid-run, crash the
 * first with SIGBUS and take its lock. Reads /proc/locks, so Linux only.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { open, tempDir } from './support.js';

/** The POSIX locks this process holds on `file`, from /proc/locks. */
function locksOf(file: string): number {
  const device = statSync(file);
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(
      (fields) =>
        fields[1] === 'POSIX' &&
        fields[4] === String(process.pid) &&
        fields[5]?.endsWith(`:${device.ino}`) === true,
    ).length;
}

describe.runIf(process.platform === 'linux')(
  'opening a checkpoint this process already has open',
  () => {
    it("keeps the first connection's locks on the checkpoint and its -shm", () => {
      const stateDir = join(tempDir(), 'state');
      const first = open(stateDir);
      first.read(() => first.db.prepare('SELECT count(*) FROM runs').get());
      const held = () => ({
        checkpoint: locksOf(first.path),
        shm: locksOf(`${first.path}-shm`),
      });
      expect(held()).toEqual({ checkpoint: 1, shm: 1 });

      open(stateDir).close();

      expect(held()).toEqual({ checkpoint: 1, shm: 1 });
      first.close();
    });
  },
);
