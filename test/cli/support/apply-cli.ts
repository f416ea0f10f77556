/**
 * Support for end-to-end tests of the writing commands (apply, resume,
 * retry-failed) and the views (runs, status): the BUILT command line from
 * dist/ (run `npm run build` first) in the test's directory, against an
 * emulator of the test process that knows only a canary key, plus the request
 * log, faults and keys of that emulator.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { CountersSnapshot, RequestLogEntry } from '../../../src/emulator/index.js';
import type { FaultSettings } from '../../../src/emulator/fault-settings.js';
import type { TestEmulator } from '../../emulator/support.js';
import { startTest } from '../../emulator/support.js';
import type { CliResult } from '../../support/cli.js';
import { PROJECT_ROOT, finished } from '../../support/cli.js';
import { apiRequests, childEnv, workDir, writeInput } from './e2e.js';

/** A key only these tests use: finding it in any output or file is a leak. */
export const CANARY_KEY = 'sk_live_CANARY_apply_e2e_5Kq8Zr2W';
/** A second key of the same partner, for a run resumed after a revocation. */
export const SECOND_KEY = 'sk_live_second_apply_e2e_3Jx7';
export const PARTNER = 'acme';
/** The state directory of these tests, inside the test's directory. */
export const STATE_DIR = 'state';
/** The export the tests write (see `writeCustomers`). */
export const EXPORT = 'customers.csv';
/** The CLI as built by `npm run build`. */
const BUILT_ENTRY = join(PROJECT_ROOT, 'dist/cli/main.js');
const POLL_MS = 20;
/** How long a test waits for the emulator to see what it expects. */
const WAIT_MS = 10_000;

/** The emulator of one test and the environment that points the child at it. */
export interface ApplyApi {
  t: TestEmulator;
  env: Record<string, string>;
}

const children = new Set<ChildProcess>();

afterEach(() => {
  // A test that failed half-way must not leave its child running.
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
});

/** Starts an empty emulator that accepts only CANARY_KEY, for partner PARTNER. */
export async function startApi(): Promise<ApplyApi> {
  const t = await startTest({ partners: [{ id: PARTNER, keys: [CANARY_KEY] }] });
  return { t, env: envFor(t, CANARY_KEY) };
}

/** The child's API variables for `key`. */
export function envFor(t: TestEmulator, key: string): Record<string, string> {
  return { ANSWERING_AGENT_API_KEY: key, ANSWERING_AGENT_BASE_URL: t.emu.baseUrl };
}

/**
 * Writes EXPORT with `count` customers, each a new organization with one
 * location in area code 617: two creates per customer, the location after
 * its organization. Customer keys are `001`, `002`, ...
 */
export function writeCustomers(count: number, name = EXPORT): string {
  const lines = [
    'customer_id,org_name,owner_external_id,owner_email,owner_name,location_name,location_address,location_area_code',
  ];
  for (let n = 1; n <= count; n += 1) {
    const key = String(n).padStart(3, '0');
    lines.push(
      `${key},Shop ${n},own-${key},o${n}@shop.example,Owner ${n},Store ${n},${n} High St,617`,
    );
  }
  return writeInput(name, `${lines.join('\n')}\n`);
}

/** Starts the built `aa-sync ARGS... --state-dir state` in the test's directory. */
export function spawnBuilt(
  args: readonly string[],
  env: Record<string, string>,
): ChildProcess {
  if (!existsSync(BUILT_ENTRY)) {
    throw new Error(`${BUILT_ENTRY} is missing: run \`npm run build\` first`);
  }
  const child = spawn(
    process.execPath,
    [BUILT_ENTRY, ...args, '--state-dir', STATE_DIR],
    {
      cwd: workDir(),
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  return child;
}

/** Runs the built `aa-sync ARGS... --state-dir state` to its end. */
export function runBuilt(
  args: readonly string[],
  env: Record<string, string>,
): Promise<CliResult> {
  return finished(spawnBuilt(args, env));
}

/** The API requests the emulator logged, in the order they arrived. */
export async function arrived(api: ApplyApi): Promise<RequestLogEntry[]> {
  return (await apiRequests(api.t)).sort((a, b) => a.seq - b.seq);
}

/** `METHOD path?query status` of a logged request, without the `/api/v1` prefix. */
export function line(entry: RequestLogEntry): string {
  const path = entry.path.replace(/^\/api\/v1/, '');
  const query = entry.query === '' ? '' : `?${entry.query}`;
  return `${entry.method} ${path}${query} ${String(entry.status)}`;
}

/** The logged requests that were not reads. */
export function writesOf(entries: readonly RequestLogEntry[]): RequestLogEntry[] {
  return entries.filter((entry) => entry.method !== 'GET');
}

/** Polls the request log until `ready` holds, for at most WAIT_MS. */
export async function waitForRequests(
  api: ApplyApi,
  ready: (entries: RequestLogEntry[]) => boolean,
  what: string,
): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!ready(await arrived(api))) {
    if (Date.now() > deadline) throw new Error(`the emulator never saw ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Replaces the emulator's global fault settings. */
export async function setFaults(api: ApplyApi, global: FaultSettings): Promise<void> {
  const answer = await api.t.control('PUT', '/faults', { global });
  if (answer.status !== 200)
    throw new Error(`faults refused: ${JSON.stringify(answer.body)}`);
}

/** The emulator's counters (committed creates per owner and per location). */
export async function counters(api: ApplyApi): Promise<CountersSnapshot> {
  return (await api.t.control('GET', '/counters')).body as CountersSnapshot;
}

/** Owner external id → committed organization creates, for PARTNER. */
export async function organizationCreates(
  api: ApplyApi,
): Promise<Record<string, number>> {
  return (await counters(api)).organizationCreates[PARTNER] ?? {};
}

/** Location name → committed creates, over every organization of PARTNER. */
export async function locationCreates(api: ApplyApi): Promise<Record<string, number>> {
  const byOrg = (await counters(api)).locationCreates[PARTNER] ?? {};
  const byName: Record<string, number> = {};
  for (const names of Object.values(byOrg)) {
    for (const [name, count] of Object.entries(names)) {
      byName[name] = (byName[name] ?? 0) + count;
    }
  }
  return byName;
}

/** `{ own-001: 1, ... }` and `{ Store 1: 1, ... }`: each customer created once. */
export function createdOnce(count: number): {
  organizations: Record<string, number>;
  locations: Record<string, number>;
} {
  const organizations: Record<string, number> = {};
  const locations: Record<string, number> = {};
  for (let n = 1; n <= count; n += 1) {
    organizations[`own-${String(n).padStart(3, '0')}`] = 1;
    locations[`Store ${n}`] = 1;
  }
  return { organizations, locations };
}

/** The run id a writing command printed in its last lines (`Run <id> <status>: ...`). */
export function runIdOf(result: CliResult): string {
  const match = /^Run (\S+) \w+: /m.exec(result.stdout);
  if (match?.[1] === undefined) throw new Error(`no run id in: ${result.stdout}`);
  return match[1];
}

/** The JSON of `status RUN_ID --json`. */
export interface StatusJson {
  formatVersion: number;
  run: {
    id: string;
    command: string;
    status: string;
    parentRunId: string | null;
    exitCode: number | null;
    counts: Record<string, number>;
    done: number;
    total: number;
  };
  operations: {
    seq: number;
    id: string;
    tenant: string;
    kind: string;
    status: string;
    attempts: number;
    lastError: string | null;
    dependsOn: string[];
  }[];
}

/** Runs `status RUN_ID --json` and parses it. */
export async function statusOf(api: ApplyApi, runId: string): Promise<StatusJson> {
  const result = await runBuilt(['status', runId, '--json'], api.env);
  if (result.code !== 0) throw new Error(`status failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as StatusJson;
}

/** Operation id → status, from `status --json`. */
export function statusById(status: StatusJson): Record<string, string> {
  return Object.fromEntries(status.operations.map((op) => [op.id, op.status]));
}

/** Resolves once the child has written `text` to standard error. */
export function stderrShows(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      reject(
        new Error(`the child never wrote ${JSON.stringify(text)}; it wrote: ${seen}`),
      );
    }, WAIT_MS);
    const ended = (): void => {
      clearTimeout(timer);
      reject(
        new Error(`the child ended before writing ${JSON.stringify(text)}: ${seen}`),
      );
    };
    const listen = (chunk: Buffer): void => {
      seen += chunk.toString('utf8');
      if (!seen.includes(text)) return;
      clearTimeout(timer);
      child.stderr?.off('data', listen);
      child.off('close', ended);
      resolve();
    };
    child.stderr?.on('data', listen);
    child.once('close', ended);
  });
}
