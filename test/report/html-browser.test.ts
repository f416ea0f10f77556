import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/html/index.js';
import {
  ENTITY_KINDS,
  OUTCOMES,
  type ReportModel,
} from '../../src/report/report-types.js';
import {
  figuresShown,
  shownTenants,
  startReportBrowser,
  type ReportBrowser,
} from './support/chromium.js';
import { sampleReportModel } from './support/html-sample-model.js';

const TENANTS = 10_000;
/** Enough tenants for ten pages; printing lays out every row, which takes a while. */
const PRINTED_TENANTS = 1000;
const PHONE = { width: 390, height: 844 };

let directory = '';
let browser: ReportBrowser | null = null;
let bigReport = '';
let printedReport = '';

function writeReport(name: string, model: ReportModel): string {
  const file = join(directory, name);
  writeFileSync(file, renderReportHtml(model), { mode: 0o600 });
  return file;
}

async function openReport(file: string, viewport?: typeof PHONE) {
  const visit = await browser!.open(file, viewport);
  return visit;
}

function tenantsStatus(page: Page): Promise<string> {
  return page.evaluate<string>(
    `document.querySelector('#tenants [data-pager-status]').textContent`,
  );
}

/** Waits for the pager's text; a locator, since the page's CSP refuses string evaluation. */
async function waitForStatus(page: Page, expected: string): Promise<void> {
  const quoted = JSON.stringify(expected);
  await page.locator(`#tenants [data-pager-status]:text-is(${quoted})`).waitFor();
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'aa-sync-html-'));
  bigReport = writeReport('big.html', sampleReportModel(TENANTS));
  printedReport = writeReport('printed.html', sampleReportModel(PRINTED_TENANTS));
  browser = await startReportBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (directory !== '') rmSync(directory, { recursive: true, force: true });
});

describe('report.html in headless Chromium', () => {
  it('opens 10,000 tenants without an error or a request, showing the first 100', async () => {
    const { errors, requests, page } = await openReport(bigReport);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const shown = await shownTenants(page);
    expect(shown).toHaveLength(100);
    expect([shown[0], shown[99]]).toEqual(['cust-00000', 'cust-00099']);
    expect(await tenantsStatus(page)).toBe('Rows 1–100 of 10,000');
    expect(await page.isVisible('#tenants input[type="search"]')).toBe(true);
  });

  it('pages forward and back', async () => {
    const { page } = await openReport(bigReport);
    const next = page.locator('#tenants [data-page="next"]');
    const previous = page.locator('#tenants [data-page="previous"]');
    expect(await previous.isDisabled()).toBe(true);
    await next.click();
    await next.click();
    expect(await tenantsStatus(page)).toBe('Rows 201–300 of 10,000');
    expect((await shownTenants(page))[0]).toBe('cust-00200');
    await previous.click();
    expect((await shownTenants(page))[0]).toBe('cust-00100');
  });

  it('filters by every word typed, once typing pauses', async () => {
    const { page } = await openReport(bigReport);
    const search = page.locator('#tenants input[type="search"]');
    await search.fill('FAILED cust-0000');
    await waitForStatus(page, 'Rows 1–1 of 1 (filtered from 10,000)');
    expect(await shownTenants(page)).toEqual(['cust-00007']);
    await search.fill('no tenant has this');
    await waitForStatus(page, 'No rows (filtered from 10,000)');
    expect(await page.isVisible('#tenants [data-no-match]')).toBe(true);
    await search.fill('');
    await waitForStatus(page, 'Rows 1–100 of 10,000');
  });

  it('prints every row and no search box or pager', async () => {
    const { page } = await openReport(printedReport);
    expect(await shownTenants(page)).toHaveLength(100);
    await page.emulateMedia({ media: 'print' });
    expect(await shownTenants(page)).toHaveLength(PRINTED_TENANTS);
    expect(await page.isVisible('#tenants .controls')).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await shownTenants(page)).toHaveLength(100);
  });

  it('shows the exact figures of the model', async () => {
    const model = sampleReportModel(TENANTS);
    const { page } = await openReport(bigReport);
    const shown = await figuresShown(page);
    const expected: Record<string, string> = {};
    for (const kind of [...ENTITY_KINDS, 'total'] as const) {
      for (const outcome of OUTCOMES) {
        expected[`${kind}.${outcome}`] = String(model.counts[kind][outcome]);
      }
    }
    for (const [name, value] of Object.entries(model.totals)) {
      expected[`totals.${name}`] = String(value);
    }
    expect(shown).toEqual(expected);
  });

  it('fits a phone: tables and charts scroll or scale inside the page', async () => {
    const { errors, page } = await openReport(bigReport, PHONE);
    expect(errors).toEqual([]);
    const widths = await page.evaluate<Record<string, number>>(`({
      page: document.documentElement.scrollWidth,
      table: document.querySelector('#tenants .table-wrap').scrollWidth,
      chart: document.querySelector('#chart-traffic svg').getBoundingClientRect().width,
    })`);
    expect(widths.page).toBeLessThanOrEqual(PHONE.width);
    expect(widths.table).toBeGreaterThan(PHONE.width);
    expect(widths.chart).toBeLessThanOrEqual(PHONE.width);
  });

  it('shows hostile values as text and runs none of them', async () => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const model = sampleReportModel(10);
    model.tenants[0]!.key = hostile;
    model.failures[0]!.reason = hostile;
    model.header.baseUrl = `javascript:alert(3)//${hostile}`;
    const { errors, requests, page } = await openReport(
      writeReport('hostile.html', model),
    );
    // Listening from the start of a load: the page was first loaded before.
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => dialogs.push(dialog.message()));
    await page.reload({ waitUntil: 'load' });
    expect({ errors, requests, dialogs }).toEqual({
      errors: [],
      requests: [],
      dialogs: [],
    });
    const seen = await page.evaluate(`({
      scripts: document.scripts.length,
      images: document.images.length,
      key: document.querySelector('#tenants-table tbody td').textContent,
    })`);
    expect(seen).toEqual({ scripts: 1, images: 0, key: hostile });
  });
});
