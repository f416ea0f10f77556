/**
 * A second apply of the same export changes nothing: it reads the live state
 * once, sends no write and says there is nothing to change. While one apply
 * holds the state directory, another exits at once with EXIT.locked and names
 * the holder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { DEMO_KEY, startTest } from '../emulator/support.js';
import type { TestEmulator } from '../emulator/support.js';
import { ONLY_REPORT_LINE, finished, spawnCli } from '../support/cli.js';
import {
  aaSync,
  childEnv,
  requestLines,
  workDir,
  writeInput,
} from '../cli/support/e2e.js';
import { waitForLockHolder } from './support/crash-lock.js';

const STATE_DIR = 'state';
/** Three customers: an extra user, three locations with numbers to provision. */
const EXPORT =
  'customer_id,org_name,owner_external_id,owner_email,owner_name,location_name,' +
  'location_address,location_area_code,user_external_id,user_email,user_name,user_role\n' +
  'K1,Harbor Dental,o-1,dana@harbor.example,Dana Ruiz,Main Office,1 Harbor Rd,617,' +
  'u-1,lee@harbor.example,Lee Park,manager\n' +
  'K1,Harbor Dental,o-1,dana@harbor.example,Dana Ruiz,Annex,3 Harbor Rd,617,,,,\n' +
  'K2,Oak Bakery,o-2,sam@oak.example,Sam Ortiz,Downtown,9 Oak Ave,415,,,,\n' +
  'K3,Pine Law,o-3,kim@pine.example,Kim Lee,,,,,,,\n';
const FIRST_PLAN =
  'Plan: 7 to create (3 organizations, 1 user, 3 locations: 3 new phone numbers), ' +
  '0 to update, 0 to delete; 0 unchanged, 0 adopted, 0 conflicts, 0 drift.';
const RUN_ID = /^Run (\d{8}-\d{6}-[0-9a-f]{4}) /m;
/** Each request waits this long in the slow emulator, so an apply holds its lock for seconds. */
const SLOW_LATENCY_MS = 1_000;
const LOCK_WAIT_MS = 10_000;
/** The refused apply starts node, opens the checkpoint and stops: no request, no wait. */
const AT_ONCE_MS = 5_000;

function apiEnv(t: TestEmulator): Record<string, string> {
  return { ANSWERING_AGENT_API_KEY: DEMO_KEY, ANSWERING_AGENT_BASE_URL: t.emu.baseUrl };
}

function apply(t: TestEmulator, input: string) {
  return aaSync(
    ['apply', input, '--yes', '--state-dir', STATE_DIR, '--rate', '50'],
    apiEnv(t),
  );
}

/** `METHOD path` of the API requests after sequence number `since`. */
async function requestsAfter(t: TestEmulator, since: number): Promise<string[]> {
  const answer = await t.control('GET', `/requests?since=${since}`);
  const { requests } = answer.body as { requests: RequestLogEntry[] };
  return requests.map((entry) => `${entry.method} ${entry.path}`);
}

async function lastSeq(t: TestEmulator): Promise<number> {
  return (await t.control('GET', '/requests?since=0&limit=0')).body.lastSeq as number;
}

describe('a second apply of the same export', () => {
  it('reads the live state once, sends no write and exits 0 with no changes', async () => {
    const t = await startTest();
    const input = writeInput('customers.csv', EXPORT);
    const first = await apply(t, input);
    expect(first.code).toBe(EXIT.ok);
    expect(first.stdout).toContain(`${FIRST_PLAN}\n`);
    expect(first.stdout).toMatch(/completed: 7 operations: 7 succeeded, 0 adopted/);
    const writes = (await requestLines(t)).filter((line) => !line.startsWith('GET '));
    expect(writes).toHaveLength(7);
    const before = await lastSeq(t);

    const second = await apply(t, input);

    expect(second.code).toBe(EXIT.ok);
    const runId = RUN_ID.exec(second.stdout)?.[1] ?? '';
    expect(second.stdout).toBe(
      'No changes. 3 customers match the live state.\n' +
        `Run ${runId} completed: nothing to change.\n` +
        `Report of ${runId}: reports/${runId}/report.html (CSV files and summary.json beside it)\n`,
    );
    expect(await requestsAfter(t, before)).toEqual(['GET /api/v1/organizations']);
    // Its report says so too: one request, no operation.
    const summary = JSON.parse(
      readFileSync(join(workDir(), 'reports', runId, 'summary.json'), 'utf8'),
    ) as { totals: { requests: number; operations: number } };
    expect([summary.totals.requests, summary.totals.operations]).toEqual([1, 0]);
  });

  it('plans no change after an apply of the plan it was shown', async () => {
    const t = await startTest();
    const input = writeInput('customers.csv', EXPORT);
    const planArgs = [
      'plan',
      input,
      '--state-dir',
      STATE_DIR,
      '--detailed-exitcode',
      '--quiet',
    ];
    const before = await aaSync(planArgs, apiEnv(t));
    expect(before).toEqual({
      code: EXIT.changes,
      stdout: `${FIRST_PLAN}\n`,
      stderr: expect.stringMatching(ONLY_REPORT_LINE),
    });
    expect((await apply(t, input)).code).toBe(EXIT.ok);

    const after = await aaSync(planArgs, apiEnv(t));

    expect(after).toEqual({
      code: EXIT.ok,
      stdout: 'No changes. 3 customers match the live state.\n',
      stderr: expect.stringMatching(ONLY_REPORT_LINE),
    });
  });
});

describe('an apply started while another holds the state directory', () => {
  it('exits 8 at once and names the holder, which finishes undisturbed', async () => {
    const t = await startTest({ faults: { latencyMs: SLOW_LATENCY_MS } });
    const input = writeInput('customers.csv', EXPORT);
    const args = ['apply', input, '--yes', '--state-dir', STATE_DIR, '--rate', '50'];
    const env = childEnv(apiEnv(t));
    const holder = spawnCli(args, { cwd: workDir(), env });
    const holderDone = finished(holder);
    const lock = await waitForLockHolder(join(workDir(), STATE_DIR), LOCK_WAIT_MS);
    expect(lock).toEqual({ pid: holder.pid, command: 'apply' });

    const startedMs = Date.now();
    const second = await aaSync(args, apiEnv(t));
    const tookMs = Date.now() - startedMs;

    expect(second.code).toBe(EXIT.locked);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain(`another aa-sync apply (pid ${holder.pid} on host `);
    expect(tookMs).toBeLessThan(AT_ONCE_MS);
    expect(holder.exitCode).toBe(null);
    const first = await holderDone;
    expect(first.code).toBe(EXIT.ok);
    expect(first.stdout).toMatch(/completed: 7 operations: 7 succeeded, 0 adopted/);
  });
});
