/**
 * The injection campaign: a hostile export applied against the emulator
 * seeded with hostile live data, and again against a server whose error
 * bodies carry payloads; then every CSV cell and both report pages are
 * judged, and every output of the commands searched for raw control bytes.
 * Exports: `InjectionFindings`, `driveInjection`, `controlBytesIn`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, runIdIn } from './secrets-commands.js';
import type { CommandPlan } from './secrets-commands.js';
import { HOSTILE_MESSAGE, startEchoServer } from './secrets-echo-server.js';
import {
  HTML_PAYLOADS,
  writeHostileExport,
  writeHostileSeed,
} from './secrets-payloads.js';
import { checkCsvCells, checkHtmlInBrowser } from './secrets-report-check.js';
import type { CsvCellTally, HtmlVisit } from './secrets-report-check.js';

export interface InjectionFindings {
  validCustomers: number;
  rejectedCustomers: number;
  csv: CsvCellTally;
  pages: HtmlVisit[];
}

const HOSTILE_EXPORT = 'hostile.csv';
const HOSTILE_REPORTS = 'reports-hostile-server';

/** Runs the hostile export through validate and two applies, then judges the reports. */
export async function driveInjection(plan: CommandPlan): Promise<InjectionFindings> {
  const cwd = plan.session.cwd;
  const counts = writeHostileExport(join(cwd, HOSTILE_EXPORT));
  writeHostileSeed(join(cwd, 'hostile-seed.json'));
  const seed: unknown = JSON.parse(readFileSync(join(cwd, 'hostile-seed.json'), 'utf8'));
  await plan.emulator.control('POST', '/seed', seed);
  const input = [HOSTILE_EXPORT, '--max-invalid', '100%'];
  await expect(plan, 'validate, hostile export', 3, ['validate', HOSTILE_EXPORT]);
  const live = await expect(plan, 'apply, hostile export and live data', 0, [
    'apply',
    ...input,
    '--yes',
    '--base-url',
    plan.emulator.baseUrl,
    '--log-format',
    'text',
  ]);
  const server = await startEchoServer();
  let echoed: string;
  try {
    server.setMode('hostile-422');
    echoed = await expect(plan, 'apply, hostile error bodies', 5, [
      'apply',
      ...input,
      '--yes',
      '--base-url',
      server.baseUrl,
      '--report-dir',
      HOSTILE_REPORTS,
      '--state-dir',
      'state-hostile-server',
      '--log-format',
      'text',
      '--log-level',
      'debug',
    ]);
  } finally {
    await server.close();
  }
  const dirs = [
    join(cwd, 'reports', runIdIn(live)),
    join(cwd, HOSTILE_REPORTS, runIdIn(echoed)),
  ];
  const csv: CsvCellTally = { cells: 0, neutralised: 0, live: [] };
  for (const dir of dirs) checkCsvCells(dir, csv);
  const pages = [
    ...(await checkHtmlInBrowser([join(dirs[0] ?? '', 'report.html')], HTML_PAYLOADS)),
    ...(await checkHtmlInBrowser(
      [join(dirs[1] ?? '', 'report.html')],
      [...HTML_PAYLOADS, HOSTILE_MESSAGE],
    )),
  ];
  return { validCustomers: counts.valid, rejectedCustomers: counts.rejected, csv, pages };
}

/** True for a control character a terminal would act on: C0 but the newline, DEL, C1. */
function hasControl(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** The labels of outputs holding a raw control character. */
export function controlBytesIn(plan: CommandPlan): string[] {
  return plan.session.records
    .filter((record) => hasControl(record.exit.stdout) || hasControl(record.exit.stderr))
    .map((record) => record.label);
}
