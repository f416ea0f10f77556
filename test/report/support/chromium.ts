/**
 * Opens a report in Debian's headless Chromium (driven by playwright-core, which
 * brings no browser of its own) and tells what a person would meet: console
 * errors, uncaught exceptions, any request other than the file itself, and the
 * figures the page shows.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser (.ci/run installs it). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

// Without the background-networking flags, Chromium keeps trying hosts this
// sandbox cannot reach; --no-sandbox because tests run as root.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PageVisit {
  /** console.error lines and uncaught exceptions, in order. */
  errors: string[];
  /** Every request the page made besides loading its own file. */
  requests: string[];
  page: Page;
}

export interface ReportBrowser {
  open(file: string, viewport?: { width: number; height: number }): Promise<PageVisit>;
  close(): Promise<void>;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Starts Chromium (playwright gives it a fresh profile of its own, removed on close). */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable()) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: install Debian's chromium package ` +
        '(apt-get install chromium), as .ci/run does',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** Chromium with a page opener that records errors and outside requests. */
export async function startReportBrowser(): Promise<ReportBrowser> {
  const browser = await launchChromium();
  return {
    async open(file, viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
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
      await page.goto(own, { waitUntil: 'load' });
      return { errors, requests, page };
    },
    close: () => browser.close(),
  };
}

// The tests' tsconfig has no DOM types: what is read from a page is written as
// an expression the page evaluates.

/** Every `data-figure` of the page with the text it shows. */
export function figuresShown(page: Page): Promise<Record<string, string>> {
  return page.evaluate<Record<string, string>>(
    `Object.fromEntries([...document.querySelectorAll('[data-figure]')]
      .map((cell) => [cell.dataset.figure, cell.textContent]))`,
  );
}

/** Keys of the tenant rows the table shows now. */
export function shownTenants(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(
    `[...document.querySelectorAll('#tenants-table tbody tr')]
      .filter((row) => row.getClientRects().length > 0)
      .map((row) => row.cells[0].textContent)`,
  );
}
