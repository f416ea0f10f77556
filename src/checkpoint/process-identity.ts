/**
 * Tells whether a process recorded as a lock holder is still running. A pid
 * alone is not enough: after a crash the kernel may give the same pid to an
 * unrelated process, so on Linux the process's start time is compared too.
 * Exports: `processStartOf`, `isHolderAlive`.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { LockHolder } from './run-types.js';

/** Field 22 of /proc/<pid>/stat: the start time, in clock ticks after boot. */
const START_TIME_FIELD = 22;
/** The fields after the command name start with field 3 (the state). */
const FIRST_FIELD_AFTER_NAME = 3;

/**
 * The process's start time as the kernel reports it (Linux), or null where it
 * cannot be read: on another system, or when the process is gone.
 */
export function processStartOf(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name, in parentheses, may itself hold spaces and ")": the
  // numbered fields start after the last ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[START_TIME_FIELD - FIRST_FIELD_AFTER_NAME] ?? null;
}

/**
 * Whether the holder may still be running. A holder on another host cannot be
 * checked from here and counts as alive. On this host, the pid must exist and,
 * where a start time was recorded, the process with that pid must have started
 * at that time (otherwise the pid was reused after the holder died).
 */
export function isHolderAlive(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true;
  if (!pidExists(holder.pid)) return false;
  if (holder.processStart === null || process.platform !== 'linux') return true;
  const start = processStartOf(holder.pid);
  // Unreadable but existing (e.g. /proc mounted with hidepid): stay on the safe side.
  if (start === null) return pidExists(holder.pid);
  return start === holder.processStart;
}

function pidExists(pid: number): boolean {
  try {
    // Signal 0 sends nothing; it only checks that the pid exists.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
