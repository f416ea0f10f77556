/**
 * Builds every report of one run (or plan) from the checkpoint and writes them
 * into its report directory: what the commands do when they end, and what
 * `aa-sync report RUN_ID` does later.
 */
import type { Checkpoint } from '../checkpoint/database.js';
import { loadReportInput } from '../checkpoint/report-store.js';
import type { StoredParts } from '../checkpoint/report-store.js';
import { buildReportModel } from './build-model.js';
import { renderFailedCsv, renderRejectedCsv } from './feedback-csv.js';
import { renderReportHtml } from './html/render-report.js';
import type { ReportPaths } from './report-dir.js';
import { writeReportFiles } from './report-dir.js';
import type { ReportModel } from './report-types.js';
import { REPORT_FILES } from './report-types.js';
import { renderResultsCsv } from './results-csv.js';
import { renderSummaryJson } from './summary-json.js';

export interface WrittenReport {
  paths: ReportPaths;
  model: ReportModel;
}

/** What the caller may already hold of the report it asks for. */
export interface ProduceOptions {
  /** The report's time of writing; now by default. */
  now?: Date;
  /** What the caller stored under the id and holds yet (see `loadReportInput`). */
  stored?: StoredParts;
}

/**
 * Writes the reports of `id` into `<root>/<id>/`; undefined when the checkpoint
 * holds no run or plan of that id.
 */
export async function produceReports(
  checkpoint: Checkpoint,
  id: string,
  root: string,
  options: ProduceOptions = {},
): Promise<WrittenReport | undefined> {
  const now = options.now ?? new Date();
  const input = loadReportInput(checkpoint, id, now.toISOString(), options.stored);
  if (input === undefined) return undefined;
  const model = buildReportModel(input);
  const paths = await writeReportFiles(root, id, {
    html: renderReportHtml(model),
    results: renderResultsCsv(model),
    rejected: renderRejectedCsv(input),
    failed: renderFailedCsv(input, model),
    summary: renderSummaryJson(model, REPORT_FILES),
  });
  return { paths, model };
}
