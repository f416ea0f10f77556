/** `--report-dir`: where the commands that read the API leave their reports. */
import type { Argv } from 'yargs';
import { DEFAULT_REPORT_DIR } from '../report/report-dir.js';

export interface ReportFlags {
  /** Resolved with the other settings: `--report-dir`, else the profile's, else the default. */
  reportDir: string;
}

/** Adds `--report-dir`; the command must also take `withStateFlags`, which resolves it. */
export function withReportFlags<T>(argv: Argv<T>): Argv<T & ReportFlags> {
  // No yargs default: resolution must see whether the flag was given.
  return argv.option('report-dir', {
    type: 'string',
    requiresArg: true,
    describe: `Write the reports into DIR/<run id>/ (owner-only) (default: the profile's reportDir, else ${DEFAULT_REPORT_DIR})`,
  }) as unknown as Argv<T & ReportFlags>;
}
