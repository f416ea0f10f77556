/**
 * Folders aa-sync cannot write: --state-dir and --report-dir under a regular
 * file, on a read-only tmpfs, owned by root for a command run as `nobody`;
 * and a report directory that runs out of space mid-write (a small tmpfs,
 * nearly full). Each must end with exit 9 and a message naming the folder,
 * without a stack, and without losing what the checkpoint already holds.
 * Exports: `FolderCase`, `tryUnwritable`, `tryFullDisk`, `FullDiskFindings`,
 * `mountTmpfs`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_ENTRY } from '../lib/crash-process.js';
import { runLoose, viewFailure } from './files-cli.js';
import type { FailureView, LooseOptions } from './files-cli.js';

/** The user the "another user" case runs as (Debian's `nobody`). */
const NOBODY = 65534;

export interface FolderCase {
  label: string;
  view: FailureView;
}

/**
 * Whether the user nobody can start the built aa-sync at all: not when the
 * project lies in a folder only root may enter (a clone in a 0700 temp
 * folder, as a CI checkout may be). The other-user case is left out then.
 */
export function nobodyCanRun(): boolean {
  const probe = spawnSync(process.execPath, [DIST_ENTRY, '--version'], {
    cwd: '/',
    uid: NOBODY,
    gid: NOBODY,
    stdio: 'ignore',
  });
  return probe.status === 0;
}

/** Mounts a tmpfs of `kilobytes` at `dir` (root only); false when refused. */
export function mountTmpfs(dir: string, kilobytes: number, readOnly: boolean): boolean {
  mkdirSync(dir, { recursive: true });
  const flags = `size=${kilobytes}k,mode=0700${readOnly ? ',ro' : ''}`;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', flags, 'tmpfs', dir], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

export function unmount(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'ignore' });
}

/**
 * `apply` (and `runs`) pointed at folders it cannot write; `goodStateDir`
 * holds runs already, and must hold the same runs afterwards.
 */
export async function tryUnwritable(
  options: LooseOptions,
  apply: (extra: string[]) => string[],
  goodStateDir: string,
  readOnlyMount: string | undefined,
): Promise<FolderCase[]> {
  const file = join(options.cwd, 'a-regular-file');
  writeFileSync(file, 'not a folder\n');
  const cases: [string, string[], string, LooseOptions][] = [
    [
      '--state-dir under a regular file',
      apply(['--state-dir', join(file, 'state')]),
      join(file, 'state'),
      options,
    ],
    [
      '--report-dir under a regular file',
      apply(['--state-dir', goodStateDir, '--report-dir', join(file, 'reports')]),
      join(file, 'reports'),
      options,
    ],
  ];
  if (nobodyCanRun()) {
    cases.push([
      '--state-dir owned by root, run as nobody',
      ['runs', '--state-dir', goodStateDir],
      goodStateDir,
      { ...options, cwd: '/', uid: NOBODY },
    ]);
  }
  if (readOnlyMount !== undefined) {
    cases.push([
      '--state-dir on a read-only tmpfs',
      apply(['--state-dir', join(readOnlyMount, 'state')]),
      join(readOnlyMount, 'state'),
      options,
    ]);
    cases.push([
      '--report-dir on a read-only tmpfs',
      apply([
        '--state-dir',
        goodStateDir,
        '--report-dir',
        join(readOnlyMount, 'reports'),
      ]),
      join(readOnlyMount, 'reports'),
      options,
    ]);
  }
  const found: FolderCase[] = [];
  for (const [label, args, path, place] of cases) {
    found.push({ label, view: viewFailure(await runLoose(args, place), path) });
  }
  return found;
}

export interface FullDiskFindings {
  view: FailureView;
  runId: string;
  /** Status of the run in the checkpoint after the failed report write. */
  recordedStatus: string;
  /** Entries left in the full report folder (staging leftovers). */
  leftovers: string[];
  /** Exit code of `aa-sync report RUN` into a folder with room. */
  reportAgainExit: number | null;
  reportAgainFiles: number;
}

/**
 * An apply whose report no longer fits in `fullDir` (a tmpfs filled with
 * `filler` bytes first): the run is recorded, the report fails with exit 9,
 * and `aa-sync report RUN` later writes it elsewhere.
 */
export async function tryFullDisk(
  options: LooseOptions,
  apply: (extra: string[]) => string[],
  stateDir: string,
  fullDir: string,
  fillerBytes: number,
): Promise<FullDiskFindings> {
  try {
    writeFileSync(join(fullDir, 'filler'), Buffer.alloc(fillerBytes, 0x20));
  } catch {
    // The filler itself may run out of space: the folder is then full, as wanted.
  }
  const exit = await runLoose(
    apply(['--state-dir', stateDir, '--report-dir', fullDir]),
    options,
  );
  const runs = await runLoose(['runs', '--json', '--state-dir', stateDir], options);
  const latest = (JSON.parse(runs.stdout) as { runs: { id: string; status: string }[] })
    .runs[0];
  const runId = latest?.id ?? 'none';
  const roomy = join(options.cwd, 'reports-with-room');
  const again = await runLoose(
    ['report', runId, '--state-dir', stateDir, '--report-dir', roomy],
    options,
  );
  return {
    view: viewFailure(exit, fullDir),
    runId,
    recordedStatus: latest?.status ?? 'none',
    leftovers: readdirSync(fullDir).filter((name) => name !== 'filler'),
    reportAgainExit: again.code,
    reportAgainFiles: again.code === 0 ? readdirSync(join(roomy, runId)).length : 0,
  };
}
