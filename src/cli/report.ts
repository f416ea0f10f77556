/**
 * `aa-sync report [RUN_ID]`: writes the reports of a run or a plan again from
 * the checkpoint alone (the export may have changed or gone since). Reads the
 * checkpoint only and takes no lock, so it works while a run is going on.
 */
import { lstatSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { openCheckpoint } from '../checkpoint/database.js';
import { listReportIds } from '../checkpoint/report-store.js';
import { produceReports } from '../report/produce-reports.js';
import type { ReportPaths } from '../report/report-dir.js';
import { prepareReportRoot, reportDirOf } from '../report/report-dir.js';
import type { StateFlags } from './common-flags.js';
import { withStateFlags } from './common-flags.js';
import { usageError } from './errors.js';
import type { ReportFlags } from './report-flags.js';
import { withReportFlags } from './report-flags.js';

type ReportCommandFlags = StateFlags & ReportFlags & { runId?: string };

function builder(argv: Argv): Argv<ReportCommandFlags> {
  return withReportFlags(withStateFlags(argv))
    .positional('run-id', {
      type: 'string',
      describe: 'The run or plan to report on (default: the latest)',
    })
    .example('$0 report', 'Rebuild the reports of the latest run or plan')
    .example(
      '$0 report 20261204-193012-4f2a --report-dir /srv/aa-sync/reports',
      'Rebuild one run’s reports somewhere else',
    );
}

async function handler(args: ArgumentsCamelCase<ReportCommandFlags>): Promise<void> {
  // A malformed id is refused before the checkpoint is opened or anything written.
  if (args.runId !== undefined) reportDirOf(args.reportDir, args.runId);
  refuseMissingStateDir(args.stateDir);
  prepareReportRoot(args.reportDir);
  const checkpoint = openCheckpoint(args.stateDir);
  try {
    const id = args.runId ?? latestId(checkpoint.path, listReportIds(checkpoint, 1));
    const written = await produceReports(checkpoint, id, args.reportDir);
    if (written === undefined) {
      throw usageError(
        `there is no run or plan ${id} in ${checkpoint.path}; \`aa-sync runs\` lists the runs`,
      );
    }
    process.stdout.write(describeReportPaths(id, written.paths));
  } finally {
    checkpoint.close();
  }
}

/**
 * Opening the checkpoint would create a missing state directory, and a new
 * checkpoint in it: for a command that only reads, that is a mistyped flag.
 */
function refuseMissingStateDir(stateDir: string): void {
  const dir = resolve(stateDir);
  if (existsAsEntry(dir)) return;
  throw usageError(
    `the state directory ${dir} does not exist, so there is nothing to report on; ` +
      'check --state-dir',
  );
}

/** A link or a file is there too: opening the checkpoint explains why it is refused. */
function existsAsEntry(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch (error) {
    // ENOTDIR: a file above it, so it cannot exist. Anything else is openCheckpoint's to say.
    return (error as NodeJS.ErrnoException).code !== 'ENOTDIR';
  }
}

function latestId(path: string, latest: readonly { id: string }[]): string {
  const first = latest[0];
  if (first === undefined) {
    throw usageError(`${path} holds no run or plan yet: there is nothing to report on`);
  }
  return first.id;
}

/**
 * The line that tells where the reports of `id` are (relative to the working
 * directory when below it); every command that writes reports ends with it.
 */
export function describeReportPaths(id: string, paths: ReportPaths): string {
  const inside = relative(process.cwd(), paths.html);
  const shown = inside.startsWith('..') || isAbsolute(inside) ? paths.html : inside;
  return `Report of ${id}: ${shown} (CSV files and summary.json beside it)\n`;
}

export const reportCommand: CommandModule<object, ReportCommandFlags> = {
  command: 'report [run-id]',
  describe: 'Write the reports of a run or plan again, from the checkpoint',
  builder,
  handler,
};
