/**
 * Owner-only files under umask 000: plan --out, apply, a run killed in flight
 * (its checkpoint's -wal and -shm and the lock looked at while it runs),
 * resume, and state and report folders created with their parents. Every
 * folder aa-sync made must be 0700 and every file 0600 or stricter.
 * Exports: `checkModes`, `ModeFindings`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CanaryEmulator } from './secrets-emulator.js';
import { writeCanaryExport } from './secrets-export.js';
import { runLoose, startLoose, treeModes } from './files-cli.js';
import type { LooseOptions, ModeTally } from './files-cli.js';

export interface ModeFindings {
  tally: ModeTally;
  /** Exit codes of the commands, in order. */
  exits: (number | null)[];
  /** Names of the checkpoint's side files seen while the killed run ran. */
  sideFilesSeen: string[];
}

const POLL_MS = 25;

/** Runs the commands in `options.cwd` against `emulator` and judges every mode. */
export async function checkModes(
  emulator: CanaryEmulator,
  options: LooseOptions,
  customers: number,
): Promise<ModeFindings> {
  const cwd = options.cwd;
  const api = ['--base-url', emulator.baseUrl];
  writeCanaryExport(join(cwd, 'customers.csv'), 'mode', customers);
  writeCanaryExport(join(cwd, 'slow.csv'), 'slow', customers);
  const input = ['--max-invalid', '5'];
  const exits: (number | null)[] = [];
  const run = async (args: string[]) => exits.push((await runLoose(args, options)).code);
  await run(['plan', 'customers.csv', ...input, ...api, '--out', 'plan.json']);
  await run(['apply', '--plan', 'plan.json', '--yes', ...api]);
  const tally: ModeTally = { checked: 0, violations: [] };
  const sideFilesSeen = await killInFlight(emulator, options, [...input, ...api], tally);
  await run(['resume', '--yes', ...api]);
  await run([
    'plan',
    'customers.csv',
    ...input,
    ...api,
    '--state-dir',
    'made/with/parents/state',
    '--report-dir',
    'made/too/reports',
  ]);
  for (const path of ['.aa-sync', 'reports', 'plan.json', 'made'])
    treeModes(join(cwd, path), tally);
  return { tally, exits, sideFilesSeen };
}

/** Starts a slowed apply, looks at the state folder while it runs, then kills it. */
async function killInFlight(
  emulator: CanaryEmulator,
  options: LooseOptions,
  flags: string[],
  tally: ModeTally,
): Promise<string[]> {
  await emulator.control('PUT', '/faults', { global: { latencyMs: 150 } });
  const child = startLoose(
    ['apply', 'slow.csv', '--yes', '--concurrency', '1', ...flags],
    options,
  );
  const state = join(options.cwd, '.aa-sync');
  const sides = ['checkpoint.sqlite-wal', 'checkpoint.sqlite-shm'];
  let ended = false;
  void child.exited.then(() => (ended = true));
  // The run is in flight once it has made a first location: its side files are open.
  while (!ended && !(await createdSome(emulator))) await sleep(POLL_MS);
  const seen = sides.filter((name) => existsSync(join(state, name)));
  treeModes(state, tally);
  child.kill();
  await child.exited;
  await emulator.control('PUT', '/faults', {});
  return seen;
}

async function createdSome(emulator: CanaryEmulator): Promise<boolean> {
  const counters = (await emulator.control('GET', '/counters')) as {
    organizationCreates: Record<string, Record<string, number>>;
  };
  const creates = Object.values(counters.organizationCreates).flatMap((byOwner) =>
    Object.keys(byOwner),
  );
  return creates.some((owner) => owner.startsWith('own-slow'));
}
