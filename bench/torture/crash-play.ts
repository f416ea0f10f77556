/**
 * The crash part's rounds: a fresh state directory and an empty emulator,
 * then `apply --yes` and `resume --yes` SIGKILLed at aimed points until one
 * exits by itself; each kill is read from the checkpoint (crash-evidence.ts)
 * and each round's end is checked as the crash bench checks it (every
 * operation done, nothing created twice, a fresh plan empty).
 * Exports: `CrashCampaign`, `CrashKill`, `CrashRound`, `inWindow`,
 * `runCrashCampaign`.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Random } from '../../src/emulator/random.js';
import { createRandom } from '../../src/emulator/random.js';
import { customerAt, generateExport } from '../generate-export.js';
import type { EmulatorControl } from '../lib/crash-emulator.js';
import type { CliExit, CliPlace } from '../lib/crash-process.js';
import { requireBuild } from '../lib/crash-process.js';
import type { ExpectedState, RoundCheck } from '../lib/crash-verify.js';
import type { LoggedRequest } from '../lib/executor-request-log.js';
import { readRequestLog } from '../lib/executor-request-log.js';
import { expectedStateOf, verifyRound } from '../lib/crash-verify.js';
import type { KillAim } from './crash-aims.js';
import { aimTrigger, commandFlags } from './crash-aims.js';
import { exitOrTimeout, watchCli } from './crash-child.js';
import type { CheckpointState, KillPhase } from './crash-evidence.js';
import {
  committedAmong,
  latestStatus,
  ownOpenCreates,
  phaseOf,
  readCheckpointState,
} from './crash-evidence.js';

/** `EXIT.interrupted`: the run paused itself (circuit breaker) and is resumable. */
const EXIT_INTERRUPTED = 6;
/** A round whose processes keep pausing themselves this often is stuck. */
const MAX_SELF_PAUSES = 20;
const EXPORT_FILE = 'crash-export.csv';
/** Longest wait for the requests a killed process left to end (a busy machine is slow). */
const SETTLE_LIMIT_MS = 5_000;

/** What the campaign is asked for. */
export interface CrashCampaign {
  kills: number;
  customers: number;
  seed: number;
  workDir: string;
  emulator: EmulatorControl;
  /** Calls one of the emulator's control endpoints (its request log here). */
  control: (method: string, path: string) => Promise<unknown>;
  baseUrl: string;
  apiKey: string;
  runFlags: readonly string[];
  /** Pause between looks at the requests a killed process left, until all have ended. */
  settleMs: number;
  /** The aim of the `index`-th process of a round (0 first); null: no kill. */
  aimOf: (index: number, command: 'apply' | 'resume', random: Random) => KillAim | null;
  log: (line: string) => void;
}

/** One kill and what it left. */
export interface CrashKill {
  round: number;
  command: 'apply' | 'resume';
  aim: KillAim['name'];
  phase: KillPhase;
  integrity: string;
  /** Creates whose intent this process wrote and whose answer it never recorded. */
  ownOpenCreates: number;
  /** Of those, the ones the emulator committed: sent, landed, not recorded. */
  committedNotRecorded: number;
  /** Creates this process sent that the emulator saw it abandon (outcome `aborted`). */
  abortedCreates: number;
  /** Creates in flight in the checkpoint, whoever left them (the crash bench's measure). */
  anyInFlightCreates: number;
}

/**
 * The kill caught a create between its send and its record: a create this
 * process sent was committed without being recorded, or abandoned at the
 * emulator when the process died.
 */
export const inWindow = (kill: CrashKill): boolean =>
  kill.committedNotRecorded > 0 || kill.abortedCreates > 0;

/** One round: its kills, how it ended, its end check. */
export interface CrashRound {
  round: number;
  kills: CrashKill[];
  finalExit: Pick<CliExit, 'code' | 'signal'>;
  finalOutput: string;
  selfPauses: number;
  check: RoundCheck;
}

/** Plays rounds until `campaign.kills` kills are done; throws only on a harness fault. */
export async function runCrashCampaign(
  campaign: CrashCampaign,
): Promise<{ rounds: CrashRound[]; expected: ExpectedState }> {
  requireBuild();
  await generateExport({
    customers: campaign.customers,
    seed: campaign.seed,
    out: join(campaign.workDir, EXPORT_FILE),
  });
  const expected = expectedStateOf(
    Array.from({ length: campaign.customers }, (_, i) => customerAt(campaign.seed, i)),
  );
  const random = createRandom(`torture-crash:${campaign.seed}`);
  const rounds: CrashRound[] = [];
  let kills = 0;
  // Spare rounds: a round may end before its first kill lands.
  for (
    let round = 1;
    kills < campaign.kills && round <= campaign.kills + 10;
    round += 1
  ) {
    const played = await playRound(campaign, random, expected, {
      round,
      killsLeft: campaign.kills - kills,
    });
    kills += played.kills.length;
    rounds.push(played);
    campaign.log(
      `round ${round}: ${played.kills.length} kills, then exit ${played.finalExit.code}; ` +
        `${played.check.duplicates} duplicates, ${played.check.lostOperations} lost; ` +
        `${kills} kills so far`,
    );
  }
  return { rounds, expected };
}

async function playRound(
  campaign: CrashCampaign,
  random: Random,
  expected: ExpectedState,
  { round, killsLeft }: { round: number; killsLeft: number },
): Promise<CrashRound> {
  const stateDir = `state-${round}`;
  const absoluteStateDir = join(campaign.workDir, stateDir);
  const place = placeOf(campaign);
  await campaign.emulator.reset();
  const kills: CrashKill[] = [];
  let selfPauses = 0;
  for (let index = 0; ; index += 1) {
    const before = readCheckpointState(absoluteStateDir);
    const status = latestStatus(before);
    const command = status === undefined || status === 'completed' ? 'apply' : 'resume';
    const aim = kills.length < killsLeft ? campaign.aimOf(index, command, random) : null;
    const lastSeq = await lastLoggedSeq(campaign);
    const cli = watchCli(
      [...commandArgs(command, stateDir), ...campaign.runFlags, ...commandFlags(aim)],
      place,
    );
    const ended =
      aim === null
        ? await cli.exited
        : await exitOrTimeout(cli, aimTrigger(aim, cli, random));
    if (ended !== null) {
      if (ended.code === EXIT_INTERRUPTED && selfPauses < MAX_SELF_PAUSES) {
        selfPauses += 1;
        continue;
      }
      const check = await verifyRound(
        place,
        campaign.emulator,
        stateDir,
        EXPORT_FILE,
        expected,
      );
      return {
        round,
        kills,
        finalExit: { code: ended.code, signal: ended.signal },
        finalOutput: tail(ended),
        selfPauses,
        check,
      };
    }
    cli.kill();
    await cli.exited;
    const what = { round, command, aim: aim?.name ?? 'writes' } as const;
    const seen = { before, stateDir: absoluteStateDir, pid: cli.pid, lastSeq };
    kills.push(await afterKill(campaign, what, seen));
  }
}

/** The process killed and what was known before it started. */
interface KilledProcess {
  before: CheckpointState | null;
  stateDir: string;
  pid: number;
  /** The emulator's last request before the spawn: later ones are this process's. */
  lastSeq: number;
}

async function afterKill(
  campaign: CrashCampaign,
  what: Pick<CrashKill, 'round' | 'command' | 'aim'>,
  { before, stateDir, pid, lastSeq }: KilledProcess,
): Promise<CrashKill> {
  const after = readCheckpointState(stateDir);
  const open = ownOpenCreates(before, after);
  let committedNotRecorded = 0;
  let abortedCreates = 0;
  if (open.length > 0) {
    const requests = await settledRequests(campaign, lastSeq);
    const counters = await campaign.emulator.counters();
    const snapshot = await campaign.emulator.snapshot();
    committedNotRecorded = committedAmong(open, counters, snapshot);
    abortedCreates = requests.filter(
      (request) => request.method === 'POST' && request.status === 'aborted',
    ).length;
  }
  let anyInFlightCreates = 0;
  for (const op of after?.operations.values() ?? []) {
    if (op.kind.startsWith('create-') && op.status === 'in-flight')
      anyInFlightCreates += 1;
  }
  return {
    ...what,
    phase: phaseOf(before, after, pid),
    integrity: after?.integrity ?? 'no checkpoint',
    ownOpenCreates: open.length,
    committedNotRecorded,
    abortedCreates,
    anyInFlightCreates,
  };
}

/**
 * Every API request after `since`, once each has ended: the emulator logs a
 * request when it ends, so those the killed process left are waited for (they
 * end within the emulator's latency), at most SETTLE_LIMIT_MS.
 */
async function settledRequests(
  campaign: CrashCampaign,
  since: number,
): Promise<LoggedRequest[]> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  for (;;) {
    const log = await readRequestLog(campaign.control, since);
    if (log.missing <= 0 || Date.now() > deadline) return log.requests;
    await sleep(campaign.settleMs);
  }
}

/** The number of the last request the emulator has logged, read without the log. */
async function lastLoggedSeq(campaign: CrashCampaign): Promise<number> {
  const page = (await campaign.control('GET', '/requests?since=0&limit=0')) as {
    lastSeq: number;
  };
  return page.lastSeq;
}

function commandArgs(command: 'apply' | 'resume', stateDir: string): string[] {
  const common = ['--yes', '--state-dir', stateDir];
  return command === 'apply' ? ['apply', EXPORT_FILE, ...common] : ['resume', ...common];
}

function placeOf(campaign: CrashCampaign): CliPlace {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('ANSWERING_AGENT_')) delete env[name];
  }
  env.ANSWERING_AGENT_API_KEY = campaign.apiKey;
  env.ANSWERING_AGENT_BASE_URL = campaign.baseUrl;
  return { cwd: campaign.workDir, env };
}

function tail(exit: CliExit): string {
  return `${exit.stdout}\n${exit.stderr}`.trim().split('\n').slice(-8).join('\n');
}
