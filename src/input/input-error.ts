import { ExitError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';

/** Where in an input file a fatal problem was found, for scripts and reports. */
export interface InputErrorPlace {
  /** The path as given on the command line. */
  file: string;
  /** 1-based physical line. */
  line?: number;
  /** 1-based character position in the line. */
  column?: number;
  /** 0-based byte offset in the file (encoding errors). */
  byteOffset?: number;
  /** The offending text, when there is one. */
  value?: string;
}

/** What an InputError says: the place, what is wrong and what to do. */
export interface InputErrorDetails extends InputErrorPlace {
  /** What is wrong, as a sentence without the final full stop. */
  problem: string;
  /** What to do about it, as a sentence without the final full stop. */
  action: string;
}

/**
 * An input file that cannot be read as a whole (exit code 3). The message reads
 * `<file>:<line>[:<column>]: <what is wrong>. <what to do>.` so that editors and
 * terminals can jump to the place.
 */
export class InputError extends ExitError {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly byteOffset: number | undefined;
  readonly value: string | undefined;

  constructor(details: InputErrorDetails, options?: { cause?: unknown }) {
    super(EXIT.invalidInput, formatInputError(details), options);
    this.name = 'InputError';
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.byteOffset = details.byteOffset;
    this.value = details.value;
  }
}

/** Builds the `<file>:<line>[:<column>]: <problem>. <action>.` message. */
export function formatInputError(details: InputErrorDetails): string {
  let place = details.file;
  if (details.line !== undefined) place += `:${details.line}`;
  if (details.line !== undefined && details.column !== undefined) {
    place += `:${details.column}`;
  }
  return `${place}: ${details.problem}. ${details.action}.`;
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}

/**
 * Turns a failure to open or read `file` into an explained I/O error; `what`
 * names the file's role in the message.
 */
export function asIoError(
  file: string,
  error: unknown,
  what = 'the input file',
): unknown {
  if (error instanceof ExitError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(error instanceof Error)) return error;
  const reason = error.message.split(', ')[0] ?? code;
  return new ExitError(
    EXIT.io,
    `${file}: cannot read ${what} (${reason}). Check the path and its permissions.`,
    { cause: error },
  );
}
