/**
 * A report directory is replaced as a whole: a write stopped at any step
 * leaves the older report of the run complete (or, between the two renames,
 * none: never a mix), and the next write of the run removes what the stopped
 * one left, and nothing else.
 */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import type { Move } from '../../src/report/report-dir.js';
import {
  createStagingDir,
  swapInReport,
  writeReportFiles,
  writeStagedFile,
} from '../../src/report/report-dir.js';
import type { ReportFileKind } from '../../src/report/report-types.js';

const RUN_ID = '20261204-213000-0a1b';
const OTHER_RUN_ID = '20261204-213000-0a1c';
/** An older report of the run, as a resumed run finds it. */
const OLDER: Record<ReportFileKind, string> = {
  html: 'older html\n',
  results: 'older results\n',
  rejected: 'older rejected\n',
  failed: 'older failed\n',
  summary: 'older summary\n',
};
const NEWER: Record<ReportFileKind, string> = {
  html: 'newer html\n',
  results: 'newer results\n',
  rejected: 'newer rejected\n',
  failed: 'newer failed\n',
  summary: 'newer summary\n',
};
/** How long a leftover of a running process counts as its write in progress. */
const GRACE_MS = 10 * 60_000;

let dir = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-sync-report-replace-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const root = (): string => join(dir, 'reports');
const runDir = (): string => join(root(), RUN_ID);
const modeOf = (path: string): number => statSync(path).mode & 0o777;

/** Each file of `dir` with its content, by name. */
const filesIn = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );

/** What a report directory of `contents` holds, file by file. */
const filesOf = (contents: Record<ReportFileKind, string>): Record<string, string> => ({
  'failed.csv': contents.failed,
  'rejected.csv': contents.rejected,
  'report.html': contents.html,
  'results.csv': contents.results,
  'summary.json': contents.summary,
});

/** The id of a process that has ended (and been waited for). */
const endedPid = (): number => spawnSync(process.execPath, ['-e', '']).pid;

/** Writes the older report, then stages NEWER's files of `kinds` beside it. */
async function olderAndStaged(kinds: readonly ReportFileKind[]): Promise<string> {
  await writeReportFiles(root(), RUN_ID, OLDER);
  const staged = await createStagingDir(runDir());
  for (const kind of kinds) await writeStagedFile(staged, kind, NEWER[kind]);
  return staged;
}

const ALL_KINDS: readonly ReportFileKind[] = [
  'html',
  'results',
  'rejected',
  'failed',
  'summary',
];

describe('writeReportFiles over an older report of the run', () => {
  it('replaces it whole, strays of file-by-file writes included, leaving nothing beside it', async () => {
    await writeReportFiles(root(), RUN_ID, OLDER);
    writeFileSync(join(runDir(), '.results.csv.4242.0a1b2c3d.tmp'), 'half a file\n');

    await writeReportFiles(root(), RUN_ID, NEWER);

    expect(filesIn(runDir())).toEqual(filesOf(NEWER));
    expect(readdirSync(root())).toEqual([RUN_ID]);
    expect(modeOf(runDir())).toBe(0o700);
  });

  it('refuses it when it holds files aa-sync did not write (9), leaving all of it', async () => {
    await writeReportFiles(root(), RUN_ID, OLDER);
    writeFileSync(join(runDir(), 'notes.txt'), 'mine\n');
    mkdirSync(join(runDir(), 'charts'));
    // Named as a stray of a file-by-file write, but those were files.
    mkdirSync(join(runDir(), '.results.csv.4242.0a1b2c3d.tmp'));

    await expect(writeReportFiles(root(), RUN_ID, NEWER)).rejects.toMatchObject({
      exitCode: EXIT.io,
      message:
        `${runDir()} holds files aa-sync did not write ` +
        '(".results.csv.4242.0a1b2c3d.tmp", "charts", "notes.txt"); move them away ' +
        'or choose another --report-dir',
    });

    expect(readdirSync(runDir()).sort()).toEqual([
      '.results.csv.4242.0a1b2c3d.tmp',
      'charts',
      'failed.csv',
      'notes.txt',
      'rejected.csv',
      'report.html',
      'results.csv',
      'summary.json',
    ]);
    expect(readFileSync(join(runDir(), 'report.html'), 'utf8')).toBe(OLDER.html);
    expect(readdirSync(root())).toEqual([RUN_ID]);
  });
});

describe('a write stopped half-way', () => {
  it('after two files leaves the older report complete; the next write removes what it left', async () => {
    const staged = await olderAndStaged(['html', 'results']);

    expect(filesIn(runDir())).toEqual(filesOf(OLDER));
    expect(readdirSync(root()).sort()).toEqual([basename(staged), RUN_ID]);
    expect(readdirSync(staged).sort()).toEqual(['report.html', 'results.csv']);

    await writeReportFiles(root(), RUN_ID, NEWER);

    expect(filesIn(runDir())).toEqual(filesOf(NEWER));
    expect(readdirSync(root())).toEqual([RUN_ID]);
  });

  it('because the new report cannot be moved in puts the older one back', async () => {
    const staged = await olderAndStaged(ALL_KINDS);
    const failure = new Error('cannot move the new report in');
    const refuseNew: Move = (from, to) =>
      from === staged ? Promise.reject(failure) : rename(from, to);

    await expect(swapInReport(staged, runDir(), refuseNew)).rejects.toBe(failure);

    expect(filesIn(runDir())).toEqual(filesOf(OLDER));
    expect(readdirSync(root()).sort()).toEqual([basename(staged), RUN_ID]);
  });

  it('between the two renames leaves no report, not a mixed one; the next write removes both halves', async () => {
    const staged = await olderAndStaged(ALL_KINDS);
    let moves = 0;
    const killedAfterFirst: Move = (from, to) =>
      ++moves === 1 ? rename(from, to) : Promise.reject(new Error('killed'));

    await expect(swapInReport(staged, runDir(), killedAfterFirst)).rejects.toThrow(
      'killed',
    );

    const aside = staged.replace(/\.tmp$/, '.old');
    expect(readdirSync(root()).sort()).toEqual([basename(aside), basename(staged)]);
    expect(filesIn(aside)).toEqual(filesOf(OLDER));
    expect(filesIn(staged)).toEqual(filesOf(NEWER));

    await writeReportFiles(root(), RUN_ID, NEWER);

    expect(filesIn(runDir())).toEqual(filesOf(NEWER));
    expect(readdirSync(root())).toEqual([RUN_ID]);
  });
});

describe('the leftovers of interrupted writes', () => {
  it('are removed on the next write of any run, and nothing else is', async () => {
    mkdirSync(join(dir, 'elsewhere'));
    const ended = endedPid();
    const running = process.ppid;
    const stale = `.${RUN_ID}.${running}.1a1b2c3d.old`;
    const removed = [
      `.${RUN_ID}.${ended}.0a1b2c3d.tmp`,
      `.${RUN_ID}.${ended}.0a1b2c3d.old`,
      // A run that is never reported again must not keep its half report.
      `.${OTHER_RUN_ID}.${ended}.0a1b2c3d.tmp`,
      stale,
    ];
    const kept = [
      `.${RUN_ID}.${running}.0a1b2c3d.tmp`,
      `.${OTHER_RUN_ID}.${running}.0a1b2c3d.tmp`,
      `.not-a-run.${ended}.0a1b2c3d.tmp`,
      `.${RUN_ID}.${ended}.0a1b.tmp`,
      `.${RUN_ID}.0.0a1b2c3d.tmp`,
      `${RUN_ID}.${ended}.0a1b2c3d.tmp`,
      `.${RUN_ID}.${ended}.0a1b2c3d.tmp.bak`,
    ];
    for (const name of [...removed, ...kept]) {
      mkdirSync(join(root(), name), { recursive: true });
      writeFileSync(join(root(), name, 'report.html'), 'half a report\n');
    }
    // A running process's leftover this old is an earlier process's, of the same pid.
    const pastGrace = new Date(Date.now() - GRACE_MS - 60_000);
    utimesSync(join(root(), stale), pastGrace, pastGrace);
    const file = `.${RUN_ID}.${ended}.2a1b2c3d.tmp`;
    const link = `.${RUN_ID}.${ended}.3a1b2c3d.old`;
    writeFileSync(join(root(), file), 'not a directory\n');
    symlinkSync(join(dir, 'elsewhere'), join(root(), link));

    await writeReportFiles(root(), RUN_ID, NEWER);

    expect(readdirSync(root()).sort()).toEqual([...kept, file, link, RUN_ID].sort());
    for (const name of kept) {
      expect(filesIn(join(root(), name))).toEqual({ 'report.html': 'half a report\n' });
    }
    expect(readFileSync(join(root(), file), 'utf8')).toBe('not a directory\n');
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual([]);
  });
});

describe('the staging directory', () => {
  it('is owner-only, beside the run directory, named after the run and the process', async () => {
    mkdirSync(root());

    const staged = await createStagingDir(runDir());
    await writeStagedFile(staged, 'summary', NEWER.summary);

    expect(basename(staged)).toMatch(
      new RegExp(`^\\.${RUN_ID}\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`),
    );
    expect(readdirSync(root())).toEqual([basename(staged)]);
    expect([modeOf(staged), modeOf(join(staged, 'summary.json'))]).toEqual([
      0o700, 0o600,
    ]);
  });
});
