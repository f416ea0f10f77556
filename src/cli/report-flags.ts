/** `--report-dir`: where the commands that read the API leave their reports. */
import type { Argv } from 'yargs';
import { DEFAULT_REPORT_DIR } from '../report/report-dir.js';

export interface ReportFlags {
  reportDir: string;
}

export function withReportFlags<T>(argv: Argv<T>): Argv<T & ReportFlags> {
  return argv.option('report-dir', {
    type: 'string',
    default: DEFAULT_REPORT_DIR,
    requiresArg: true,
    describe: 'Write the reports into DIR/<run id>/ (owner-only)',
  }) as unknown as Argv<T & ReportFlags>;
}
