/**
 * No file under the report directory holds the API key, plain, URL-encoded or
 * base64-encoded, after apply (with failures and debug logging), plan and
 * report.
 */
import { describe, expect, it } from 'vitest';
import { ONLY_REPORT_LINE } from '../support/cli.js';
import { CANARY_KEY, runBuilt, runIdOf, startApi } from './support/apply-cli.js';
import { writeInput } from './support/e2e.js';
import {
  allReportFiles,
  expectNoKeyIn,
  filesHolding,
  keyForms,
} from './support/report-files.js';

/** Customer 002's area code passes our checks but the API refuses it (premium 900). */
const EXPORT =
  'customer_id,org_name,owner_external_id,owner_email,owner_name,location_name,location_address,location_area_code\n' +
  '001,Shop 1,own-001,o1@shop.example,Owner 1,Store 1,1 High St,617\n' +
  '002,Shop 2,own-002,o2@shop.example,Owner 2,Store 2,2 High St,900\n' +
  '003,Shop 3,own-003,o3@shop.example,Owner 3,Store 3,3 High St,508\n';

describe('the API key in the report files', () => {
  it('would be found base64-encoded at any offset in a longer text', () => {
    const forms = keyForms(CANARY_KEY);
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const encoded = Buffer.from(`${prefix}${CANARY_KEY}:x`).toString('base64');
      expect([prefix, forms.some((form) => encoded.includes(form))]).toEqual([
        prefix,
        true,
      ]);
    }
  });

  it('is in none of them after apply, plan and report, in any encoding', async () => {
    const api = await startApi();
    writeInput('customers.csv', EXPORT);
    const applied = await runBuilt(
      ['apply', 'customers.csv', '--yes', '--rate', '50', '--log-level', 'debug'],
      api.env,
    );
    expect(applied.code).toBe(5);
    const runId = runIdOf(applied);
    const planned = await runBuilt(['plan', 'customers.csv'], api.env);
    expect(planned.code).toBe(0);
    const planId = ONLY_REPORT_LINE.exec(planned.stderr)?.[1];
    const rebuilt = await runBuilt(['report', runId], api.env);
    expect(rebuilt.code).toBe(0);

    const files = allReportFiles();
    expect(files.size).toBe(10);
    // The scan reads what the files hold: the base URL is in each page and summary.
    expect(filesHolding(files, api.t.emu.baseUrl).sort()).toEqual(
      [
        `${runId}/report.html`,
        `${runId}/summary.json`,
        `${planId}/report.html`,
        `${planId}/summary.json`,
      ].sort(),
    );
    expectNoKeyIn(files, [CANARY_KEY]);
  });
});
