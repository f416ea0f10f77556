/**
 * kill -9 at random points of apply and resume, against an emulator that
 * commits writes and then drops their answers: every round must end with the
 * emulator holding exactly the export, nothing created twice and no operation
 * lost. The kill delays and the faults come from one seed, printed so that a
 * failure can be replayed with AA_SYNC_CRASH_SEED=<seed>; the interleaving of
 * concurrent requests is the only part left to the scheduler. Needs
 * `npm run build` (the children run dist/).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCampaign } from '../../bench/lib/crash-campaign.js';
import type { CampaignResult, RoundSummary } from '../../bench/lib/crash-campaign.js';
import { emulatorControl } from '../../bench/lib/crash-emulator.js';
import {
  CRASH_FAULTS,
  CRASH_SETTLE_MS,
  crashRunFlags,
} from '../../bench/lib/crash-settings.js';
import { expectedStateOf } from '../../bench/lib/crash-verify.js';
import { customerAt } from '../../bench/generate-export.js';
import { DEMO_KEY, startTest } from '../emulator/support.js';

const DEFAULT_SEED = 20_261_204;
const SEED = Number(process.env.AA_SYNC_CRASH_SEED ?? DEFAULT_SEED);
const KILLS = 50;
/** At least this many kills must land with a create between its send and its record. */
const KILLS_IN_WINDOW = 10;
const CUSTOMERS = 40;
/**
 * Shorter than the bench's delays, to keep the test near a minute: a process
 * still gets past its start (about 0.4 s) and into its creates most times.
 */
const KILL_DELAY = { minMs: 300, maxMs: 1_200 };
/** The campaign takes about a minute; a slow machine gets room before the test fails. */
const CAMPAIGN_TIMEOUT_MS = 240_000;

let workDir = '';

beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'aa-sync-crash-'));
});

afterEach(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function report(result: CampaignResult): void {
  console.log(
    `crash-resume seed ${result.seed} (AA_SYNC_CRASH_SEED=${result.seed} replays it): ` +
      `${result.kills} kills in ${result.rounds.length} rounds, ` +
      `${result.killsInWindow} with a create in flight, ` +
      `${result.killsWithUnrecordedCommit} with a create committed but unrecorded, ` +
      `${result.adoptions} adoptions, ${result.operationsPerRound} operations per round, ` +
      `${Math.round(result.wallMs / 1000)} s`,
  );
}

/** A round's end, with what the last process printed when it did not exit 0. */
function roundEnd(round: RoundSummary): Record<string, unknown> {
  return {
    round: round.round,
    exit: round.finalExit.code,
    output: round.finalExit.code === 0 ? '' : round.finalOutput,
    lost: round.check.lostOperations,
    duplicates: round.check.duplicates,
    missing: round.check.missing,
    planExit: round.check.planExit,
  };
}

describe('apply under kill -9 with commit-then-drop faults', () => {
  it(
    'finishes every round with the desired state, no duplicate and no lost operation',
    async () => {
      const t = await startTest({ faults: { ...CRASH_FAULTS, seed: SEED } });
      const result = await runCampaign({
        kills: KILLS,
        seed: SEED,
        customers: CUSTOMERS,
        workDir,
        emulator: emulatorControl(t.emu.url, t.emu.controlToken),
        baseUrl: t.emu.baseUrl,
        apiKey: DEMO_KEY,
        runFlags: crashRunFlags(),
        killDelay: KILL_DELAY,
        settleMs: CRASH_SETTLE_MS,
        log: (line) => console.log(line),
      });
      report(result);

      expect(result.kills).toBeGreaterThanOrEqual(KILLS);
      expect(result.killsInWindow).toBeGreaterThanOrEqual(KILLS_IN_WINDOW);
      const damaged = result.rounds
        .flatMap((round) => round.kills)
        .filter((kill) => kill.integrity !== 'ok' && kill.integrity !== 'no checkpoint');
      expect(damaged).toEqual([]);
      const expected = expectedStateOf(
        Array.from({ length: CUSTOMERS }, (_, i) => customerAt(SEED, i)),
      );
      expect(expected.organizations).toBe(CUSTOMERS);
      // One create per organization, per user beyond the owner and per location.
      const operations = expected.users + expected.locations;
      for (const round of result.rounds) {
        expect(roundEnd(round)).toEqual({
          round: round.round,
          exit: 0,
          output: '',
          lost: 0,
          duplicates: 0,
          missing: 0,
          planExit: 0,
        });
        expect(round.check.live).toEqual(expected);
        expect(round.check.createCounts).toEqual({
          organizations: { '1': CUSTOMERS },
          locations: { '1': expected.locations },
        });
        const { succeeded = 0, adopted = 0, ...unfinished } = round.check.statuses;
        expect(unfinished).toEqual({});
        expect(succeeded + adopted).toBe(operations);
      }
    },
    CAMPAIGN_TIMEOUT_MS,
  );
});
