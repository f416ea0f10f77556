import { describe, expect, it } from 'vitest';
import { maskKnownSecrets } from '../../src/secrets/known-secrets.js';
import { errorOf, settingsOf, writeConfig } from './support.js';

/** The usage error a file with `text` gives; its exit code is always 64. */
function problemsOf(name: string, text: string): string {
  writeConfig(name, text);
  const { message, exitCode } = errorOf(() => settingsOf());
  expect(exitCode).toBe(64);
  return message;
}

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('a config file with a syntax error', () => {
  it('gives the line and column of a JSON error', () => {
    const text = '{\n  "profiles": {\n    "p": { "rate": 5, }\n  }\n}\n';
    expect(problemsOf('aa-sync.config.json', text)).toBe(
      'aa-sync.config.json:3:23: not valid JSON: unexpected "}"',
    );
  });

  it('shows only the offending character of a JSON error, never the text around it', () => {
    const text = '{\n  "profiles": {\n    "p": { "apiKey": sk_live_4d9f20aa }\n  }\n}\n';
    expect(problemsOf('aa-sync.config.json', text)).toBe(
      'aa-sync.config.json:3:22: not valid JSON: unexpected "s"',
    );
  });

  it('says where a JSON file ends too early', () => {
    expect(problemsOf('aa-sync.config.json', '{\n  "profiles": {\n')).toBe(
      'aa-sync.config.json:3:1: not valid JSON: the file ends before the JSON does ' +
        '(a missing }, ] or ")',
    );
  });

  it('gives the line and column of a YAML error', () => {
    expect(problemsOf('aa-sync.config.yaml', yaml('profiles:', '  p: [1,'))).toBe(
      'aa-sync.config.yaml:3:1: not valid YAML: Flow sequence in block collection must be ' +
        'sufficiently indented and end with a ]',
    );
  });

  it('refuses a field written twice', () => {
    const text = yaml('profiles:', '  p:', '    rate: 1', '    rate: 2');
    expect(problemsOf('aa-sync.config.yml', text)).toBe(
      'aa-sync.config.yml:4:5: a field is written twice; keep one',
    );
  });
});

describe('a config file of the wrong shape', () => {
  it('refuses an unknown profile field, with the one meant', () => {
    const text = yaml('profiles:', '  production:', '    concurency: 4');
    expect(problemsOf('aa-sync.config.yaml', text)).toBe(
      'aa-sync.config.yaml:3:5: profiles.production.concurency is not a setting aa-sync ' +
        'knows (a profile may hold baseUrl, playground, apiKeyEnv, rate, concurrency, ' +
        'stateDir, reportDir); did you mean concurrency?',
    );
  });

  it('suggests the field a snake_case spelling means', () => {
    const text = '{"profiles": {"p": {"base_url": "https://x.example"}}}';
    expect(problemsOf('aa-sync.config.json', text)).toMatch(/; did you mean baseUrl\?$/);
  });

  it('refuses an unknown top-level field', () => {
    expect(problemsOf('aa-sync.config.yaml', yaml('profile:', '  p: {}'))).toBe(
      [
        'the config file aa-sync.config.yaml has 2 problems:',
        '  aa-sync.config.yaml:1:1: profile is not a field aa-sync knows (the file holds ' +
          'defaultProfile and profiles; settings go inside a profile); did you mean profiles?',
        '  aa-sync.config.yaml: has no profiles field: name at least one profile under profiles',
      ].join('\n'),
    );
  });

  it('refuses a value of the wrong type, showing it', () => {
    const text = yaml(
      'profiles:',
      '  p:',
      '    concurrency: eight',
      '    playground: yes',
    );
    expect(problemsOf('aa-sync.config.yaml', text)).toBe(
      [
        'the config file aa-sync.config.yaml has 2 problems:',
        '  aa-sync.config.yaml:3:18: profiles.p.concurrency must be a whole number from 1 ' +
          'to 256; got "eight"',
        '  aa-sync.config.yaml:4:17: profiles.p.playground must be true or false; got "yes"',
      ].join('\n'),
    );
  });

  it('refuses a rate out of range, naming the profile path instead of the flag', () => {
    const text = yaml('profiles:', '  production:', '    rate: 5000');
    expect(problemsOf('aa-sync.config.yaml', text)).toBe(
      'aa-sync.config.yaml:3:11: profiles.production.rate must be a number from 0.5 to ' +
        '1000, or "auto"; got 5000',
    );
  });

  it('refuses a quoted number where a number belongs', () => {
    const text = '{"profiles": {"p": {"concurrency": "8"}}}';
    expect(problemsOf('aa-sync.config.json', text)).toBe(
      'aa-sync.config.json:1:36: profiles.p.concurrency must be a whole number from 1 to ' +
        '256; got "8"',
    );
  });

  it('refuses plain http to another machine, as --base-url does', () => {
    const text = yaml('profiles:', '  p:', '    baseUrl: http://api.example/v1');
    expect(problemsOf('aa-sync.config.yaml', text)).toBe(
      'aa-sync.config.yaml:3:14: profiles.p.baseUrl is not usable: the base URL must use ' +
        'https (plain http only to this machine, for the emulator), since the API key ' +
        'travels with every request; got "http://api.example/v1"',
    );
  });

  it('refuses baseUrl with playground: true', () => {
    const text = yaml(
      'profiles:',
      '  p:',
      '    baseUrl: https://x.example',
      '    playground: true',
    );
    expect(problemsOf('aa-sync.config.yaml', text)).toBe(
      'aa-sync.config.yaml:4:17: profiles.p.playground and baseUrl are both set; give ' +
        'baseUrl or playground: true, not both',
    );
  });

  it('refuses a defaultProfile that names no profile', () => {
    const text = yaml('defaultProfile: prodution', 'profiles:', '  production: {}');
    expect(problemsOf('aa-sync.config.yaml', text)).toBe(
      'aa-sync.config.yaml:1:17: defaultProfile must name one of the profiles ' +
        '("production"); got "prodution"; did you mean production?',
    );
  });

  it('refuses an empty file', () => {
    expect(problemsOf('aa-sync.config.yaml', '')).toBe(
      'aa-sync.config.yaml: must hold a mapping with profiles (and optionally ' +
        'defaultProfile); got null',
    );
  });

  it('checks every profile, not only the one in use', () => {
    const text = yaml('profiles:', '  good: {rate: 5}', '  bad: {rate: 0}');
    expect(problemsOf('aa-sync.config.yaml', text)).toBe(
      'aa-sync.config.yaml:3:15: profiles.bad.rate must be a number from 0.5 to 1000, ' +
        'or "auto"; got 0',
    );
  });
});

describe('a key in a config file', () => {
  const KEY = 'sk_live_7Qm2rX9vLp4Tn8Wc';

  it.each(['apiKey', 'key', 'token', 'secret', 'api_key', 'partnerToken'])(
    'refuses a field named %s without showing its value',
    (field) => {
      const text = yaml('profiles:', '  production:', `    ${field}: ${KEY}`);
      const message = problemsOf('aa-sync.config.yaml', text);
      expect(message).toBe(
        `aa-sync.config.yaml:3:5: profiles.production.${field}: a key must never be ` +
          'stored in the config file (the value is not shown); put the key in an ' +
          'environment variable and name that variable with apiKeyEnv in the profile, ' +
          'such as apiKeyEnv: AA_PRODUCTION_KEY',
      );
    },
  );

  it('remembers the refused value as a secret, so no later message shows it', () => {
    problemsOf('aa-sync.config.yaml', yaml(`apiKey: ${KEY}`, 'profiles:', '  p: {}'));
    expect(maskKnownSecrets(`the key ${KEY}`)).not.toContain(KEY);
  });

  it('refuses an apiKeyEnv that is no variable name without showing it', () => {
    const text = yaml('profiles:', '  p:', `    apiKeyEnv: ${KEY}`);
    expect(problemsOf('aa-sync.config.yaml', text)).toBe(
      'aa-sync.config.yaml:3:16: profiles.p.apiKeyEnv must name the environment variable ' +
        'that holds the key, in capitals, digits and _, such as AA_PRODUCTION_KEY (the ' +
        'value is not shown: it may be a key)',
    );
  });
});
