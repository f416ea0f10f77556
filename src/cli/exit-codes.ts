/**
 * Exit codes of every aa-sync command, in one table so that cron jobs and
 * monitoring can rely on them. A code is never reused for another meaning.
 *
 * Usage errors take 64 (sysexits' EX_USAGE) rather than the customary 2,
 * because `plan --detailed-exitcode` gives 2 the meaning "changes pending", as
 * terraform does; a mistyped flag must never read as "there is work to do".
 */
export const EXIT = {
  /** Everything asked for was done (or, for `plan`, nothing needs doing). */
  ok: 0,
  /** A bug in aa-sync: the message says so and asks for a report. */
  internal: 1,
  /** `plan --detailed-exitcode` only: the plan holds changes. */
  changes: 2,
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
  /** A safety guard (deletes over a limit, a shrunken input) stopped the run before any write. */
  guard: 10,
  /** The Partner API could not be reached or kept failing; nothing was changed. */
  unavailable: 11,
  /** Bad flags, a bad option value or a bad config file. */
  usage: 64,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
