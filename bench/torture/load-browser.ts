/**
 * Opens a run's report.html in Debian's headless Chromium (driven by
 * playwright-core, which brings no browser of its own), as a person would:
 * how long the page takes to load, whether it logs an error or asks for
 * anything besides itself, the figures it shows, and whether filtering the
 * tenants table down to one tenant works.
 * Exports: `PageCheck`, `openReport`.
 */
import { startReportBrowser } from '../../test/report/support/chromium.js';

/** Longest the filter may take before the page counts as unusable. */
const PAGE_TIMEOUT_MS = 60_000;

export interface PageCheck {
  loadMs: number;
  /** From typing a tenant's key to the pager saying one row is left. */
  filterMs: number;
  /** Rows the tenants table shows after the filter. */
  filteredRows: number;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Requests other than the file itself. */
  requests: string[];
  /** Every `data-figure` of the page with the text it shows. */
  figures: Record<string, string>;
}

// The bench's tsconfig has no DOM types: what is read from the page is an expression.
const FIGURES = `Object.fromEntries([...document.querySelectorAll('[data-figure]')]
  .map((cell) => [cell.dataset.figure, cell.textContent]))`;
const SHOWN_TENANTS = `[...document.querySelectorAll('#tenants-table tbody tr')]
  .filter((row) => row.getClientRects().length > 0).length`;

/** Opens `file` and filters its tenants table by `tenantKey`. */
export async function openReport(file: string, tenantKey: string): Promise<PageCheck> {
  const browser = await startReportBrowser();
  try {
    const loadStarted = performance.now();
    const { page, errors, requests } = await browser.open(file);
    const loadMs = Math.round(performance.now() - loadStarted);
    const filterStarted = performance.now();
    await page.locator('#tenants input[type="search"]').fill(tenantKey);
    await page
      .locator('#tenants [data-pager-status]')
      .filter({ hasText: /^Rows 1–1 of 1 \(filtered/ })
      .waitFor({ timeout: PAGE_TIMEOUT_MS });
    const filterMs = Math.round(performance.now() - filterStarted);
    return {
      loadMs,
      filterMs,
      filteredRows: await page.evaluate<number>(SHOWN_TENANTS),
      errors,
      requests,
      figures: await page.evaluate<Record<string, string>>(FIGURES),
    };
  } finally {
    await browser.close();
  }
}
