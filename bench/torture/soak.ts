/**
 * The fault soak of the torture campaign (issue 8): one long run of the built
 * aa-sync against an emulator child that errs on 5% of requests, drops 2% of
 * committed answers, and meanwhile gets 429 bursts, latency spikes, a restart
 * by SIGTERM, one by SIGKILL and a refused port; aa-sync is resumed, as a
 * partner would, until its run is done. Exports: `soakPart`.
 */
import { join } from 'node:path';
import { requireBuild } from '../lib/crash-process.js';
import type { TortureOptions, TorturePart, TortureResult } from './part.js';
import type { DrivePlace, DriveResult } from './soak-driver.js';
import { driveToDone } from './soak-driver.js';
import type { SoakEmulator } from './soak-emulator.js';
import { startSoakEmulator } from './soak-emulator.js';
import { writeSoakExport } from './soak-export.js';
import type { FaultsPlayed } from './soak-faults.js';
import { playFaults } from './soak-faults.js';
import { soakResult } from './soak-report.js';
import type { SoakSettings } from './soak-settings.js';
import { SOAK_KEY, soakSettings } from './soak-settings.js';
import type { VerifyPlace } from './soak-verify.js';
import { verifySoak } from './soak-verify.js';

export const soakPart: TorturePart = {
  id: 'soak',
  run: runSoak,
};

async function runSoak(options: TortureOptions): Promise<TortureResult> {
  requireBuild();
  const started = Date.now();
  const settings = soakSettings(options.quick);
  const exportPath = join(options.workDir, 'customers.csv');
  writeSoakExport(exportPath, settings.customers);
  const emulator = await startSoakEmulator({
    cwd: options.workDir,
    stateFile: join(options.workDir, 'emulator.sqlite'),
    errorRate: settings.errorRate,
    dropRate: settings.dropRate,
    faultSeed: settings.faultSeed,
    ratePerSecond: settings.emulatorRate,
  });
  try {
    const place = placeOf(options.workDir, exportPath, emulator.baseUrl, settings);
    options.log(`${settings.customers} customers against ${emulator.baseUrl}`);
    const { drive, faults } = await soak(emulator, place, settings, options.log);
    options.log('checking the end state');
    const verdict = await verifySoak(place, emulator, settings.customers);
    const totals = emulator.tally.totals();
    const wallMs = Date.now() - started;
    return soakResult({ settings, drive, faults, verdict, totals, wallMs });
  } finally {
    await emulator.close();
  }
}

/** aa-sync driven to done while the timetable plays and the counters are read. */
async function soak(
  emulator: SoakEmulator,
  place: DrivePlace,
  settings: SoakSettings,
  log: (line: string) => void,
): Promise<{ drive: DriveResult; faults: FaultsPlayed }> {
  let done = false;
  const isDone = (): boolean => done;
  const startedAt = Date.now();
  const polling = pollCounters(emulator, settings.counterPollMs, isDone);
  const playing = playFaults(emulator, settings, startedAt, isDone, log);
  // A failed fault (say the emulator would not start again) must not end the
  // soak while aa-sync runs: the drive ends first, then the failure is thrown.
  const played = playing.then(
    (faults) => ({ faults, error: null }),
    (error: unknown) => ({ faults: null, error }),
  );
  const drive = await driveToDone(place, settings, log).finally(() => (done = true));
  const { faults, error } = await played;
  await polling;
  if (faults === null) throw error;
  return { drive, faults };
}

async function pollCounters(
  emulator: SoakEmulator,
  everyMs: number,
  done: () => boolean,
) {
  while (!done()) {
    await emulator.poll();
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

function placeOf(
  workDir: string,
  exportPath: string,
  baseUrl: string,
  settings: SoakSettings,
): DrivePlace & VerifyPlace {
  const stateDir = join(workDir, 'state');
  const stateFlags = ['--state-dir', stateDir];
  const planFlags = [
    ...['--base-url', baseUrl, ...stateFlags],
    ...['--report-dir', join(workDir, 'reports')],
  ];
  return {
    cwd: workDir,
    env: soakEnvironment(),
    exportPath,
    stateDir,
    stateFlags,
    planFlags,
    flags: [
      ...planFlags,
      ...['--rate', String(settings.rate), '--concurrency', String(settings.concurrency)],
      ...['--max-outage-ms', String(settings.maxOutageMs)],
      ...['--log-format', 'json'],
    ],
  };
}

/** The soak's key, and none of the caller's aa-sync settings (base URL, profile). */
function soakEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ANSWERING_AGENT_API_KEY: SOAK_KEY };
  delete env.ANSWERING_AGENT_BASE_URL;
  delete env.AA_SYNC_PROFILE;
  return env;
}
