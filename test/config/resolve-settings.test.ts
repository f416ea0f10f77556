import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/index.js';
import { cwd, errorOf, settingsOf, writeConfig } from './support.js';

const PROFILE_FILE = [
  'profiles:',
  '  production:',
  '    baseUrl: https://profile.example/api/v1',
  '    apiKeyEnv: AA_PRODUCTION_KEY',
  '    rate: 20',
  '    concurrency: 4',
  '    stateDir: state/production',
  '    reportDir: reports/production',
  '  playground:',
  '    playground: true',
  '',
].join('\n');

const FLAGS = {
  baseUrl: 'https://flag.example/api/v1',
  apiKeyEnv: 'FLAG_KEY',
  rate: '30',
  concurrency: '2',
  stateDir: 'flag-state',
  reportDir: 'flag-reports',
};

const ENV = { ANSWERING_AGENT_BASE_URL: 'https://env.example/api/v1' };

/** Each setting as `[value, from]`, the way the table below reads. */
function table(settings: Settings): Record<string, [unknown, string]> {
  const { baseUrl, apiKeyEnv, rate, concurrency, stateDir, reportDir } = settings;
  return Object.fromEntries(
    Object.entries({ baseUrl, apiKeyEnv, rate, concurrency, stateDir, reportDir }).map(
      ([name, setting]) => [name, [setting.value, setting.from]],
    ),
  );
}

const at = (line: number) => `profile "production" (aa-sync.config.yaml:${line})`;

describe('settings precedence: flag > environment > profile > default', () => {
  it('takes every default when there is no config file, no variable and no flag', () => {
    expect(table(settingsOf())).toEqual({
      baseUrl: ['https://answeringagent.com/api/v1', 'default'],
      apiKeyEnv: ['ANSWERING_AGENT_API_KEY', 'default'],
      rate: [10, 'default'],
      concurrency: [8, 'default'],
      stateDir: ['.aa-sync', 'default'],
      reportDir: ['reports', 'default'],
    });
  });

  it("takes every value of the profile over the defaults, naming the profile's line", () => {
    writeConfig('aa-sync.config.yaml', PROFILE_FILE);
    expect(table(settingsOf({ profile: 'production' }))).toEqual({
      baseUrl: ['https://profile.example/api/v1', at(3)],
      apiKeyEnv: ['AA_PRODUCTION_KEY', at(4)],
      rate: [20, at(5)],
      concurrency: [4, at(6)],
      stateDir: ['state/production', at(7)],
      reportDir: ['reports/production', at(8)],
    });
  });

  it('takes ANSWERING_AGENT_BASE_URL over the profile, for the base URL only', () => {
    writeConfig('aa-sync.config.yaml', PROFILE_FILE);
    expect(table(settingsOf({ profile: 'production' }, ENV))).toEqual({
      baseUrl: ['https://env.example/api/v1', 'ANSWERING_AGENT_BASE_URL'],
      apiKeyEnv: ['AA_PRODUCTION_KEY', at(4)],
      rate: [20, at(5)],
      concurrency: [4, at(6)],
      stateDir: ['state/production', at(7)],
      reportDir: ['reports/production', at(8)],
    });
  });

  it('takes every flag over the environment and the profile', () => {
    writeConfig('aa-sync.config.yaml', PROFILE_FILE);
    expect(table(settingsOf({ ...FLAGS, profile: 'production' }, ENV))).toEqual({
      baseUrl: ['https://flag.example/api/v1', '--base-url'],
      apiKeyEnv: ['FLAG_KEY', '--api-key-env'],
      rate: [30, '--rate'],
      concurrency: [2, '--concurrency'],
      stateDir: ['flag-state', '--state-dir'],
      reportDir: ['flag-reports', '--report-dir'],
    });
  });

  it('takes every flag over the defaults when there is no config file', () => {
    expect(table(settingsOf(FLAGS))).toEqual({
      baseUrl: ['https://flag.example/api/v1', '--base-url'],
      apiKeyEnv: ['FLAG_KEY', '--api-key-env'],
      rate: [30, '--rate'],
      concurrency: [2, '--concurrency'],
      stateDir: ['flag-state', '--state-dir'],
      reportDir: ['flag-reports', '--report-dir'],
    });
  });

  it('takes --playground over the environment, and playground: true over the default', () => {
    writeConfig('aa-sync.config.yaml', PROFILE_FILE);
    const flag = settingsOf({ playground: true, profile: 'production' }, ENV).baseUrl;
    const profile = settingsOf({ profile: 'playground' }).baseUrl;
    expect([flag.value, flag.from, profile.value, profile.from]).toEqual([
      'https://playground.answeringagent.com/api/v1',
      '--playground',
      'https://playground.answeringagent.com/api/v1',
      'profile "playground" (aa-sync.config.yaml:10)',
    ]);
  });

  it('leaves the settings a profile does not hold at their defaults', () => {
    writeConfig('aa-sync.config.yaml', PROFILE_FILE);
    const settings = table(settingsOf({ profile: 'playground' }));
    expect([settings.apiKeyEnv, settings.rate, settings.stateDir]).toEqual([
      ['ANSWERING_AGENT_API_KEY', 'default'],
      [10, 'default'],
      ['.aa-sync', 'default'],
    ]);
  });

  it('uses no profile when none is chosen, even with a config file', () => {
    writeConfig('aa-sync.config.yaml', PROFILE_FILE);
    const settings = settingsOf();
    expect([settings.file?.shown, settings.profile, settings.baseUrl.from]).toEqual([
      'aa-sync.config.yaml',
      undefined,
      'default',
    ]);
  });

  it('keeps the flag checks and their messages: --rate out of range', () => {
    expect(errorOf(() => settingsOf({ rate: '5000' }))).toEqual({
      message: '--rate must be a number from 0.5 to 1000; got "5000"',
      exitCode: 64,
    });
  });

  it('refuses --base-url with --playground as before', () => {
    expect(
      errorOf(() => settingsOf({ baseUrl: FLAGS.baseUrl, playground: true })),
    ).toEqual({ message: 'give --base-url or --playground, not both', exitCode: 64 });
  });

  it('reads rate "auto" from a profile', () => {
    writeConfig('aa-sync.config.json', '{"profiles": {"p": {"rate": "auto"}}}');
    const rate = settingsOf({ profile: 'p' }).rate;
    expect([rate.value, rate.from]).toEqual([
      'auto',
      'profile "p" (aa-sync.config.json:1)',
    ]);
  });
});

describe('choosing the profile', () => {
  const FILE = [
    'defaultProfile: production',
    'profiles:',
    '  production: {rate: 20}',
    '  staging: {rate: 5}',
    '  playground: {playground: true}',
    '',
  ].join('\n');

  it('takes --profile over AA_SYNC_PROFILE over defaultProfile', () => {
    writeConfig('aa-sync.config.yaml', FILE);
    const env = { AA_SYNC_PROFILE: 'staging' };
    expect([
      settingsOf({ profile: 'playground' }, env).profile,
      settingsOf({}, env).profile,
      settingsOf().profile,
    ]).toEqual([
      { name: 'playground', chosenBy: '--profile' },
      { name: 'staging', chosenBy: 'AA_SYNC_PROFILE' },
      { name: 'production', chosenBy: 'defaultProfile at aa-sync.config.yaml:1' },
    ]);
  });

  it('refuses an unknown profile, listing the profiles and the one meant', () => {
    writeConfig('aa-sync.config.yaml', FILE);
    expect(errorOf(() => settingsOf({ profile: 'stagng' }))).toEqual({
      message:
        '--profile stagng: aa-sync.config.yaml has no such profile (its profiles: ' +
        '"production", "staging" and "playground"); did you mean staging?',
      exitCode: 64,
    });
  });

  it('refuses an unknown profile named by AA_SYNC_PROFILE', () => {
    writeConfig('aa-sync.config.yaml', FILE);
    expect(errorOf(() => settingsOf({}, { AA_SYNC_PROFILE: 'qa' })).message).toBe(
      'AA_SYNC_PROFILE qa: aa-sync.config.yaml has no such profile (its profiles: ' +
        '"production", "staging" and "playground")',
    );
  });

  it('refuses --profile when there is no config file, saying where it looked', () => {
    expect(errorOf(() => settingsOf({ profile: 'production' }))).toEqual({
      message:
        '--profile production: no config file was found (looked for aa-sync.config.json, ' +
        `aa-sync.config.yaml, aa-sync.config.yml in ${cwd()}); create one there, or ` +
        'name one with --config FILE',
      exitCode: 64,
    });
  });
});

describe('finding the config file', () => {
  it('refuses two config files in the working directory, naming both', () => {
    writeConfig('aa-sync.config.json', '{"profiles": {"p": {}}}');
    writeConfig('aa-sync.config.yml', 'profiles:\n  p: {}\n');
    expect(errorOf(() => settingsOf())).toEqual({
      message:
        `found aa-sync.config.json and aa-sync.config.yml in ${cwd()}: aa-sync reads one ` +
        'config file; remove or rename all but one, or choose one with --config FILE',
      exitCode: 64,
    });
  });

  it('reads the file --config names instead of the ones in the working directory', () => {
    writeConfig('aa-sync.config.json', '{"profiles": {"p": {"rate": 1}}}');
    writeConfig('aa-sync.config.yml', 'profiles:\n  p: {rate: 2}\n');
    writeConfig('conf/other.yaml', 'profiles:\n  p:\n    rate: 3\n');
    const settings = settingsOf({ config: 'conf/other.yaml', profile: 'p' });
    expect([settings.file, settings.rate.value, settings.rate.from]).toEqual([
      { shown: 'conf/other.yaml', absolute: join(cwd(), 'conf/other.yaml') },
      3,
      'profile "p" (conf/other.yaml:3)',
    ]);
  });

  it('refuses a --config file that does not exist', () => {
    expect(errorOf(() => settingsOf({ config: 'missing.yaml' }))).toEqual({
      message:
        `--config missing.yaml: no such file (${join(cwd(), 'missing.yaml')}); name an ` +
        'existing .json, .yaml or .yml file',
      exitCode: 64,
    });
  });
});

describe("the profile's directories", () => {
  it("are relative to the config file's directory, shown relative to the working directory", () => {
    writeConfig(
      'ops/aa-sync.yaml',
      'profiles:\n  p:\n    stateDir: state\n    reportDir: ../reports/p\n',
    );
    const settings = settingsOf({ config: 'ops/aa-sync.yaml', profile: 'p' });
    expect([settings.stateDir.value, settings.reportDir.value]).toEqual([
      join('ops', 'state'),
      join('reports', 'p'),
    ]);
  });

  it('are absolute when they lie outside the working directory', () => {
    writeConfig('aa-sync.config.yaml', 'profiles:\n  p:\n    stateDir: ../elsewhere\n');
    const settings = settingsOf({ profile: 'p' });
    expect(settings.stateDir.value).toBe(join(cwd(), '..', 'elsewhere'));
  });

  it('are "." when they are the working directory itself', () => {
    writeConfig('aa-sync.config.yaml', 'profiles:\n  p:\n    reportDir: .\n');
    expect(settingsOf({ profile: 'p' }).reportDir.value).toBe('.');
  });
});
