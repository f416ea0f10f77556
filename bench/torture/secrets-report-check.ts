/**
 * What the injection campaign looks at in a written report: every CSV cell
 * (none may start a formula unless neutralised as src/report/csv-cells.ts
 * does, with a leading apostrophe), and report.html opened in headless
 * Chromium (no script of a payload ran, no element of one exists, and every
 * payload is on the page as text). Exports: `checkCsvCells`, `CsvCellTally`,
 * `checkHtmlInBrowser`, `HtmlVisit`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../test/report/support/chromium.js';

/** A cell a spreadsheet runs: its first character is one of these. */
const TRIGGER = /^[=+\-@\t\r]/;
/** Plain signed numbers stay as they are (a phone number, an amount). */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const CSV_FILES = ['results.csv', 'rejected.csv', 'failed.csv'];

export interface CsvCellTally {
  cells: number;
  /** Cells written `'=...`: a payload, neutralised. */
  neutralised: number;
  /** Cells a spreadsheet would run. */
  live: string[];
}

/** Reads the CSV files of a report folder and judges every cell. */
export function checkCsvCells(dir: string, tally: CsvCellTally): void {
  for (const name of CSV_FILES) {
    const text = readFileSync(join(dir, name), 'utf8').replace(/^\uFEFF/, '');
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    for (const row of rows) {
      for (const cell of row) {
        tally.cells += 1;
        if (TRIGGER.test(cell) && !PLAIN_NUMBER.test(cell))
          tally.live.push(`${name}: ${JSON.stringify(cell)}`);
        else if (/^'+[=+\-@\t\r]/.test(cell)) tally.neutralised += 1;
      }
    }
  }
}

/** What Chromium saw on a report page. */
export interface HtmlVisit {
  /** `window.__pwned` after load: set only if a payload's script ran. */
  pwned: string | null;
  /** Elements a payload would have added: `#injected`, handlers, javascript: links. */
  injectedElements: number;
  dialogs: number;
  /** Payloads not found in the page's text (each must show, escaped). */
  missingText: string[];
  /** Requests other than the page itself. */
  requests: string[];
}

/** Opens each page in one Chromium and reports what it found on each. */
export async function checkHtmlInBrowser(
  files: readonly string[],
  payloads: readonly string[],
): Promise<HtmlVisit[]> {
  const browser = await launchChromium();
  try {
    const visits: HtmlVisit[] = [];
    for (const file of files) visits.push(await visit(browser, file, payloads));
    return visits;
  } finally {
    await browser.close();
  }
}

async function visit(
  browser: Browser,
  file: string,
  payloads: readonly string[],
): Promise<HtmlVisit> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const own = pathToFileURL(file).href;
  let dialogs = 0;
  const requests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (request.url() !== own) requests.push(request.url());
  });
  await page.goto(own, { waitUntil: 'load' });
  // The tsconfig has no DOM types: the page evaluates expressions given as text.
  const pwned = await page.evaluate<string | null>(
    'window.__pwned === undefined ? null : String(window.__pwned)',
  );
  const injectedElements = await page.evaluate<number>(
    `document.querySelectorAll('#injected, [onerror], [onload], [onclick], a[href^="javascript:" i], iframe, object, embed').length`,
  );
  const text = await page.evaluate<string>('document.documentElement.textContent');
  await context.close();
  const missingText = payloads.filter((payload) => !text.includes(payload));
  return { pwned, injectedElements, dialogs, missingText, requests };
}
