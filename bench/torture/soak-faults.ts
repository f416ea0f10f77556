/**
 * Plays the soak's timetable of faults against the emulator while aa-sync
 * works: 429 bursts, latency spikes, restarts by SIGTERM and SIGKILL and the
 * refused port, one after the other; each undoes itself before the next.
 * Events still ahead when the run is done are left out (and counted), since
 * a fault on an idle API proves nothing. Exports: `FaultsPlayed`, `playFaults`.
 */
import type { SoakEmulator } from './soak-emulator.js';
import type { SoakEvent, SoakSettings } from './soak-settings.js';

/** What the timetable did. */
export interface FaultsPlayed {
  rateBursts: number;
  latencySpikes: number;
  /** Restarts only; the refusal's stop is counted in `refusals`. */
  sigtermRestarts: number;
  sigkillRestarts: number;
  refusals: number;
  /** How long the port was really closed, all refusals together. */
  refusedMs: number;
  /** Events left out because the run was done before their time. */
  leftOut: number;
}

/** Whether the run is done; the timetable and its waits end early on true. */
export type DoneSignal = () => boolean;

const TICK_MS = 100;

/** Plays `settings.events` from `startedAt` (ms since the epoch) until done. */
export async function playFaults(
  emulator: SoakEmulator,
  settings: SoakSettings,
  startedAt: number,
  done: DoneSignal,
  log: (line: string) => void,
): Promise<FaultsPlayed> {
  const played = emptyPlayed();
  for (const [index, event] of settings.events.entries()) {
    await waitUntil(startedAt + event.atMs, done);
    if (done()) {
      played.leftOut = settings.events.length - index;
      break;
    }
    log(`fault ${index + 1}/${settings.events.length}: ${describe(event)}`);
    await play(event, { emulator, settings, played, done, faultRound: index + 1 });
  }
  return played;
}

interface PlayContext {
  emulator: SoakEmulator;
  settings: SoakSettings;
  played: FaultsPlayed;
  done: DoneSignal;
  /** Makes each new fault setting draw its own sequence. */
  faultRound: number;
}

async function play(event: SoakEvent, context: PlayContext): Promise<void> {
  const { emulator, played } = context;
  switch (event.kind) {
    case 'rate-burst':
      await rateBurst(event.ratePerSecond, event.forMs, context);
      played.rateBursts += 1;
      return;
    case 'latency-spike':
      await latencySpike(event.latencyMs, event.forMs, context);
      played.latencySpikes += 1;
      return;
    case 'restart':
      await emulator.stop(event.signal);
      await emulator.start();
      if (event.signal === 'SIGTERM') played.sigtermRestarts += 1;
      else played.sigkillRestarts += 1;
      return;
    case 'refusal': {
      await emulator.stop('SIGTERM');
      const closedAt = Date.now();
      await sleep(event.forMs);
      await emulator.start();
      played.refusals += 1;
      played.refusedMs += Date.now() - closedAt;
    }
  }
}

/** Lowers the per-key limit (every bucket starts full), then restores the emulator's own. */
async function rateBurst(ratePerSecond: number, forMs: number, context: PlayContext) {
  const { emulator, settings } = context;
  await emulator.control('PUT', '/rate-limit', { ratePerSecond, burst: ratePerSecond });
  await waitUntil(Date.now() + forMs, context.done);
  const rate = settings.emulatorRate;
  await emulator.control('PUT', '/rate-limit', { ratePerSecond: rate, burst: rate });
}

/**
 * Adds latency to every request, then takes it away. PUT /faults replaces
 * every setting, so the error and drop rates are given again each time.
 */
async function latencySpike(latencyMs: number, forMs: number, context: PlayContext) {
  const { emulator, settings, faultRound } = context;
  const rates = {
    errorRate: settings.errorRate,
    dropAfterCommitRate: settings.dropRate,
  };
  const seed = `${settings.faultSeed}:spike:${faultRound}`;
  await emulator.control('PUT', '/faults', { global: { ...rates, latencyMs, seed } });
  await waitUntil(Date.now() + forMs, context.done);
  await emulator.control('PUT', '/faults', {
    global: { ...rates, seed: `${seed}:after` },
  });
}

function describe(event: SoakEvent): string {
  switch (event.kind) {
    case 'rate-burst':
      return `429 burst (limit ${event.ratePerSecond}/s for ${event.forMs} ms)`;
    case 'latency-spike':
      return `latency spike (+${event.latencyMs} ms for ${event.forMs} ms)`;
    case 'restart':
      return `emulator restart by ${event.signal}`;
    case 'refusal':
      return `port refused for ${event.forMs} ms`;
  }
}

/** Waits until `at` (ms since the epoch), or less when the run is done. */
async function waitUntil(at: number, done: DoneSignal): Promise<void> {
  while (Date.now() < at && !done()) {
    await sleep(Math.min(TICK_MS, at - Date.now()));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

function emptyPlayed(): FaultsPlayed {
  return {
    rateBursts: 0,
    latencySpikes: 0,
    sigtermRestarts: 0,
    sigkillRestarts: 0,
    refusals: 0,
    refusedMs: 0,
    leftOut: 0,
  };
}
