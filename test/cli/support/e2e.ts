/**
 * Support for end-to-end tests of the commands: a temp directory per test that
 * the child runs in (so files are named as a person would type them), an
 * environment without the developer's own API settings, the emulator's request
 * log, and the checkpoint memory an earlier run would have left.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import {
  environmentOf,
  openCheckpoint,
  rememberOrganization,
} from '../../../src/checkpoint/index.js';
import type { RequestLogEntry } from '../../../src/emulator/index.js';
import type { CliResult } from '../../support/cli.js';
import { PROJECT_ROOT, runCli } from '../../support/cli.js';
import type { TestEmulator } from '../../emulator/support.js';
import { T0_TEXT } from '../../emulator/support.js';

/** The variables that point aa-sync at an API; a test sets them itself. */
const API_VARIABLES = ['ANSWERING_AGENT_API_KEY', 'ANSWERING_AGENT_BASE_URL'];
export const EXPORTS_DIR = join(PROJECT_ROOT, 'test/fixtures/exports');
export const MAPS_DIR = join(PROJECT_ROOT, 'test/fixtures/maps');

/** The line validate ends with when customers were rejected and no limit was given. */
export const rejectedTail = (count: string): string =>
  `aa-sync: ${count} rejected: fix the rows listed above, or give --max-invalid ` +
  'to accept a few rejects\n';
export const AREA_CODE_HINT =
  'Give the 3-digit area code of the number to provision, such as 617, or leave it empty for no number.';
export const EMAIL_HINT = 'Write one address such as name@example.com.';

let dir = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-sync-e2e-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The current test's working directory. */
export const workDir = (): string => dir;

/** This process's environment without API settings, plus `extra`. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of API_VARIABLES) delete env[name];
  return { ...env, ...extra };
}

/** Runs aa-sync in the test's directory with `childEnv(env)`. */
export function aaSync(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return runCli(args, { cwd: dir, env: childEnv(env) });
}

/** Copies a fixture export into the test's directory under its own name. */
export function useExport(name: string): string {
  copyFileSync(join(EXPORTS_DIR, name), join(dir, name));
  return name;
}

/** Writes a file into the test's directory and returns its name. */
export function writeInput(name: string, content: string | Uint8Array): string {
  writeFileSync(join(dir, name), content);
  return name;
}

/** Every API request the emulator has logged (control requests are not logged). */
export async function apiRequests(t: TestEmulator): Promise<RequestLogEntry[]> {
  const answer = await t.control('GET', '/requests?since=0');
  return (answer.body as { requests: RequestLogEntry[] }).requests;
}

/** `METHOD path?query` of every logged API request, in order. */
export async function requestLines(t: TestEmulator): Promise<string[]> {
  return (await apiRequests(t)).map(
    (entry) =>
      `${entry.method} ${entry.path}${entry.query === '' ? '' : `?${entry.query}`}`,
  );
}

/**
 * Writes what an earlier apply would have left in `stateDir`: customer key →
 * organization id, for the environment of `baseUrl`.
 */
export function remember(
  stateDir: string,
  baseUrl: string,
  organizations: Record<string, number>,
): void {
  const checkpoint = openCheckpoint(stateDir);
  try {
    for (const [key, id] of Object.entries(organizations)) {
      rememberOrganization(checkpoint, environmentOf(baseUrl), key, id, 'run-1', T0_TEXT);
    }
  } finally {
    checkpoint.close();
  }
}
