/**
 * The demo's closing summary: figures from the migration's summary.json, the
 * nightly run as the emulator logged it, and the emulator's counters, which
 * also show whether any organization or location was created twice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountersSnapshot } from '../emulator/index.js';
import { DEFAULT_REPORT_DIR } from '../report/report-dir.js';
import type { RunSummary } from '../report/summary-json.js';
import { REPORT_FILES } from '../report/report-types.js';
import { duplicatesIn } from './demo-api.js';

export interface NightFigures {
  exitCode: number;
  runId: string;
  /** API requests the emulator logged during the nightly run. */
  requests: number;
  /** Of them, anything but GET. */
  writes: number;
}

export interface DemoFigures {
  migration: RunSummary;
  night: NightFigures;
  /** The emulator's counters right after the migration. */
  counters: CountersSnapshot & { faults: Record<string, number> };
  wallMs: number;
}

/** The summary.json of a run written under the default report directory. */
export function readRunFigures(runId: string): RunSummary {
  const file = join(DEFAULT_REPORT_DIR, runId, REPORT_FILES.summary);
  return JSON.parse(readFileSync(file, 'utf8')) as RunSummary;
}

const n = (value: number): string => value.toLocaleString('en-US');

/** The closing text, and whether the demo showed what it promises. */
export function describeOutcome(figures: DemoFigures): { text: string; ok: boolean } {
  const { migration, night, counters } = figures;
  const { totals, counts } = migration;
  const duplicates = duplicatesIn(counters);
  const report = join(DEFAULT_REPORT_DIR, migration.run.id);
  const imported = totals.customers - totals.rejectedCustomers;
  const faults = counters.faults;
  const lines = [
    'Summary',
    `  Export:     ${n(totals.customers)} customers: ${n(imported)} imported, ` +
      `${n(totals.rejectedCustomers)} rejected with their reasons`,
    `              (${join(report, REPORT_FILES.rejected)}: fix those rows and feed the file back)`,
    `  Migration:  ${n(counts.organization.created)} organizations and ` +
      `${n(counts.location.created)} locations created, ${n(totals.newPhoneNumbers)} new phone numbers; ` +
      `${n(totals.requests)} requests, ${n(totals.rateLimited)} answered 429`,
    `              faults survived: ${n(faults.error ?? 0)} answers 502/503, ` +
      `${n(faults['drop-after-commit'] ?? 0)} lost answers (looked up, not sent again)`,
    `              created twice, by the emulator's count: ${n(duplicates.organizations)} ` +
      `organizations, ${n(duplicates.locations)} locations`,
    `  Next night: ${n(night.requests)} ${night.requests === 1 ? 'request' : 'requests'}, ` +
      `${n(night.writes)} writes`,
    `  Wall time:  ${(figures.wallMs / 1000).toFixed(1)} s for both runs`,
    `  Report:     ${join(report, REPORT_FILES.html)} (open it in a browser); ` +
      `nightly: ${join(DEFAULT_REPORT_DIR, night.runId, REPORT_FILES.html)}`,
  ];
  const ok = night.writes === 0 && duplicates.organizations + duplicates.locations === 0;
  if (!ok) lines.push('', 'This is not what aa-sync promises: please report it.');
  return { text: `${lines.join('\n')}\n`, ok };
}
