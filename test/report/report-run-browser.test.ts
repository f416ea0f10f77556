/**
 * The report of a real run (1,000 customers through the built command line,
 * with failures, rejects, drift and unmanaged organizations) opened in
 * headless Chromium: no console error, no request, the figures of summary.json
 * on the page, a screenshot for people to look at; and the CSV files fed back.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_KINDS, OUTCOMES } from '../../src/report/report-types.js';
import type { RunSummary } from '../../src/report/summary-json.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { PROJECT_ROOT } from '../support/cli.js';
import { runBuilt } from '../cli/support/apply-cli.js';
import { aaSync, workDir } from '../cli/support/e2e.js';
import { figuresShown, shownTenants, startReportBrowser } from './support/chromium.js';
import type { ReportBrowser } from './support/chromium.js';
import { CUSTOMERS, TAKEN, UNMANAGED, runScenario } from './support/browser-scenario.js';

/** Where the screenshots go, for a person to look at after `npm test` (git ignores it). */
export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'reports', 'browser-check');
const PHONE = { width: 390, height: 844 };
const RUN_TIMEOUT_MS = 120_000;

let browser: ReportBrowser;

beforeAll(async () => {
  browser = await startReportBrowser();
});

afterAll(async () => {
  await browser.close();
});

/** The problems validate printed, without the file and line they name. */
function problemsOf(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => /^\S+:\d+ /.test(line))
    .map((line) => line.replace(/^\S+:\d+ /, ''));
}

function expectedFigures(summary: RunSummary): Record<string, string> {
  const expected: Record<string, string> = {};
  for (const kind of [...ENTITY_KINDS, 'total'] as const) {
    for (const outcome of OUTCOMES) {
      expected[`${kind}.${outcome}`] = String(summary.counts[kind][outcome]);
    }
  }
  for (const [name, value] of Object.entries(summary.totals)) {
    expected[`totals.${name}`] = String(value);
  }
  return expected;
}

describe('the report of a 1,000-customer run', () => {
  it(
    'renders in Chromium with the figures of summary.json, and its CSV files feed back',
    async () => {
      const { plan, apply, env } = await runScenario();
      expect([plan.code, apply.code]).toEqual([EXIT.ok, EXIT.partial]);
      const runId = /^Run (\S+) partial:/m.exec(apply.stdout)?.[1] ?? '';
      const dir = join(workDir(), 'reports', runId);
      const summary = JSON.parse(
        readFileSync(join(dir, 'summary.json'), 'utf8'),
      ) as RunSummary;

      const organizations = summary.counts.organization;
      expect({
        status: summary.run.status,
        exitCode: summary.exitCode,
        customers: summary.totals.customers,
        rejected: summary.totals.rejectedCustomers,
        failed: organizations.failed,
        unmanaged: summary.totals.unmanaged,
        drift: summary.totals.drift,
      }).toEqual({
        status: 'partial',
        exitCode: EXIT.partial,
        customers: CUSTOMERS + 10,
        rejected: 10,
        failed: TAKEN.length,
        unmanaged: UNMANAGED.length,
        drift: 10,
      });
      for (const name of ['report.html', 'results.csv', 'failed.csv', 'summary.json']) {
        expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
      }
      expect(statSync(dir).mode & 0o777).toBe(0o700);

      const { errors, requests, page } = await browser.open(join(dir, 'report.html'));
      expect({ errors, requests }).toEqual({ errors: [], requests: [] });
      expect(await figuresShown(page)).toEqual(expectedFigures(summary));
      mkdirSync(SCREENSHOT_DIR, { recursive: true, mode: 0o700 });
      await page.screenshot({
        path: join(SCREENSHOT_DIR, 'report-1000-customers.png'),
        fullPage: true,
      });
      const search = page.locator('#tenants input[type="search"]');
      await search.fill(TAKEN[0] ?? '');
      await page
        .locator(
          '#tenants [data-pager-status]:text-is("Rows 1–1 of 1 (filtered from 1,000)")',
        )
        .waitFor();
      expect(await shownTenants(page)).toEqual([TAKEN[0]]);
      const phone = await browser.open(join(dir, 'report.html'), PHONE);
      expect(phone.errors).toEqual([]);
      await phone.page.screenshot({
        path: join(SCREENSHOT_DIR, 'report-1000-customers-phone.png'),
      });

      // failed.csv fed back plans exactly the customers whose organizations failed.
      const replan = await runBuilt(
        ['plan', join(dir, 'failed.csv'), '--json', '--report-dir', 'replan-reports'],
        env,
      );
      expect(replan.code).toBe(EXIT.ok);
      const replanned = JSON.parse(replan.stdout) as {
        summary: { customers: number; rejected: number };
        tenants: { key: string }[];
      };
      expect({
        customers: replanned.summary.customers,
        rejected: replanned.summary.rejected,
        keys: replanned.tenants.map((tenant) => tenant.key),
      }).toEqual({ customers: TAKEN.length, rejected: 0, keys: [...TAKEN].sort() });

      // rejected.csv fed back is rejected again, row by row, for the same reasons.
      const original = await aaSync(['validate', 'customers.csv']);
      const revalidate = await aaSync(['validate', join(dir, 'rejected.csv')]);
      expect([original.code, revalidate.code]).toEqual([
        EXIT.invalidInput,
        EXIT.invalidInput,
      ]);
      expect(problemsOf(revalidate.stdout)).toEqual(problemsOf(original.stdout));
      expect(problemsOf(revalidate.stdout)).toHaveLength(10);
    },
    RUN_TIMEOUT_MS,
  );
});
