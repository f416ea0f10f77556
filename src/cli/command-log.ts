/**
 * The logger of a command that reads the API and keeps a log file in the
 * state directory (plan, apply, resume, retry-failed): notices about the
 * settings first, a failure log when the command ends before its run had an
 * id, and the file closed whatever happens.
 */
import type { Logger } from 'winston';
import { newRunId } from '../execute/start-run.js';
import { closeRunLog, keepFailureLog } from '../log/run-log.js';
import type { LogFlags, StateFlags } from './common-flags.js';
import { loggerFor } from './common-flags.js';
import { failureOf } from './errors.js';

/** Runs `work` with the command's logger, which masks `secrets` in every line. */
export async function withCommandLog<T>(
  flags: LogFlags & StateFlags,
  secrets: readonly string[],
  work: (logger: Logger) => Promise<T>,
): Promise<T> {
  const startedAt = new Date();
  const logger = loggerFor(flags, secrets, true);
  for (const notice of flags.settings.notices) logger.warn(notice);
  try {
    return await work(logger);
  } catch (error) {
    keepFailureLog(logger, flags.stateDir, newRunId(startedAt), failureOf(error));
    throw error;
  } finally {
    closeRunLog(logger);
  }
}
