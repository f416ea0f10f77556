/**
 * "The report stays usable" at load: the run's report folder holds every
 * file, report.html stays within a size bound and opens in Chromium showing
 * the figures of summary.json, summary.json parses and counts what the plan
 * said, and each CSV file has one row per thing it lists.
 * Exports: `ReportFigures`, `PlanCounts`, `REPORT_FILES`, `missingReportFiles`,
 * `inspectReport`, `planCountsOf`, `htmlBudgetBytes`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { RunSummary } from '../../src/report/summary-json.js';
import { openReport } from './load-browser.js';
import type { PageCheck } from './load-browser.js';

export const REPORT_FILES = [
  'report.html',
  'summary.json',
  'results.csv',
  'failed.csv',
  'rejected.csv',
] as const;

/**
 * The page grows by one tenants-table row per tenant (about 400 bytes) and
 * by nothing per operation; failures, rejects and drift are rows too, but the
 * load run has none. A kilobyte per tenant over a fixed part (styles,
 * script, charts, summary: about 30 KiB) is the bound; an HTML that wrote
 * each operation, or each request, would pass it by far.
 */
const HTML_FIXED_BYTES = 256 * 1024;
const HTML_BYTES_PER_TENANT = 1024;

/** The most bytes report.html may take for `tenants` tenants. */
export function htmlBudgetBytes(tenants: number): number {
  return HTML_FIXED_BYTES + HTML_BYTES_PER_TENANT * tenants;
}

/** The creates the plan announced, from apply's `Plan: ...` line. */
export interface PlanCounts {
  operations: number;
  organizations: number;
  users: number;
  locations: number;
}

const PLAN_LINE =
  /^Plan: ([\d,]+) to create \(([\d,]+) organizations?, ([\d,]+) users?, ([\d,]+) locations?/m;

const count = (text: string | undefined): number =>
  Number((text ?? '').replaceAll(',', ''));

/** The plan's counts from apply's standard output; null when it printed no plan line. */
export function planCountsOf(stdout: string): PlanCounts | null {
  const match = PLAN_LINE.exec(stdout);
  if (match === null) return null;
  return {
    operations: count(match[1]),
    organizations: count(match[2]),
    users: count(match[3]),
    locations: count(match[4]),
  };
}

export interface ReportFigures {
  htmlBytes: number;
  summary: RunSummary;
  /** Data rows (header excluded) of each CSV file. */
  csvRows: { results: number; failed: number; rejected: number };
  page: PageCheck | { error: string };
}

function dataRows(file: string): number {
  // The files start with a byte order mark, for spreadsheets.
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    throw new Error(`${file} does not parse: ${parsed.errors[0]?.message ?? ''}`);
  }
  return Math.max(parsed.data.length - 1, 0);
}

async function pageOf(html: string, tenantKey: string): Promise<ReportFigures['page']> {
  try {
    return await openReport(html, tenantKey);
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0] ?? 'unknown error' };
  }
}

/** The files of REPORT_FILES that `dir` lacks. */
export function missingReportFiles(dir: string): string[] {
  return REPORT_FILES.filter((name) => !existsSync(join(dir, name)));
}

/**
 * Reads the reports in `dir` (every file of REPORT_FILES must be there) and
 * opens report.html, filtering its tenants for `tenantKey`.
 */
export async function inspectReport(
  dir: string,
  tenantKey: string,
): Promise<ReportFigures> {
  const html = join(dir, 'report.html');
  const summary = JSON.parse(
    readFileSync(join(dir, 'summary.json'), 'utf8'),
  ) as RunSummary;
  return {
    htmlBytes: statSync(html).size,
    summary,
    csvRows: {
      results: dataRows(join(dir, 'results.csv')),
      failed: dataRows(join(dir, 'failed.csv')),
      rejected: dataRows(join(dir, 'rejected.csv')),
    },
    page: await pageOf(html, tenantKey),
  };
}
