/**
 * What every case of the concurrency part shares: one emulator in this
 * process whose partner has three keys (one for the processes that set a case
 * up or hold the lock, one for each racer, so that the emulator's counters
 * tell who sent what), an export, a fresh state directory per case, and the
 * checks of what a case left: the run rows, the lock row, the emulator's data.
 * Exports: `World`, `Racer`, `CheckpointRows`, `openWorld`, `checkpointRows`,
 * `duplicatesIn`, `KEYS`, `EXPORT_FILE`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startEmulator } from '../../src/emulator/index.js';
import type { CountersSnapshot, RunningEmulator } from '../../src/emulator/index.js';
import { customerAt, generateExport } from '../generate-export.js';
import { checkpointPath } from '../lib/crash-checkpoint.js';
import type { EmulatorSnapshot } from '../lib/crash-emulator.js';
import { CRASH_PARTNER, emulatorControl } from '../lib/crash-emulator.js';
import type { CliPlace } from '../lib/crash-process.js';
import { requireBuild } from '../lib/crash-process.js';
import type { ExpectedState } from '../lib/crash-verify.js';
import { expectedStateOf } from '../lib/crash-verify.js';
import type { WatchedCli } from './crash-child.js';
import { watchCli } from './crash-child.js';

/** Who runs a process: its key and the label the emulator counts it under. */
export interface Racer {
  key: string;
  label: string;
}

/** Keys of the demo partner, labelled by the emulator in the order given. */
export const KEYS = {
  setup: { key: 'sk_test_setup', label: `${CRASH_PARTNER}#1` },
  first: { key: 'sk_test_first', label: `${CRASH_PARTNER}#2` },
  second: { key: 'sk_test_second', label: `${CRASH_PARTNER}#3` },
} as const satisfies Record<string, Racer>;

export const EXPORT_FILE = 'customers.csv';
/** Fast enough for many cases, slow enough that a run lasts while others start. */
const RUN_FLAGS = ['--rate', '200', '--concurrency', '8'];

/** The shared emulator, export and helpers of one campaign. */
export interface World {
  workDir: string;
  emu: RunningEmulator;
  seed: number;
  expected: ExpectedState;
  /** A new, empty state directory (absolute) and an emptied emulator. */
  freshCase(name: string): Promise<string>;
  /**
   * Starts `aa-sync ARGS --state-dir DIR` as `racer`; apply, resume and
   * retry-failed get `--yes` and `runFlags` (default: rate 200, concurrency 8).
   */
  start(
    racer: Racer,
    args: readonly string[],
    stateDir: string,
    runFlags?: readonly string[],
  ): WatchedCli;
  counters(): Promise<CountersSnapshot>;
  snapshot(): Promise<EmulatorSnapshot>;
  close(): Promise<void>;
}

/** Starts the emulator and writes the export. */
export async function openWorld(
  workDir: string,
  customers: number,
  seed: number,
): Promise<World> {
  requireBuild();
  await generateExport({ customers, seed, out: join(workDir, EXPORT_FILE) });
  const emu = await startEmulator({
    rateLimit: null,
    partners: [
      { id: CRASH_PARTNER, keys: [KEYS.setup.key, KEYS.first.key, KEYS.second.key] },
    ],
    // Every request waits 80-120 ms, so that a run lasts longer than the two
    // racers' start can differ on a busy machine; the lock holders' (setup
    // key) 150 ms, so that a holder still runs when challenged and killed.
    faults: { latencyMs: 80, latencyJitterMs: 40, seed },
    faultsByKey: { [KEYS.setup.label]: { latencyMs: 150, seed } },
  });
  const control = emulatorControl(emu.url, emu.controlToken);
  const expected = expectedStateOf(
    Array.from({ length: customers }, (_, i) => customerAt(seed, i)),
  );
  return {
    workDir,
    emu,
    seed,
    expected,
    freshCase: async (name) => {
      await control.reset();
      const dir = join(workDir, name);
      mkdirSync(dir, { recursive: true });
      return join(dir, 'state');
    },
    start: (racer, args, stateDir, runFlags = RUN_FLAGS) => {
      const running = ['apply', 'resume', 'retry-failed'].includes(args[0] ?? '');
      const flags = running ? [...runFlags, '--yes'] : [];
      // `runs` and `status` write no report and take no --report-dir.
      const reports = ['runs', 'status'].includes(args[0] ?? '')
        ? []
        : ['--report-dir', join(stateDir, '..', 'reports')];
      const all = [...args, ...flags, '--state-dir', stateDir, ...reports];
      return watchCli(all, placeOf(workDir, emu.baseUrl, racer.key));
    },
    counters: () => control.counters(),
    snapshot: () => control.snapshot(),
    close: () => emu.close(),
  };
}

function placeOf(workDir: string, baseUrl: string, key: string): CliPlace {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('ANSWERING_AGENT_')) delete env[name];
  }
  env.ANSWERING_AGENT_API_KEY = key;
  env.ANSWERING_AGENT_BASE_URL = baseUrl;
  return { cwd: workDir, env };
}

/** What a case left in its checkpoint. */
export interface CheckpointRows {
  runs: { id: string; status: string; startedAt: string; finishedAt: string | null }[];
  lockPid: number | null;
}

/** Reads the runs and the lock row of `stateDir`, read-only; none without a checkpoint. */
export function checkpointRows(stateDir: string): CheckpointRows {
  if (!existsSync(checkpointPath(stateDir))) return { runs: [], lockPid: null };
  const db = new BetterSqlite3(checkpointPath(stateDir), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    type RunRow = CheckpointRows['runs'][number];
    const runs = db
      .prepare<[], RunRow>(
        'SELECT id, status, started_at AS startedAt, finished_at AS finishedAt ' +
          'FROM runs ORDER BY seq',
      )
      .all();
    const lock = db.prepare<[], { pid: number }>('SELECT pid FROM run_lock').get();
    return { runs, lockPid: lock?.pid ?? null };
  } finally {
    db.close();
  }
}

/** Creates committed more than once, plus users listed twice. */
export function duplicatesIn(
  counters: CountersSnapshot,
  snapshot: EmulatorSnapshot,
): number {
  const organizations = Object.values(counters.organizationCreates[CRASH_PARTNER] ?? {});
  const locations = Object.values(counters.locationCreates[CRASH_PARTNER] ?? {}).flatMap(
    (byName) => Object.values(byName),
  );
  const repeats = [...organizations, ...locations].reduce(
    (n, times) => n + Math.max(0, times - 1),
    0,
  );
  const users = snapshot.users.map((user) => user.external_id);
  return repeats + users.length - new Set(users).size;
}
