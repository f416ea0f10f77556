import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';

/**
 * A failure already explained to the user: its message says what failed and
 * what to do next, and it carries the exit code to end the process with.
 */
export class ExitError extends Error {
  readonly exitCode: ExitCode;

  constructor(exitCode: ExitCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExitError';
    this.exitCode = exitCode;
  }
}

/** Builds the message for a failure nobody explained: that is a bug. */
export function describeBug(error: unknown): string {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return [
    'aa-sync hit an internal error (a bug, not a problem with your input).',
    'Please report it with the text below and the command you ran.',
    detail,
  ].join('\n');
}

export function isExitError(error: unknown): error is ExitError {
  return error instanceof ExitError;
}

export const usageError = (message: string): ExitError =>
  new ExitError(EXIT.usage, message);

/** What a failure ends the command with: its message and exit code, as printed. */
export function failureOf(error: unknown): { message: string; exitCode: number } {
  if (isExitError(error)) return { message: error.message, exitCode: error.exitCode };
  return { message: describeBug(error), exitCode: EXIT.internal };
}
