/**
 * How the commands use the resolved settings: the API target names the real
 * source of its base URL, and a continued run keeps its own pace unless a
 * flag changes it.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveApiTarget } from '../../src/cli/api-flags.js';
import { runOptionsOf } from '../../src/cli/run-flags.js';
import { targetForRun } from '../../src/cli/run-start.js';
import type { RunRecord } from '../../src/checkpoint/run-types.js';
import type { SettingFlagValues, Settings } from '../../src/config/index.js';
import { resolveSettings } from '../../src/config/index.js';

let dir = '';

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'aa-sync-settings-use-')));
  writeFileSync(
    join(dir, 'aa-sync.config.yaml'),
    'profiles:\n  p:\n    baseUrl: http://127.0.0.1:4012/api/v1\n    rate: 20\n    concurrency: 4\n',
  );
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const settingsOf = (flags: SettingFlagValues): Settings =>
  resolveSettings(flags, {}, dir);

const RECORDED = { rate: 7, burst: 1, concurrency: 2, maxOutageMs: 120_000 };

describe('the API target of a profile', () => {
  it('names the profile line as the source of the base URL', () => {
    const target = resolveApiTarget(
      { playground: false, settings: settingsOf({ profile: 'p' }) },
      { ANSWERING_AGENT_API_KEY: 'sk_test_settings_use' },
    );
    expect([target.baseUrl, target.baseUrlFrom]).toEqual([
      'http://127.0.0.1:4012/api/v1',
      'profile "p" (aa-sync.config.yaml:3)',
    ]);
  });

  it('counts as chosen: a run of another environment is refused, not silently used', () => {
    const target = resolveApiTarget(
      { playground: false, settings: settingsOf({ profile: 'p' }) },
      { ANSWERING_AGENT_API_KEY: 'sk_test_settings_use' },
    );
    const run = {
      id: '20261204-120000-abcd',
      baseUrl: 'http://127.0.0.1:4011/api/v1',
      environment: 'http://127.0.0.1:4011/api/v1',
    } as RunRecord;
    expect(() => targetForRun(target, run)).toThrow(
      'run 20261204-120000-abcd was against http://127.0.0.1:4011/api/v1, not ' +
        'http://127.0.0.1:4012/api/v1; give --base-url http://127.0.0.1:4011/api/v1 to work on it',
    );
  });
});

describe('the run options', () => {
  const runFlags = { forceUnlock: false };

  it("of a new run take the profile's rate and concurrency", () => {
    const options = runOptionsOf({ ...runFlags, settings: settingsOf({ profile: 'p' }) });
    expect([options.rate, options.concurrency]).toEqual([20, 4]);
  });

  it("of a continued run keep the run's own over the profile's", () => {
    const options = runOptionsOf(
      { ...runFlags, settings: settingsOf({ profile: 'p' }) },
      RECORDED,
    );
    expect([options.rate, options.concurrency]).toEqual([7, 2]);
  });

  it('of a continued run take a flag over the run', () => {
    const settings = settingsOf({ profile: 'p', rate: '50', concurrency: '16' });
    const options = runOptionsOf({ ...runFlags, settings }, RECORDED);
    expect([options.rate, options.concurrency]).toEqual([50, 16]);
  });
});
