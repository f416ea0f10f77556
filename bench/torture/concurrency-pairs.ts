/**
 * Two aa-sync commands started in the same instant on one state directory.
 * Two writing commands: exactly one runs, the other exits 8 at once, naming
 * the state directory, the holder and what to do, having sent no request and
 * recorded no run. A writing command and a read-only one (`report`, `runs`,
 * which README and their sources say take no lock): both exit 0, and a second
 * reader started while the run holds the lock exits 0 before the run ends.
 * Exports: `PAIR_KINDS`, `PairKind`, `PairResult`, `racePair`.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { customerAt } from '../generate-export.js';
import type { WatchedCli } from './crash-child.js';
import { delay, exitOrTimeout } from './crash-child.js';
import type { CheckpointRows, Racer, World } from './concurrency-world.js';
import { EXPORT_FILE, KEYS, checkpointRows, duplicatesIn } from './concurrency-world.js';

export const PAIR_KINDS = [
  'apply + apply',
  'resume + resume',
  'apply + retry-failed',
  'apply + report',
  'apply + runs',
] as const;
export type PairKind = (typeof PAIR_KINDS)[number];

/** Logged when apply starts its run or resume takes one up: the lock is held. */
const RUN_START = /"message":"(run \S+ started|resuming run \S+)"/;
const EXIT_LOCKED = 8;
const EXIT_PARTIAL = 5;
/** Slower than the racers' runs, so that a reader started mid-run ends before it. */
const SLOW_RUN = ['--rate', '200', '--concurrency', '4'];

/** What one pair showed. */
export interface PairResult {
  kind: PairKind;
  /** Exit codes of the first and the second process. */
  codes: (number | null)[];
  /** Writers: exactly one 0 and one 8. Readers: both 0. */
  codesOk: boolean;
  /** The loser's message names the directory, the holder and what to do (writers). */
  messageOk: boolean;
  /** API requests the loser sent (writers; 0 for readers). */
  loserRequests: number;
  /** Ms from the loser's spawn to its exit (writers). */
  loserExitMs: number | null;
  /** Run rows beyond what the winner alone adds. */
  extraRuns: number;
  lockLeft: boolean;
  duplicates: number;
  /** The emulator holds the export (and what the setup added). */
  desired: boolean;
  /** Readers: the one started mid-run exited 0 while the run held the lock. */
  readerDuringRun: boolean | null;
  /** Writers: both exited 0, the second finding the work done (they never overlapped). */
  serial: boolean;
  /** The end of each process's output, for a pair whose exits are not as they must be. */
  outputs: string[];
}

/** A process and when it exited. */
interface Timed {
  cli: WatchedCli;
  racer: Racer;
  exit: Promise<{ code: number | null; stdout: string; stderr: string; atMs: number }>;
}

function timed(cli: WatchedCli, racer: Racer): Timed {
  const exit = cli.exited.then((end) => ({ ...end, atMs: Date.now() }));
  return { cli, racer, exit };
}

/** Attempts at a pair whose two processes did not overlap. */
const MAX_ATTEMPTS = 3;

/**
 * Plays one pair of `kind`, again (at most MAX_ATTEMPTS times) when one
 * writer ended before the other reached the lock: then both ran, one after
 * the other, and the pair proved nothing. Returns the result and the attempts.
 */
export async function racePair(
  world: World,
  kind: PairKind,
  index: number,
): Promise<PairResult & { attempts: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const result = await playPair(world, kind, `pair-${index}-${attempt}`);
    if (!result.serial || attempt === MAX_ATTEMPTS)
      return { ...result, attempts: attempt };
  }
}

/** Plays one pair of `kind` in a new state directory. */
async function playPair(world: World, kind: PairKind, name: string): Promise<PairResult> {
  const stateDir = await world.freshCase(name);
  const setup = await setUp(world, kind, stateDir);
  const runsBefore = checkpointRows(stateDir).runs.length;
  const [argsA, argsB] = setup.commands;
  const reader = kind === 'apply + report' || kind === 'apply + runs';
  // The same tick: neither process gets a head start from this side.
  const first = timed(
    world.start(
      reader ? KEYS.setup : KEYS.first,
      argsA,
      stateDir,
      reader ? SLOW_RUN : undefined,
    ),
    reader ? KEYS.setup : KEYS.first,
  );
  const second = timed(world.start(KEYS.second, argsB, stateDir), KEYS.second);
  const during = reader ? readDuringRun(world, first, argsB, stateDir) : null;
  const [a, b] = await Promise.all([first.exit, second.exit]);
  const readerDuringRun = during === null ? null : await during;
  const rows = checkpointRows(stateDir);
  const counters = await world.counters();
  const snapshot = await world.snapshot();
  const live = {
    organizations: snapshot.organizations.length,
    users: snapshot.users.length,
    locations: snapshot.locations.length,
  };
  const { expected } = world;
  const result: PairResult = {
    kind,
    codes: [a.code, b.code],
    codesOk: reader
      ? a.code === 0 && b.code === 0
      : sameSet([a.code, b.code], [0, EXIT_LOCKED]),
    messageOk: true,
    loserRequests: 0,
    loserExitMs: null,
    extraRuns: rows.runs.length - runsBefore - setup.runsAdded,
    lockLeft: rows.lockPid !== null,
    duplicates: duplicatesIn(counters, snapshot),
    desired:
      live.organizations === expected.organizations + setup.extra &&
      live.users === expected.users + setup.extra &&
      live.locations === expected.locations,
    readerDuringRun,
    outputs: [a, b].map(lastLines),
    serial:
      !reader &&
      a.code === 0 &&
      b.code === 0 &&
      ([a, b].some(foundWorkDone) || oneAfterOther(rows.runs.slice(runsBefore))),
  };
  if (reader || result.serial) return result;
  const [winner, loser, loserEnd] =
    a.code === 0 ? [first, second, b] : [second, first, a];
  result.messageOk = namesHolder(loserEnd.stderr, stateDir, winner.cli.pid);
  result.loserRequests = counters.requestsByKey[loser.racer.label] ?? 0;
  result.loserExitMs = loserEnd.atMs - loser.cli.startedMs;
  return result;
}

/** The last lines a process printed (stdout, then stderr), on one line. */
function lastLines(end: { code: number | null; stdout: string; stderr: string }): string {
  const lines = `${end.stdout}\n${end.stderr}`.split('\n').filter((line) => line !== '');
  return `exit ${end.code}: ${lines.slice(-3).join(' / ')}`;
}

/** Two new runs, the second started after the first had ended. */
function oneAfterOther(runs: CheckpointRows['runs']): boolean {
  const [first, second] = runs;
  if (first?.finishedAt == null || second === undefined) return false;
  return second.startedAt >= first.finishedAt;
}

/** What a writer says when an earlier one did everything already. */
function foundWorkDone(end: { stdout: string }): boolean {
  return /^No changes\.|: there is nothing to resume\./m.test(end.stdout);
}

function sameSet(actual: (number | null)[], wanted: number[]): boolean {
  return [...actual].sort().join(',') === [...wanted].sort().join(',');
}

/** The message README promises: directory, holder (pid, host, run) and what to do. */
function namesHolder(stderr: string, stateDir: string, pid: number): boolean {
  return (
    stderr.includes(`(pid ${pid} on host ${hostname()}, `) &&
    /, (run \S+|before its run started)\) has held/.test(stderr) &&
    stderr.includes(`the state directory ${stateDir} since`) &&
    stderr.includes('Wait for it to finish')
  );
}

/** A second reader once the run holds the lock: it must end, 0, before the run does. */
async function readDuringRun(
  world: World,
  run: Timed,
  args: readonly string[],
  stateDir: string,
): Promise<boolean> {
  const started = await exitOrTimeout(run.cli, () => run.cli.seen(RUN_START));
  if (started !== null) return false;
  const reader = world.start(KEYS.second, args, stateDir);
  const end = await reader.exited;
  return end.code === 0 && run.cli.running();
}

/** What a kind's setup leaves for the pair. */
interface Setup {
  commands: [string[], string[]];
  /** Runs the winner adds: 1 for a new run, 0 for a resumed one. */
  runsAdded: number;
  /** Organizations and users the setup made outside the export. */
  extra: number;
}

async function setUp(world: World, kind: PairKind, stateDir: string): Promise<Setup> {
  const apply = ['apply', EXPORT_FILE];
  switch (kind) {
    case 'apply + apply':
      return { commands: [apply, apply], runsAdded: 1, extra: 0 };
    case 'resume + resume':
      await interruptedRun(world, stateDir);
      return { commands: [['resume'], ['resume']], runsAdded: 0, extra: 0 };
    case 'apply + retry-failed': {
      const parent = await partialRun(world, stateDir);
      return { commands: [apply, ['retry-failed', parent]], runsAdded: 1, extra: 1 };
    }
    case 'apply + report':
      await mustExit(world.start(KEYS.setup, ['plan', EXPORT_FILE], stateDir), 0, 'plan');
      return { commands: [apply, ['report']], runsAdded: 1, extra: 0 };
    case 'apply + runs':
      await mustExit(world.start(KEYS.setup, ['plan', EXPORT_FILE], stateDir), 0, 'plan');
      return { commands: [apply, ['runs', '--json']], runsAdded: 1, extra: 0 };
  }
}

async function mustExit(cli: WatchedCli, code: number, what: string): Promise<void> {
  const end = await cli.exited;
  if (end.code !== code) {
    throw new Error(`the setup's ${what} exited ${end.code}, not ${code}: ${end.stderr}`);
  }
}

/** An apply SIGKILLed in its writes: a run to resume, its lock held by a dead process. */
async function interruptedRun(world: World, stateDir: string): Promise<void> {
  const cli = world.start(KEYS.setup, ['apply', EXPORT_FILE], stateDir);
  const ended = await exitOrTimeout(cli, async (signal) => {
    await cli.seen(RUN_START);
    await delay(100, signal);
  });
  if (ended !== null)
    throw new Error(`the setup's apply ended (${ended.code}) before its kill`);
  cli.kill();
  await cli.exited;
}

/**
 * A run that ended partial: between plan and apply someone gave the first
 * customer's owner id to a user of an unrelated organization (a 422), and
 * that user is removed afterwards, so that retrying succeeds. Returns the run's id.
 */
async function partialRun(world: World, stateDir: string): Promise<string> {
  const planFile = join(stateDir, '..', 'plan.json');
  await mustExit(
    world.start(KEYS.setup, ['plan', EXPORT_FILE, '--out', planFile], stateDir),
    0,
    'plan',
  );
  const owner = customerAt(world.seed, 0).owner.externalId;
  const hand = (await api(world, 'POST', '/organizations', {
    name: 'Unrelated',
    owner: { external_id: 'hand-owner', email: 'hand@hand.example' },
  })) as { organization: { id: number } };
  await api(world, 'POST', `/users?organization_id=${hand.organization.id}`, {
    external_id: owner,
    email: 'someone@else.example',
    role: 'user',
  });
  const applied = world.start(KEYS.setup, ['apply', '--plan', planFile], stateDir);
  await mustExit(applied, EXIT_PARTIAL, 'apply --plan');
  await api(world, 'DELETE', `/users/${encodeURIComponent(owner)}`);
  const runs = checkpointRows(stateDir).runs;
  const parent = runs.at(-1);
  if (parent === undefined) throw new Error('the partial apply recorded no run');
  return parent.id;
}

/** One Partner API call with the setup key; its JSON answer, if any. */
async function api(
  world: World,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${world.emu.baseUrl}${path}`, {
    method,
    headers: { 'X-API-KEY': KEYS.setup.key, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
  const text = await response.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}
