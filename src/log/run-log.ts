/**
 * The log file of one run or plan: `<state dir>/logs/<run id>.log`, one JSON
 * object per line, owner-only, whatever `--log-level` and `--log-format` say
 * for the terminal. Lines logged before the run has an id (reading the export,
 * the live read) are held and written first, so the file tells the whole
 * command. A resumed run appends to the file of the run it continues.
 *
 * Exports: `RUN_LOG_DIR`, `runLogPath`, `RunLogFile`, `addRunLog`, `openRunLog`,
 * `closeRunLog`, `keepFailureLog`.
 */
import {
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import winston from 'winston';
import { STATE_DIR_MODE } from '../checkpoint/state-dir.js';
import { maskKnownSecrets } from '../secrets/known-secrets.js';
import { PRIVATE_FILE_MODE } from '../util/write-private-file.js';

/** The folder of the log files, inside the state directory. */
export const RUN_LOG_DIR = 'logs';

/**
 * Append only, created owner-only, and never through a link: someone who can
 * plant a link in the state directory must not redirect the log elsewhere.
 */
const OPEN_FLAGS =
  constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_NOFOLLOW;

/** Where the log of `runId` lives. */
export function runLogPath(stateDir: string, runId: string): string {
  return join(stateDir, RUN_LOG_DIR, `${runId}.log`);
}

/**
 * The stream behind the log file's transport: it holds lines until
 * {@link RunLogFile.open} names the file, then appends each line with one
 * synchronous write, so a `kill -9` loses no line logged before it.
 */
export class RunLogFile extends Writable {
  #held: string[] = [];
  #fd: number | null = null;
  #closed = false;
  /** The file's path once open. */
  path: string | null = null;

  /**
   * Starts writing to the log of `runId` under `stateDir` (which must already
   * be the checked state directory). Returns the path, or throws the file
   * system's error, which the caller reports as a warning: a run is not
   * stopped for want of its log file.
   */
  open(stateDir: string, runId: string): string {
    if (this.path !== null) return this.path;
    mkdirSync(join(stateDir, RUN_LOG_DIR), { mode: STATE_DIR_MODE, recursive: true });
    const path = runLogPath(stateDir, runId);
    this.#fd = openSync(path, OPEN_FLAGS, PRIVATE_FILE_MODE);
    this.path = path;
    const held = this.#held;
    this.#held = [];
    for (const line of held) this.#append(line);
    return path;
  }

  override _write(
    chunk: Buffer | string,
    _encoding: BufferEncoding,
    done: (error?: Error | null) => void,
  ): void {
    const line = chunk.toString();
    if (this.#closed) {
      // Dropped: the file was closed, or could not be written.
    } else if (this.#fd === null) this.#held.push(line);
    else this.#append(line);
    done();
  }

  /** Closes the file; later lines are dropped. */
  shut(): void {
    this.#closed = true;
    this.#held = [];
    if (this.#fd === null) return;
    closeSync(this.#fd);
    this.#fd = null;
  }

  #append(line: string): void {
    if (this.#fd === null) return;
    try {
      writeSync(this.#fd, line);
    } catch {
      // A full disk must not end a run that is spending real money halfway:
      // the checkpoint, not the log, is what resume relies on.
      this.shut();
    }
  }
}

/** The log file of each logger that has one. */
const FILES = new WeakMap<winston.Logger, RunLogFile>();

/** Gives `logger` a log file: every line, as JSON, held until `openRunLog`. */
export function addRunLog(logger: winston.Logger): void {
  const file = new RunLogFile();
  logger.add(
    new winston.transports.Stream({
      level: 'debug',
      format: winston.format.json(),
      stream: file,
    }),
  );
  FILES.set(logger, file);
}

/** Closes the log file of `logger`, if it has one. */
export function closeRunLog(logger: winston.Logger): void {
  FILES.get(logger)?.shut();
}

/**
 * Starts the log file of `runId` for `logger`, when the logger has one (see
 * `loggerFor`). A file that cannot be opened costs a warning, not the run.
 */
export function openRunLog(
  logger: winston.Logger,
  stateDir: string,
  runId: string,
): void {
  const file = FILES.get(logger);
  if (file === undefined) return;
  try {
    const path = file.open(stateDir, runId);
    logger.debug(`log file ${path}`, { run: runId });
  } catch (error) {
    file.shut();
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    logger.warn(
      `cannot write the log file of run ${runId} (${reason}); going on without it`,
    );
  }
}

/**
 * A command that fails before its run has an id (bad input, a refused key, an
 * unreachable API) still leaves a log file, under `id`, in a state directory
 * that already exists: what it read, then the message it ends with and its
 * exit code. The message is masked like every other line; nothing is done
 * when the run's log file is already open.
 */
export function keepFailureLog(
  logger: winston.Logger,
  stateDir: string,
  id: string,
  failure: { message: string; exitCode: number },
): void {
  const file = FILES.get(logger);
  if (file === undefined || file.path !== null || !existsSync(stateDir)) return;
  openRunLog(logger, stateDir, id);
  if (file.path === null) return;
  const line = {
    level: 'error',
    message: maskKnownSecrets(failure.message),
    exitCode: failure.exitCode,
    timestamp: new Date().toISOString(),
  };
  file.write(`${JSON.stringify(line)}\n`);
}
