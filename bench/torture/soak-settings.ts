/**
 * The settings of the fault soak, full and quick, in one place: the size of
 * the export, the rates on both sides, the bounds that tell a wedged run from
 * a slow one, and the timetable of the faults injected while aa-sync works.
 * Exports: `SoakSettings`, `SoakEvent`, `SOAK_KEY`, `soakSettings`.
 */

/** The API key of the soak (a test key of the emulator's default partner). */
export const SOAK_KEY = 'sk_test_soak_torture';

/**
 * One fault of the timetable. `atMs` counts from the start of the first
 * `apply`; events run one after the other, never overlapping, so each can
 * undo itself cleanly (a restart would otherwise reset a spike half-way).
 */
export type SoakEvent =
  /** The emulator's per-key limit drops to `ratePerSecond` for `forMs`. */
  | { kind: 'rate-burst'; atMs: number; forMs: number; ratePerSecond: number }
  /** Every request waits `latencyMs` more for `forMs`. */
  | { kind: 'latency-spike'; atMs: number; forMs: number; latencyMs: number }
  /** The emulator is stopped by `signal` and started again at once. */
  | { kind: 'restart'; atMs: number; signal: 'SIGTERM' | 'SIGKILL' }
  /** The emulator is stopped and its port stays closed for `forMs`. */
  | { kind: 'refusal'; atMs: number; forMs: number };

export interface SoakSettings {
  customers: number;
  /** aa-sync's `--rate` and `--concurrency`. */
  rate: number;
  concurrency: number;
  /** aa-sync's `--max-outage-ms`: shorter than the refusal, so a run gives up and resumes. */
  maxOutageMs: number;
  /** The emulator's own per-key limit, above aa-sync's rate outside the bursts. */
  emulatorRate: number;
  /** Share of requests answered 500/502/503, and of writes committed then dropped. */
  errorRate: number;
  dropRate: number;
  faultSeed: number;
  /** An aa-sync invocation still running after this long is wedged: killed, and a failed check. */
  invocationBoundMs: number;
  /** A partner's pause before `resume` after a run ended early. */
  resumePauseMs: number;
  /** Invocations before the soak gives up on reaching a completed run. */
  maxInvocations: number;
  /** How often the emulator's counters are read (they die with its process). */
  counterPollMs: number;
  events: SoakEvent[];
}

const SECOND = 1_000;

/** Bursts at 2 requests/s: a tenth of aa-sync's rate, so 429s come in runs. */
const BURST_RATE = 2;

/**
 * Full: 2,500 customers (10,000 creates) at 20 requests/s take about 9
 * minutes without faults; the timetable ends at 8 minutes, so every fault
 * lands while the run works, and the one-minute refusal outlasts the
 * 30-second `--max-outage-ms`, so the run gives up and is resumed.
 */
const FULL: SoakSettings = {
  customers: 2_500,
  rate: 20,
  concurrency: 8,
  maxOutageMs: 30 * SECOND,
  emulatorRate: 25,
  errorRate: 0.05,
  dropRate: 0.02,
  faultSeed: 8,
  invocationBoundMs: 15 * 60 * SECOND,
  resumePauseMs: 10 * SECOND,
  maxInvocations: 30,
  counterPollMs: SECOND,
  events: [
    burst(30, 8),
    spike(60, 6, 2_000),
    burst(100, 10),
    { kind: 'restart', atMs: 130 * SECOND, signal: 'SIGTERM' },
    spike(160, 8, 8_000),
    burst(200, 8),
    { kind: 'restart', atMs: 230 * SECOND, signal: 'SIGKILL' },
    spike(260, 6, 5_000),
    { kind: 'refusal', atMs: 300 * SECOND, forMs: 60 * SECOND },
    burst(400, 10),
    spike(430, 6, 3_000),
    burst(460, 8),
  ],
};

/**
 * Quick: 40 customers (160 creates) at 40 requests/s take about 5 s without
 * faults; every fault comes in the first 4 s, and the 3-second refusal
 * outlasts the 2-second `--max-outage-ms` (a restart does not).
 */
const QUICK: SoakSettings = {
  customers: 40,
  rate: 40,
  concurrency: 8,
  maxOutageMs: 2 * SECOND,
  emulatorRate: 50,
  errorRate: 0.05,
  dropRate: 0.02,
  faultSeed: 8,
  invocationBoundMs: 60 * SECOND,
  resumePauseMs: 300,
  maxInvocations: 30,
  counterPollMs: 250,
  events: [
    { kind: 'rate-burst', atMs: 600, forMs: 800, ratePerSecond: BURST_RATE },
    { kind: 'latency-spike', atMs: 1_400, forMs: 800, latencyMs: 1_500 },
    { kind: 'restart', atMs: 2_400, signal: 'SIGTERM' },
    { kind: 'restart', atMs: 3_000, signal: 'SIGKILL' },
    { kind: 'refusal', atMs: 3_600, forMs: 3 * SECOND },
  ],
};

function burst(atSeconds: number, forSeconds: number): SoakEvent {
  return {
    kind: 'rate-burst',
    atMs: atSeconds * SECOND,
    forMs: forSeconds * SECOND,
    ratePerSecond: BURST_RATE,
  };
}

function spike(atSeconds: number, forSeconds: number, latencyMs: number): SoakEvent {
  return {
    kind: 'latency-spike',
    atMs: atSeconds * SECOND,
    forMs: forSeconds * SECOND,
    latencyMs,
  };
}

/** The settings of the full soak or of its quick version. */
export function soakSettings(quick: boolean): SoakSettings {
  return quick ? QUICK : FULL;
}
