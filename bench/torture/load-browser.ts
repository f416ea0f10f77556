/**
 * Opens a run's report.html in Debian's headless Chromium (driven by
 * playwright-core, which brings no browser of its own), as a person would:
 * how long the page takes to load, whether it logs an error or asks for
 * anything besides itself, the figures it shows, and whether filtering the
 * tenants table down to one tenant works.
 * Exports: `PageCheck`, `openReport`, `CHROMIUM_PATH`.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** Debian's `chromium` package. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Longest a load or the filter may take before the page counts as unusable. */
const PAGE_TIMEOUT_MS = 60_000;
// No background traffic (this sandbox reaches nothing); no sandbox, as tests run as root.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install chromium`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    const own = pathToFileURL(file).href;
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`exception: ${error.message}`));
    page.on('request', (request) => {
      if (request.url() !== own) requests.push(request.url());
    });
    const loadStarted = performance.now();
    await page.goto(own, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
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
