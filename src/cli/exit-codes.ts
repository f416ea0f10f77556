/**
 * Exit codes of every aa-sync command, in one table so that cron jobs and
 * monitoring can rely on them. A code is never reused for another meaning.
 */
export const EXIT = {
  /** Everything asked for was done. */
  ok: 0,
  /** A bug in aa-sync: the message says so and asks for a report. */
  internal: 1,
  /** Bad flags, a bad option value or a bad config file. */
  usage: 2,
  /** The input could not be read, or held more invalid rows than allowed. */
  invalidInput: 3,
  /** The Partner API refused the key (401) or the permission (403). */
  auth: 4,
  /** The run finished, but some operations failed (see the report). */
  partial: 5,
  /** Stopped by a signal or a circuit breaker; `aa-sync resume` continues. */
  interrupted: 6,
  /** A saved plan no longer matches the live state; plan again. */
  stalePlan: 7,
  /** Another run holds the state directory. */
  locked: 8,
  /** A file or port could not be opened, read or written. */
  io: 9,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
