import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { addRunLog, closeRunLog, openRunLog, runLogPath } from '../../src/log/run-log.js';
import { REDACTED } from '../../src/secrets/redactor.js';

const CANARY = 'sk_live_run_log_canary_7Qw2';
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aa-sync-run-log-'));
  dirs.push(dir);
  return dir;
}

function logger(): { log: ReturnType<typeof createLogger>; terminal: () => string[] } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const log = createLogger({ format: 'json', level: 'warn', secrets: [CANARY], stream });
  addRunLog(log);
  const terminal = (): string[] =>
    chunks
      .join('')
      .trimEnd()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => (JSON.parse(line) as { message: string }).message);
  return { log, terminal };
}

/** Lets winston's streams hand their lines on. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function messages(path: string): string[] {
  return readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { level: string; message: string })
    .map((line) => `${line.level} ${line.message}`);
}

describe('the run log file', () => {
  it('writes the lines held before the run had an id first, then the later ones, without the key', async () => {
    const dir = stateDir();
    const { log } = logger();
    log.debug('before the id');
    log.info(`key ${CANARY}`);
    await settle();
    openRunLog(log, dir, '20261205-010203-abcd');
    log.warn('after the id');
    await settle();
    closeRunLog(log);
    log.error('after closing');
    await settle();
    expect(messages(runLogPath(dir, '20261205-010203-abcd'))).toEqual([
      'debug before the id',
      `info key ${REDACTED}`,
      'debug log file ' + runLogPath(dir, '20261205-010203-abcd'),
      'warn after the id',
    ]);
  });

  it('appends to the file of a run that already has one (a resumed run)', async () => {
    const dir = stateDir();
    for (const text of ['first session', 'second session']) {
      const { log } = logger();
      openRunLog(log, dir, '20261205-010203-abcd');
      log.info(text);
      await settle();
      closeRunLog(log);
    }
    const path = runLogPath(dir, '20261205-010203-abcd');
    expect(messages(path).filter((line) => line.startsWith('info'))).toEqual([
      'info first session',
      'info second session',
    ]);
  });

  it('never writes through a link at its path: a warning, and the run goes on', async () => {
    const dir = stateDir();
    mkdirSync(join(dir, 'logs'), { mode: 0o700 });
    const elsewhere = join(dir, 'elsewhere.txt');
    writeFileSync(elsewhere, 'untouched\n');
    symlinkSync(elsewhere, runLogPath(dir, '20261205-010203-abcd'));
    const { log, terminal } = logger();
    openRunLog(log, dir, '20261205-010203-abcd');
    log.info('still running');
    await settle();
    expect(terminal()).toEqual([
      'cannot write the log file of run 20261205-010203-abcd (ELOOP); going on without it',
    ]);
    expect(readFileSync(elsewhere, 'utf8')).toBe('untouched\n');
  });
});
