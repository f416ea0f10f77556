/**
 * Torture part `files`: every file and folder aa-sync writes is owner-only
 * even under umask 000; folders it cannot write, a report that runs out of
 * disk and damaged checkpoints each end with exit 9, a message naming the
 * path and what to do, no stack, and nothing already recorded lost.
 * Exports: `filesPart`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { requireBuild } from '../lib/crash-process.js';
import { check } from './part.js';
import type { TortureCheck, TortureOptions, TorturePart, TortureResult } from './part.js';
import { startCanaryEmulator } from './secrets-emulator.js';
import { writeCanaryExport } from './secrets-export.js';
import { checkModes } from './files-modes.js';
import { mountTmpfs, tryFullDisk, tryUnwritable, unmount } from './files-broken.js';
import type { FolderCase, FullDiskFindings } from './files-broken.js';
import { CORRUPTIONS, tryCorruptions } from './files-corrupt.js';
import type { CorruptionCase } from './files-corrupt.js';
import type { FailureView } from './files-cli.js';

const KEY = 'sk_test_files_torture';
const UNREAD_PAGE = 'a data page overwritten';
const EXIT_IO = 9;
const SETTINGS = {
  quick: { customers: 4, fullCustomers: 40, fullDiskKb: 64 },
  full: { customers: 30, fullCustomers: 300, fullDiskKb: 256 },
};

export const filesPart: TorturePart = {
  id: 'files',
  async run(options: TortureOptions): Promise<TortureResult> {
    const startedMs = Date.now();
    requireBuild();
    const settings = options.quick ? SETTINGS.quick : SETTINGS.full;
    const cwd = join(options.workDir, 'files');
    mkdirSync(join(cwd, 'emulator'), { recursive: true });
    const emulator = await startCanaryEmulator({
      cwd: join(cwd, 'emulator'),
      keys: [`files:${KEY}`],
      stateFile: join(cwd, 'emulator', 'emulator.sqlite'),
    });
    const place = { cwd, env: { PATH: process.env.PATH, ANSWERING_AGENT_API_KEY: KEY } };
    const api = ['--base-url', emulator.baseUrl];
    const apply = (file: string) => (extra: string[]) => [
      'apply',
      file,
      '--max-invalid',
      '5',
      '--yes',
      ...api,
      ...extra,
    ];
    const mounts: string[] = [];
    try {
      options.log('modes under umask 000');
      const modes = await checkModes(emulator, place, settings.customers);
      const good = join(cwd, '.aa-sync');
      options.log('folders that cannot be written');
      const readOnly = join(options.workDir, 'read-only-tmpfs');
      const mounted = mountTmpfs(readOnly, 64, true);
      if (mounted) mounts.push(readOnly);
      const unwritable = await tryUnwritable(
        place,
        apply('customers.csv'),
        good,
        mounted ? readOnly : undefined,
      );
      options.log('a full disk while writing the report');
      const fullDir = join(options.workDir, 'full-tmpfs');
      let full: FullDiskFindings | undefined;
      if (mountTmpfs(fullDir, settings.fullDiskKb, false)) {
        mounts.push(fullDir);
        // Good customers only: the run completes, so the report's failure decides the exit code.
        writeCanaryExport(join(cwd, 'many.csv'), 'many', settings.fullCustomers, true);
        full = await tryFullDisk(
          place,
          apply('many.csv'),
          join(cwd, 'state-full'),
          fullDir,
          (settings.fullDiskKb - 24) * 1024,
        );
      }
      options.log('damaged checkpoints');
      const corrupt = await tryCorruptions(
        good,
        cwd,
        {
          runs: (stateDir) => ['runs', '--state-dir', stateDir],
          report: (stateDir) => [
            'report',
            '--state-dir',
            stateDir,
            '--report-dir',
            join(cwd, 'reports-damaged'),
          ],
          apply: (stateDir) => apply('customers.csv')(['--state-dir', stateDir]),
        },
        place,
      );
      return result(startedMs, { modes, unwritable, full, corrupt, mounted });
    } finally {
      for (const dir of mounts) unmount(dir);
      await emulator.stop();
    }
  },
};

interface Findings {
  modes: Awaited<ReturnType<typeof checkModes>>;
  unwritable: FolderCase[];
  full: FullDiskFindings | undefined;
  corrupt: CorruptionCase[];
  mounted: boolean;
}

/** A failure as it must be: exit 9, the path named, no stack. */
function badFailure(label: string, view: FailureView, needsPath = true): string[] {
  const wrong: string[] = [];
  if (view.code !== EXIT_IO)
    wrong.push(`${label}: exit ${view.code} (${JSON.stringify(view.message)})`);
  if (needsPath && !view.namesPath)
    wrong.push(`${label}: path not named in ${JSON.stringify(view.message)}`);
  if (view.stackTrace) wrong.push(`${label}: stack trace or internal error`);
  return wrong;
}

function result(startedMs: number, findings: Findings): TortureResult {
  const { modes, unwritable, full, corrupt } = findings;
  const folderWrong = unwritable.flatMap((item) => badFailure(item.label, item.view));
  // A reading command never sees damage in a page it does not read, and need not:
  // it writes nothing. A writing command reads every page first (see the notes).
  const readsOnly = (item: CorruptionCase): boolean =>
    item.corruption === UNREAD_PAGE && item.command !== 'apply';
  const judged = corrupt.filter((item) => !readsOnly(item));
  const unseen = corrupt.filter(readsOnly);
  const corruptWrong = judged.flatMap((item) => [
    ...badFailure(`${item.corruption}, ${item.command}`, item.view),
    ...(item.keptAsItWas
      ? []
      : [`${item.corruption}, ${item.command}: file changed or gone`]),
    ...(item.saysWhatToDo ? [] : [`${item.corruption}, ${item.command}: no next step`]),
  ]);
  const checks: TortureCheck[] = [
    check('mode violations', 'none', modes.tally.violations.join('; ') || 'none'),
    check(
      'commands of the mode campaign ending 0 or 5',
      'none',
      modes.exits.filter((code) => code !== 0 && code !== 5).join(', ') || 'none',
    ),
    check(
      'unwritable folders not failing as they must',
      'none',
      folderWrong.join('; ') || 'none',
    ),
    check(
      'damaged checkpoints not failing as they must',
      'none',
      corruptWrong.join('; ') || 'none',
    ),
  ];
  if (full !== undefined) {
    checks.push(
      check(
        'full disk while writing the report',
        'none',
        badFailure('full disk', full.view).join('; ') || 'none',
      ),
      check('the run is recorded after the full disk', 'completed', full.recordedStatus),
      check(
        'leftovers in the full report folder',
        'none',
        full.leftovers.join(', ') || 'none',
      ),
      check('`aa-sync report RUN` afterwards', 0, full.reportAgainExit ?? -1),
    );
  }
  return {
    part: 'files',
    title: 'Files: modes, unwritable folders, full disk, damaged checkpoints',
    setup:
      'The built CLI under umask 000 against the emulator (a child): plan --out, apply --plan, an ' +
      'apply killed in flight (the state folder looked at while it ran), resume, folders created ' +
      `with their parents; then ${unwritable.length} unwritable folders (under a regular file, ` +
      'a read-only tmpfs, root-owned for the user nobody), a report written into a nearly full ' +
      `tmpfs, and ${Object.keys(CORRUPTIONS).length} kinds of damaged checkpoint, each read by ` +
      'runs, report and apply.',
    figures: [
      { label: 'files and folders checked', value: modes.tally.checked },
      { label: 'mode violations', value: modes.tally.violations.length },
      {
        label: 'side files seen in flight',
        value: modes.sideFilesSeen.join(', ') || 'none',
      },
      { label: 'unwritable-folder cases', value: unwritable.length },
      {
        label: 'full-disk case',
        value:
          full === undefined
            ? 'not tried: mount refused'
            : `run ${full.recordedStatus}, report again: ${full.reportAgainFiles} files`,
      },
      { label: 'damaged-checkpoint cases', value: corrupt.length },
      {
        label: 'damaged files changed or lost',
        value: judged.filter((item) => !item.keptAsItWas).length,
      },
      {
        label:
          'reading commands (runs, report) that did not notice damage in a page they never read',
        value: unseen.filter((item) => item.view.code !== EXIT_IO).length,
      },
    ],
    checks,
    notes: [
      ...(findings.mounted
        ? []
        : ['mount was refused: the read-only and full tmpfs cases were not tried']),
      ...(findings.unwritable.some((item) => item.label.includes('run as nobody'))
        ? []
        : [
            'the user nobody cannot enter the project folder here, so the case of a state ' +
              'folder owned by another user was not tried',
          ]),
      'Damage in a page that runs and report never read is not noticed by them (they write ' +
        "nothing, so nothing more is lost); apply, resume and retry-failed run SQLite's " +
        'quick_check over the whole file before writing and refuse it (exit 9). The campaign ' +
        'found this missing: apply used to write into such a file.',
    ],
    wallMs: Date.now() - startedMs,
  };
}
