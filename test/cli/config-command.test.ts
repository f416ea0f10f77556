/**
 * `aa-sync config` end to end (the settings, their sources and the masked
 * key), and `aa-sync plan` whose base URL and key variable come only from a
 * profile of the config file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliResult } from '../support/cli.js';
import { aaSync, workDir, writeInput } from './support/e2e.js';
import { KEY, PLAN_EXPORT, STATE_DIR, startSeeded } from './support/plan-seed.js';

/** 40 characters; its first 8 or the whole of it in any output is a leak. */
const CANARY_KEY = 'Zq8vR3kWcanary0config0command0test0WXYZ1';

const CONFIG = [
  'defaultProfile: production',
  'profiles:',
  '  production:',
  '    baseUrl: https://answeringagent.com/api/v1',
  '    apiKeyEnv: AA_PRODUCTION_KEY',
  '    rate: 20',
  '    stateDir: .aa-sync/production',
  '    reportDir: reports/production',
  '  playground:',
  '    playground: true',
  '    apiKeyEnv: AA_PLAYGROUND_KEY',
  '',
].join('\n');

function expectNoCanary(result: CliResult): void {
  expect(CANARY_KEY).toHaveLength(40);
  const printed = `${result.stdout}\n${result.stderr}`;
  expect(printed).not.toContain(CANARY_KEY);
  expect(printed).not.toContain(CANARY_KEY.slice(0, 8));
}

describe('aa-sync config', () => {
  it('prints each setting with its source, and of the key only its length and last 4 characters', async () => {
    writeInput('aa-sync.config.yaml', CONFIG);
    const result = await aaSync(['config', '--profile', 'production'], {
      AA_PRODUCTION_KEY: CANARY_KEY,
    });
    expect(result).toEqual({
      code: 0,
      stdout: [
        'Config file: aa-sync.config.yaml (profile "production", from --profile)',
        'base URL     https://answeringagent.com/api/v1   profile "production" (aa-sync.config.yaml:4)',
        'API key      set, 40 characters, ends "…XYZ1"    AA_PRODUCTION_KEY, named by profile "production" (aa-sync.config.yaml:5)',
        'rate         20 requests/s                       profile "production" (aa-sync.config.yaml:6)',
        'concurrency  8 requests at once                  default',
        'state dir    .aa-sync/production                 profile "production" (aa-sync.config.yaml:7)',
        'report dir   reports/production                  profile "production" (aa-sync.config.yaml:8)',
        '',
      ].join('\n'),
      stderr: '',
    });
    expectNoCanary(result);
  });

  it('prints the same as one JSON object with --json, the key masked', async () => {
    writeInput('aa-sync.config.yaml', CONFIG);
    const result = await aaSync(['config', '--json', '--rate', 'auto'], {
      AA_PRODUCTION_KEY: CANARY_KEY,
      ANSWERING_AGENT_BASE_URL: 'http://127.0.0.1:4010/api/v1',
    });
    const at = (line: number) => `profile "production" (aa-sync.config.yaml:${line})`;
    const notice =
      'ANSWERING_AGENT_BASE_URL (http://127.0.0.1:4010/api/v1) overrides the base URL of ' +
      `${at(4)} (https://answeringagent.com/api/v1); unset ANSWERING_AGENT_BASE_URL to ` +
      "use the profile's";
    // A variable left over in a shell must not silently redirect a profile.
    expect([result.code, result.stderr]).toEqual([0, `aa-sync: note: ${notice}\n`]);
    expect(JSON.parse(result.stdout)).toEqual({
      configFile: 'aa-sync.config.yaml',
      profile: {
        name: 'production',
        chosenBy: 'defaultProfile at aa-sync.config.yaml:1',
      },
      baseUrl: {
        value: 'http://127.0.0.1:4010/api/v1',
        origin: 'environment',
        from: 'ANSWERING_AGENT_BASE_URL',
      },
      apiKeyEnv: { value: 'AA_PRODUCTION_KEY', origin: 'profile', from: at(5) },
      apiKey: { set: true, length: 40, endsWith: 'XYZ1' },
      rate: { value: 'auto', origin: 'flag', from: '--rate' },
      concurrency: { value: 8, origin: 'default', from: 'default' },
      stateDir: { value: '.aa-sync/production', origin: 'profile', from: at(7) },
      reportDir: { value: 'reports/production', origin: 'profile', from: at(8) },
      notices: [notice],
    });
    expectNoCanary(result);
  });

  it('says how to set a missing key, and exits 0', async () => {
    writeInput('aa-sync.config.yaml', CONFIG);
    const result = await aaSync(['config', '--profile', 'playground']);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([
      'Config file: aa-sync.config.yaml (profile "playground", from --profile)',
      'base URL     https://playground.answeringagent.com/api/v1   profile "playground" (aa-sync.config.yaml:10)',
      'API key      not set: export AA_PLAYGROUND_KEY=...          AA_PLAYGROUND_KEY, named by profile "playground" (aa-sync.config.yaml:11)',
    ]);
  });

  it('shows no character of a short key', async () => {
    const result = await aaSync(['config'], {
      ANSWERING_AGENT_API_KEY: 'sk_short_12345',
    });
    expect(result.stdout.split('\n')[2]).toBe(
      'API key      set, 14 characters                  ANSWERING_AGENT_API_KEY (default)',
    );
  });

  it('shows the defaults and where it looked when there is no config file', async () => {
    const result = await aaSync(['config', '--state-dir', 'st', '--concurrency', '3']);
    expect(result).toEqual({
      code: 0,
      stdout: [
        `Config file: none (looked for aa-sync.config.json, aa-sync.config.yaml, aa-sync.config.yml in ${workDir()})`,
        'base URL     https://answeringagent.com/api/v1             default',
        'API key      not set: export ANSWERING_AGENT_API_KEY=...   ANSWERING_AGENT_API_KEY (default)',
        'rate         10 requests/s                                 default',
        'concurrency  3 requests at once                            --concurrency',
        'state dir    st                                            --state-dir',
        'report dir   reports                                       default',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('exits 64 on a bad config file, naming its place, and prints no setting', async () => {
    writeInput('aa-sync.config.json', '{"profiles": {"p": {"rate": 0}}}');
    const result = await aaSync(['config']);
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr:
        'aa-sync: aa-sync.config.json:1:29: profiles.p.rate must be a number from 0.5 to ' +
        '1000, or "auto"; got 0\n',
    });
  });

  it('refuses a base URL it would refuse for any command', async () => {
    const result = await aaSync(['config', '--base-url', 'http://api.example/v1']);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      64,
      '',
      'aa-sync: --base-url: the base URL must use https (plain http only to this ' +
        'machine, for the emulator), since the API key travels with every request; got ' +
        '"http://api.example/v1"\n',
    ]);
  });
});

describe('aa-sync plan with a profile', () => {
  it('reads the base URL, the key variable and the directories from the profile alone', async () => {
    const api = await startSeeded();
    // The same plan from flags and the usual variables, to compare with.
    const reference = await aaSync(
      ['plan', PLAN_EXPORT, '--state-dir', STATE_DIR],
      api.env,
    );
    writeInput(
      'aa-sync.config.yaml',
      [
        'profiles:',
        '  emulator:',
        `    baseUrl: ${api.t.emu.baseUrl}`,
        '    apiKeyEnv: AA_EMULATOR_KEY',
        `    stateDir: ${STATE_DIR}`,
        '    reportDir: reports/emulator',
        '',
      ].join('\n'),
    );
    const result = await aaSync(['plan', PLAN_EXPORT, '--profile', 'emulator'], {
      AA_EMULATOR_KEY: KEY,
    });
    expect(reference.code).toBe(0);
    expect(result).toEqual({
      code: 0,
      stdout: reference.stdout,
      stderr: expect.stringMatching(
        /^Report of (\d{8}-\d{6}-[0-9a-f]{4}): reports\/emulator\/\1\/report\.html \(CSV files and summary\.json beside it\)\n$/,
      ),
    });
    expect(`${result.stdout}${result.stderr}`).not.toContain(KEY);
    const runId = /^Report of (\S+):/.exec(result.stderr)?.[1] ?? '';
    expect(existsSync(join(workDir(), 'reports/emulator', runId, 'summary.json'))).toBe(
      true,
    );
  });

  it('fails as before without the profile: the key variable is then the default one', async () => {
    const api = await startSeeded();
    writeInput(
      'aa-sync.config.yaml',
      `profiles:\n  emulator:\n    baseUrl: ${api.t.emu.baseUrl}\n`,
    );
    const result = await aaSync(['plan', PLAN_EXPORT], { AA_EMULATOR_KEY: KEY });
    expect([result.code, result.stdout, result.stderr]).toEqual([
      64,
      '',
      'aa-sync: no API key: set the environment variable ANSWERING_AGENT_API_KEY to ' +
        'your Partner API key (Settings → API Keys in the partner dashboard)\n',
    ]);
  });

  it('names the profile that names the key variable when the key is missing', async () => {
    writeInput('aa-sync.config.yaml', 'profiles:\n  p:\n    apiKeyEnv: AA_P_KEY\n');
    writeInput(
      'customers.csv',
      'org_name,owner_external_id,owner_email\nA,1,a@a.example\n',
    );
    const result = await aaSync(['plan', 'customers.csv', '--profile', 'p']);
    expect([result.code, result.stderr]).toEqual([
      64,
      'aa-sync: no API key: set the environment variable AA_P_KEY to your Partner API key ' +
        '(Settings → API Keys in the partner dashboard); profile "p" ' +
        '(aa-sync.config.yaml:3) names it\n',
    ]);
  });
});
