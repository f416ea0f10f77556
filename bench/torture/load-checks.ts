/**
 * The properties the load run must show, and its figures, from what was
 * measured: the apply's exit and plan, the emulator's tally, the memory
 * samples and the reports.
 * Exports: `LoadMeasurements`, `loadChecks`, `loadFigures`, `bound`.
 */
import { ENTITY_KINDS, OUTCOMES } from '../../src/report/report-types.js';
import type { RunSummary } from '../../src/report/summary-json.js';
import type { LoadExport } from './load-export.js';
import type { MemoryFigures } from './load-memory.js';
import { MAX_GROWTH_MIB } from './load-memory.js';
import type { PlanCounts, ReportFigures } from './load-report.js';
import { htmlBudgetBytes } from './load-report.js';
import type { EmulatorTally } from './load-verify.js';
import { check } from './part.js';
import type { TortureCheck, TortureFigure } from './part.js';

export interface LoadMeasurements {
  exported: LoadExport;
  exitCode: number | null;
  wallMs: number;
  plan: PlanCounts | null;
  tally: EmulatorTally;
  memory: MemoryFigures;
  /** VmHWM at the last look before the apply exited, in MiB. */
  peakMiB: number | null;
  missingFiles: string[];
  report: ReportFigures | null;
}

/** A check that `actual` is at most `limit`, shown with its unit. */
export function bound(
  label: string,
  limit: number,
  actual: number,
  unit: string,
): TortureCheck {
  return {
    label,
    expected: `≤ ${limit.toLocaleString('en-US')} ${unit}`,
    actual: `${actual.toLocaleString('en-US')} ${unit}`,
    ok: actual <= limit,
  };
}

/** The memory criterion (load-memory.ts); it fails when no collection could be seen. */
function heapCheck(memory: MemoryFigures): TortureCheck {
  const label = 'heap growth after full collections, 10% to 90% of the operations';
  if (memory.heapGrowth === null) {
    return {
      label,
      expected: `≤ ${MAX_GROWTH_MIB} MiB`,
      actual: 'no full collection',
      ok: false,
    };
  }
  return bound(label, MAX_GROWTH_MIB, memory.heapGrowth, 'MiB');
}

/** The figures summary.json holds, keyed as report.html's `data-figure`s. */
function summaryFigures(summary: RunSummary): Record<string, string> {
  const figures: Record<string, string> = {};
  for (const kind of [...ENTITY_KINDS, 'total'] as const) {
    for (const outcome of OUTCOMES) {
      figures[`${kind}.${outcome}`] = String(summary.counts[kind][outcome]);
    }
  }
  for (const [name, value] of Object.entries(summary.totals)) {
    figures[`totals.${name}`] = String(value);
  }
  return figures;
}

/** Figures of summary.json the page shows with another value, or not at all. */
function figuresAmiss(report: ReportFigures): number {
  if ('error' in report.page) return Number.NaN;
  const shown = report.page.figures;
  return Object.entries(summaryFigures(report.summary)).filter(
    ([name, value]) => shown[name] !== value,
  ).length;
}

function runChecks(m: LoadMeasurements): TortureCheck[] {
  const { exported, tally } = m;
  return [
    check('apply exit code', 0, m.exitCode ?? `signal`),
    check('operations planned', exported.operations, m.plan?.operations ?? 0),
    check('organizations in the emulator', exported.customers, tally.organizations),
    check('users in the emulator', exported.users, tally.users),
    check('locations in the emulator', exported.locations, tally.locations),
    check('duplicates (created twice)', 0, tally.duplicates),
    check('customers exactly as exported', exported.customers, tally.matching),
  ];
}

function reportChecks(m: LoadMeasurements, report: ReportFigures): TortureCheck[] {
  const { exported, plan } = m;
  const { summary, csvRows, page } = report;
  const total = summary.counts.total;
  const opened = 'error' in page ? page.error : 'opened';
  return [
    check('operations succeeded (summary.json)', exported.operations, total.created),
    check(
      'operations failed, skipped or pending',
      0,
      total.failed + total.skipped + total.pending,
    ),
    check(
      'summary.json organizations created = plan',
      plan?.organizations ?? -1,
      summary.counts.organization.created,
    ),
    check(
      'summary.json users created = plan',
      plan?.users ?? -1,
      summary.counts.user.created,
    ),
    check(
      'summary.json locations created = plan',
      plan?.locations ?? -1,
      summary.counts.location.created,
    ),
    check(
      'requests in summary.json = requests the emulator answered',
      m.tally.requests,
      summary.totals.requests,
    ),
    check('results.csv rows', exported.operations, csvRows.results),
    check('failed.csv rows', 0, csvRows.failed),
    check('rejected.csv rows', 0, csvRows.rejected),
    bound(
      'report.html size',
      htmlBudgetBytes(exported.customers),
      report.htmlBytes,
      'bytes',
    ),
    check('report.html in Chromium', 'opened', opened),
    check(
      'page errors and outside requests',
      0,
      'error' in page ? -1 : page.errors.length + page.requests.length,
    ),
    check('summary.json figures the page shows otherwise', 0, figuresAmiss(report)),
    check(
      'tenant rows after filtering for one tenant',
      1,
      'error' in page ? 0 : page.filteredRows,
    ),
  ];
}

/**
 * Every check of the load run. The memory criterion only where it can be
 * judged: 1,000 operations (the quick run) may pass without one full
 * collection, so there it is a figure, not a check.
 */
export function loadChecks(m: LoadMeasurements, judgeMemory: boolean): TortureCheck[] {
  const files = check(
    'report files missing',
    'none',
    m.missingFiles.join(', ') || 'none',
  );
  return [
    ...runChecks(m),
    ...(judgeMemory ? [heapCheck(m.memory)] : []),
    files,
    ...(m.report === null ? [] : reportChecks(m, m.report)),
  ];
}

const heapText = (memory: MemoryFigures): string =>
  [memory.heap10, memory.heap50, memory.heap90].map((v) => v ?? 'none').join(' / ');

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/** Every figure of the load run, in the order the table shows them. */
export function loadFigures(m: LoadMeasurements): TortureFigure[] {
  const { exported, memory, report } = m;
  const page = report === null || 'error' in report.page ? null : report.page;
  const figures: [string, number | string][] = [
    ['customers', exported.customers],
    ['users (owners included)', exported.users],
    ['locations', exported.locations],
    ['operations', exported.operations],
    ['wall time of the apply (s)', seconds(m.wallMs)],
    ['operations per second', Math.round((exported.operations * 1000) / m.wallMs)],
    ['requests', m.tally.requests],
    ['peak RSS, VmHWM (MiB)', m.peakMiB === null ? 'not read' : Math.round(m.peakMiB)],
    ['RSS at 10% of the operations (MiB)', memory.rss10],
    ['RSS at 50% of the operations (MiB)', memory.rss50],
    ['RSS at 90% of the operations (MiB)', memory.rss90],
    ['RSS growth, 10% to 90% (MiB)', memory.rssGrowth],
    ['heap after full collection at 10% / 50% / 90% (MiB)', heapText(memory)],
    ['heap growth, 10% to 90% (MiB)', memory.heapGrowth ?? 'none'],
    ['full collections while executing', memory.collections],
    [
      'highest RSS sample (MiB), phase',
      `${memory.highestSample}, ${memory.highestPhase}`,
    ],
    ['memory samples', memory.samples],
    ['report.html (bytes)', report?.htmlBytes ?? 'none'],
    [
      'report.html per tenant (bytes)',
      report === null ? 'none' : Math.round(report.htmlBytes / exported.customers),
    ],
    ['report.html load in Chromium (ms)', page?.loadMs ?? 'failed'],
    ['filter of the tenants table (ms)', page?.filterMs ?? 'failed'],
  ];
  return figures.map(([label, value]) => ({ label, value }));
}
