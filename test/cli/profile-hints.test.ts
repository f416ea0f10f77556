/**
 * A run made with `--profile` ends with next steps that name the profile: a
 * hint without it would read the default key variable and stop at "no API
 * key". The hint printed is run as printed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANARY_KEY, setFaults, startApi, writeCustomers } from './support/apply-cli.js';
import { aaSync, workDir } from './support/e2e.js';

describe('next-step hints of a run made with a profile', () => {
  it('repeat --profile, and work as printed', async () => {
    const api = await startApi();
    writeFileSync(
      join(workDir(), 'aa-sync.config.yaml'),
      `profiles:\n  prod:\n    baseUrl: ${api.t.emu.baseUrl}\n    apiKeyEnv: AA_PROD_KEY\n    stateDir: prod-state\n    reportDir: prod-reports\n`,
    );
    writeCustomers(1);
    const env = { AA_PROD_KEY: CANARY_KEY };
    await setFaults(api, { errorRate: 1, errorStatuses: [503], writesOnly: true });
    const applied = await aaSync(
      ['apply', 'customers.csv', '--profile', 'prod', '--yes', '--max-retry-ms', '0'],
      env,
    );
    expect(applied.code, applied.stdout + applied.stderr).toBe(5);
    const runId = /^Run (\S+) partial/m.exec(applied.stdout)?.[1] ?? '';
    expect(applied.stdout.split('\n').slice(1, 4)).toEqual([
      `Run ${runId} partial: 2 operations: 0 succeeded, 0 adopted, 1 failed, 1 skipped, 0 not done.`,
      `See the failures with \`aa-sync status ${runId} --profile prod\` or in the report; ` +
        `after fixing their cause, run \`aa-sync retry-failed ${runId} --profile prod\`.`,
      `Report of ${runId}: prod-reports/${runId}/report.html (CSV files and summary.json beside it)`,
    ]);
    const hint = /run `aa-sync (retry-failed \S+ --profile prod)`/.exec(applied.stdout);
    const status = await aaSync(['status', runId, '--profile', 'prod'], env);
    expect(status.stdout.trimEnd().split('\n').at(-1)).toBe(
      `Next: \`aa-sync retry-failed ${runId} --profile prod\` starts a new run of what failed.`,
    );

    await setFaults(api, {});
    const retried = await aaSync([...(hint?.[1] ?? '').split(' '), '--yes'], env);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toMatch(/^Run \S+ completed: 2 operations: 2 succeeded, /);
  });
});

describe('a base URL from the environment over a profile', () => {
  it('is used, and said in a warning: a variable left in a shell must not redirect silently', async () => {
    const api = await startApi();
    writeFileSync(
      join(workDir(), 'aa-sync.config.yaml'),
      'profiles:\n  prod:\n    baseUrl: https://answeringagent.com/api/v1\n',
    );
    writeCustomers(1);
    const planned = await aaSync(['plan', 'customers.csv', '--profile', 'prod'], api.env);
    expect(planned.code).toBe(0);
    const warnings = planned.stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: string; message: string })
      .filter((line) => line.level === 'warn')
      .map((line) => line.message);
    expect(warnings).toEqual([
      `ANSWERING_AGENT_BASE_URL (${api.t.emu.baseUrl}) overrides the base URL of profile ` +
        '"prod" (aa-sync.config.yaml:3) (https://answeringagent.com/api/v1); unset ' +
        "ANSWERING_AGENT_BASE_URL to use the profile's",
    ]);
  });
});
