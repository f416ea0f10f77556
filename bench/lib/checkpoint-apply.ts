/**
 * The checkpoint's writes inside a real apply: `aa-sync apply --yes --rate
 * 1000` (the most `--rate` allows) of an export into an emulator process with
 * no rate limit, so that nothing but aa-sync and the emulator holds it back.
 * The run log's per-operation timing lines give the intent and result writes;
 * the emulator's request log gives the window and the rate reached, which is
 * the ceiling this machine puts on an apply. Beside it, the request gate
 * alone at that rate (no HTTP, no checkpoint), so that a ceiling set by the
 * gate is not taken for the checkpoint's.
 * Exports: `ApplyCheckpointFigures`, `measureCheckpointInApply`,
 * `measureGateCeiling`, `FASTEST_RATE`.
 */
import { join } from 'node:path';
import { createRequestGate } from '../../src/execute/gate.js';
import { DIST_ENTRY } from './crash-process.js';
import { startEmulatorProcess } from './emulator-process.js';
import { executorWindow } from './executor-measure.js';
import { readRequestLog } from './executor-request-log.js';
import { COMPLETED, applyExport } from './executor-scenario.js';
import type { Spread } from './executor-stats.js';
import { readOperationTimings, timingFigures } from './executor-timing.js';

/** The highest `--rate` aa-sync accepts (src/config/defaults.ts, RATE_RANGE). */
export const FASTEST_RATE = 1_000;
const MS_PER_SECOND = 1000;
/** Requests sent through the gate alone to time it. */
const GATE_REQUESTS = 2_000;

export interface ApplyCheckpointFigures {
  changes: number;
  succeeded: number;
  exitCode: number | null;
  /** The run's first write to its last, by the emulator's clock. */
  windowSeconds: number;
  /** Requests per second over the window: what this machine allows an apply. */
  requestsPerSecond: number;
  /** intent + result per operation with one request, in ms. */
  checkpoint: Spread;
  intent: Spread;
  result: Spread;
  /** Every operation's intent and result writes over the window. */
  shareOfWall: number | null;
}

/** Applies `input` (which plans `changes` operations) as fast as aa-sync goes. */
export async function measureCheckpointInApply(
  workDir: string,
  input: string,
  changes: number,
): Promise<ApplyCheckpointFigures> {
  const emulator = await startEmulatorProcess({
    aaSync: [process.execPath, DIST_ENTRY],
    cwd: workDir,
    rateLimit: null,
  });
  try {
    const stateDir = join(workDir, 'state-apply');
    const exit = await applyExport(workDir, emulator, input, stateDir, FASTEST_RATE);
    if (exit.code !== 0) process.stderr.write(exit.stderr);
    const log = await readRequestLog((method, path) => emulator.control(method, path));
    const window = executorWindow(log.requests);
    const firstMs = window[0]?.atMs ?? 0;
    const windowSeconds = ((window.at(-1)?.atMs ?? firstMs) - firstMs) / MS_PER_SECOND;
    const timing = timingFigures(await readOperationTimings(stateDir), windowSeconds);
    const done = COMPLETED.exec(exit.stdout);
    return {
      changes,
      succeeded: Number((done?.[2] ?? '0').replaceAll(',', '')),
      exitCode: exit.code,
      windowSeconds,
      requestsPerSecond: windowSeconds > 0 ? window.length / windowSeconds : 0,
      checkpoint: timing.checkpoint,
      intent: timing.intent,
      result: timing.result,
      shareOfWall: timing.checkpointShareOfWall,
    };
  } finally {
    await emulator.stop();
  }
}

/**
 * Requests per second the request gate lets go at `--rate 1000`, burst 1 (the
 * default), when each request is an answered promise: the most any apply can
 * reach through it.
 */
export async function measureGateCeiling(): Promise<number> {
  const gate = createRequestGate({ rate: FASTEST_RATE, burst: 1 });
  try {
    const started = performance.now();
    const sends = Array.from({ length: GATE_REQUESTS }, () =>
      gate.run(() => Promise.resolve()),
    );
    await Promise.all(sends);
    return (GATE_REQUESTS * MS_PER_SECOND) / (performance.now() - started);
  } finally {
    await gate.close();
  }
}
