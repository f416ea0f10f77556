/**
 * A temp directory per test to write config files into, cleaned after it,
 * and the resolution of settings from there with a given environment.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { SettingFlagValues, Settings } from '../../src/config/index.js';
import { resolveSettings } from '../../src/config/index.js';

let dir = '';

beforeEach(() => {
  // realpath: on some systems the temp directory is reached through a link.
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'aa-sync-config-')));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The current test's directory, standing for the working directory. */
export const cwd = (): string => dir;

/** Writes `text` to `name` (below the test's directory) and returns its path. */
export function writeConfig(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The settings `flags` and `env` resolve to in the test's directory. */
export function settingsOf(
  flags: SettingFlagValues = {},
  env: NodeJS.ProcessEnv = {},
): Settings {
  return resolveSettings(flags, env, dir);
}

/** The message of the error `run` throws (and fails when it throws none). */
export function errorOf(run: () => unknown): { message: string; exitCode: unknown } {
  try {
    run();
  } catch (error) {
    const { message, exitCode } = error as { message: string; exitCode?: unknown };
    return { message, exitCode };
  }
  throw new Error('expected an error, and none was thrown');
}
