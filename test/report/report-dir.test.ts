/**
 * The report directory: only a run id names a directory under the report
 * root, a run's directory that is a link or a file is refused without touching
 * what it points to, and what is written is owner-only even over an older
 * directory of the same run that was not.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitError } from '../../src/cli/errors.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import {
  prepareReportRoot,
  reportDirOf,
  writeReportFiles,
} from '../../src/report/report-dir.js';
import type { ReportFileKind } from '../../src/report/report-types.js';

const RUN_ID = '20261204-213000-0a1b';
const CONTENTS: Record<ReportFileKind, string> = {
  html: '<!doctype html><title>r</title>\n',
  results: 'results\n',
  rejected: 'rejected\n',
  failed: 'failed\n',
  summary: '{}\n',
};
const FILE_NAMES = [
  'failed.csv',
  'rejected.csv',
  'report.html',
  'results.csv',
  'summary.json',
];
/** Ids that are not of the form `YYYYMMDD-HHMMSS-xxxx`, some of them leading out. */
const BAD_IDS = [
  '..',
  '.',
  '',
  `../${RUN_ID}`,
  `${RUN_ID}/..`,
  `${RUN_ID}/x`,
  `/tmp/${RUN_ID}`,
  `${RUN_ID}\n`,
  '20261204-213000-0A1B',
  '2026124-213000-0a1b',
  '20261204_213000_0a1b',
  'latest',
];

let dir = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-sync-report-dir-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const modeOf = (path: string): number => statSync(path).mode & 0o777;

/** `[name, mode]` of each file in `dir`, by name. */
const modesIn = (dir: string): [string, number][] =>
  readdirSync(dir)
    .sort()
    .map((name) => [name, modeOf(join(dir, name))]);

/** Runs `work` and returns the ExitError it threw. */
async function exitErrorOf(work: () => unknown): Promise<ExitError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error('expected an ExitError, nothing was thrown');
}

const notARunId = (id: string): string =>
  `${JSON.stringify(id)} is not a run id (they look like 20261204-213000-0a1b); ` +
  'see `aa-sync runs`';

describe('reportDirOf', () => {
  it('names <root>/<run id> as an absolute path', () => {
    expect(reportDirOf(join(dir, 'reports'), RUN_ID)).toBe(join(dir, 'reports', RUN_ID));
  });

  it.each(BAD_IDS)('refuses %j as a usage error (64)', async (id) => {
    const error = await exitErrorOf(() => reportDirOf(join(dir, 'reports'), id));
    expect([error.exitCode, error.message]).toEqual([EXIT.usage, notARunId(id)]);
  });
});

describe('writeReportFiles', () => {
  it('writes the five files, 0600, into a directory 0700', async () => {
    const root = join(dir, 'reports');
    const paths = await writeReportFiles(root, RUN_ID, CONTENTS);

    const runDir = join(root, RUN_ID);
    expect(paths).toEqual({
      dir: runDir,
      html: join(runDir, 'report.html'),
      results: join(runDir, 'results.csv'),
      rejected: join(runDir, 'rejected.csv'),
      failed: join(runDir, 'failed.csv'),
      summary: join(runDir, 'summary.json'),
    });
    expect(readdirSync(runDir).sort()).toEqual(FILE_NAMES);
    expect(readFileSync(paths.html, 'utf8')).toBe(CONTENTS.html);
    expect(readFileSync(paths.summary, 'utf8')).toBe(CONTENTS.summary);
    expect([modeOf(root), modeOf(runDir)]).toEqual([0o700, 0o700]);
    expect(modesIn(runDir)).toEqual(FILE_NAMES.map((name) => [name, 0o600]));
  });

  it('makes an older directory of the same run 0700 and its files 0600', async () => {
    const runDir = join(dir, 'reports', RUN_ID);
    mkdirSync(runDir, { recursive: true });
    chmodSync(runDir, 0o755);
    for (const name of FILE_NAMES) {
      writeFileSync(join(runDir, name), 'older report\n', { mode: 0o644 });
    }

    await writeReportFiles(join(dir, 'reports'), RUN_ID, CONTENTS);

    expect(modeOf(runDir)).toBe(0o700);
    expect(modesIn(runDir)).toEqual(FILE_NAMES.map((name) => [name, 0o600]));
    expect(readFileSync(join(runDir, 'results.csv'), 'utf8')).toBe(CONTENTS.results);
    expect(readdirSync(runDir).sort()).toEqual(FILE_NAMES);
  });

  it.each(BAD_IDS)('creates nothing for the id %j', async (id) => {
    const root = join(dir, 'reports');
    const error = await exitErrorOf(() => writeReportFiles(root, id, CONTENTS));

    expect(error.exitCode).toBe(EXIT.usage);
    expect(existsSync(root)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a run directory that is a link to a directory elsewhere (9), leaving its target alone', async () => {
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o755 });
    chmodSync(elsewhere, 0o755);
    writeFileSync(join(elsewhere, 'report.html'), 'not ours\n', { mode: 0o644 });
    const root = join(dir, 'reports');
    mkdirSync(root);
    symlinkSync(elsewhere, join(root, RUN_ID));

    const error = await exitErrorOf(() => writeReportFiles(root, RUN_ID, CONTENTS));

    expect([error.exitCode, error.message]).toEqual([
      EXIT.io,
      `${join(root, RUN_ID)} exists and is not a directory aa-sync made (a link or a file); ` +
        'move it away or choose another --report-dir',
    ]);
    expect(readdirSync(elsewhere)).toEqual(['report.html']);
    expect(readFileSync(join(elsewhere, 'report.html'), 'utf8')).toBe('not ours\n');
    expect([modeOf(elsewhere), modeOf(join(elsewhere, 'report.html'))]).toEqual([
      0o755, 0o644,
    ]);
  });

  it('refuses a run directory that is a file (9), leaving the file alone', async () => {
    const root = join(dir, 'reports');
    mkdirSync(root);
    writeFileSync(join(root, RUN_ID), 'a file\n');

    const error = await exitErrorOf(() => writeReportFiles(root, RUN_ID, CONTENTS));

    expect(error.exitCode).toBe(EXIT.io);
    expect(error.message).toContain(
      `${join(root, RUN_ID)} exists and is not a directory`,
    );
    expect(readFileSync(join(root, RUN_ID), 'utf8')).toBe('a file\n');
    expect(readdirSync(root)).toEqual([RUN_ID]);
  });
});

describe('prepareReportRoot', () => {
  it('creates a missing root, parents included, owner-only', () => {
    const root = join(dir, 'a', 'b', 'reports');
    prepareReportRoot(root);
    expect(modeOf(root)).toBe(0o700);
  });

  it('accepts a root that is a link to a directory', () => {
    mkdirSync(join(dir, 'disk'));
    symlinkSync(join(dir, 'disk'), join(dir, 'reports'));
    expect(() => prepareReportRoot(join(dir, 'reports'))).not.toThrow();
  });

  it.each([
    ['a regular file', 'file', 'it'],
    ['below a regular file', 'file/reports', 'file'],
    ['further below a regular file', 'file/a/reports', 'file'],
  ])(
    'refuses a root that is %s with an I/O error (9), naming the file',
    async (_what, relative, named) => {
      writeFileSync(join(dir, 'file'), 'data\n');
      const root = join(dir, relative);

      const error = await exitErrorOf(() => prepareReportRoot(root));

      const file = named === 'it' ? 'it' : join(dir, named);
      expect([error.exitCode, error.message]).toEqual([
        EXIT.io,
        `cannot write reports in ${root}: ${file} is a file, not a directory; choose ` +
          'another --report-dir',
      ]);
      expect(readdirSync(dir)).toEqual(['file']);
      expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('data\n');
    },
  );

  it('refuses a root that is a device without calling it a file', async () => {
    const error = await exitErrorOf(() => prepareReportRoot('/dev/null'));

    expect([error.exitCode, error.message]).toEqual([
      EXIT.io,
      'cannot write reports in /dev/null: it is not a directory; choose another ' +
        '--report-dir',
    ]);
  });
});
