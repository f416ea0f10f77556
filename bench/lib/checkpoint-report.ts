/**
 * Writes the checkpoint bench's figures: `checkpoint.json` and
 * `checkpoint.md`, with the cost per operation, the share of wall time at
 * each configured rate, the ceiling on operations per second and the same
 * writes measured inside a real apply. Exports: `CheckpointResult`,
 * `RateShare`, `writeCheckpointResult`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApplyCheckpointFigures } from './checkpoint-apply.js';
import type { Spread } from './executor-stats.js';

/** The checkpoint's share of the wall time at one configured rate. */
export interface RateShare {
  ratePerSecond: number;
  /** 1 / rate, in ms. */
  wallPerOperationMs: number;
  /** Mean (intent + result) over wall time per operation. */
  share: number;
}

export interface CheckpointResult {
  date: string;
  nodeVersion: string;
  cpuCount: number;
  note: string | null;
  /** Operations recorded (intent and result each). */
  operations: number;
  intent: Spread;
  result: Spread;
  /** intent + result per operation. */
  perOperation: Spread;
  /** Operations per second of the loop itself: the ceiling the checkpoint allows. */
  ceilingPerSecond: number;
  shares: RateShare[];
  /** Null when skipped (`--no-apply`). */
  inApply: ApplyCheckpointFigures | null;
  /** Requests per second the request gate alone lets go at `--rate 1000`. */
  gateCeilingPerSecond: number;
}

const fixed = (n: number | null, digits = 2): string =>
  n === null ? '–' : n.toFixed(digits);
const percent = (share: number | null): string =>
  share === null ? '–' : `${(share * 100).toFixed(1)}%`;
const spreadCells = (s: Spread): string[] => [
  fixed(s.p50, 3),
  fixed(s.p99, 3),
  fixed(s.mean, 3),
];

function costTable(result: CheckpointResult): string[] {
  return [
    '| write | p50 ms | p99 ms | mean ms |',
    '| --- | ---: | ---: | ---: |',
    `| intent (markInFlight) | ${spreadCells(result.intent).join(' | ')} |`,
    `| result (recordPerformed) | ${spreadCells(result.result).join(' | ')} |`,
    `| **per operation** | ${spreadCells(result.perOperation).join(' | ')} |`,
  ];
}

function shareTable(result: CheckpointResult): string[] {
  return [
    '| configured rate | wall per operation ms | checkpoint share |',
    '| ---: | ---: | ---: |',
    ...result.shares.map(
      (s) =>
        `| ${s.ratePerSecond}/s | ${fixed(s.wallPerOperationMs, 1)} | ${percent(s.share)} |`,
    ),
  ];
}

function applyLines(result: CheckpointResult): string[] {
  const gate =
    `The request gate alone, at \`--rate 1000\` with answered promises for requests, ` +
    `let ${fixed(result.gateCeilingPerSecond, 0)} requests/s go: an apply cannot be ` +
    'faster than that, whatever the checkpoint costs.';
  const apply = result.inApply;
  if (apply === null)
    return [gate, '', 'Inside a real apply: not measured (`--no-apply`).'];
  return [
    gate,
    '',
    `Inside a real apply (\`--rate 1000\` into an emulator with no limit, ` +
      `${apply.succeeded}/${apply.changes} operations, exit ${apply.exitCode}): ` +
      `${fixed(apply.requestsPerSecond, 1)} requests/s over ${fixed(apply.windowSeconds, 1)} s; ` +
      `intent + result per operation p50 ${fixed(apply.checkpoint.p50, 3)} ms, ` +
      `p99 ${fixed(apply.checkpoint.p99, 3)} ms (intent p50 ${fixed(apply.intent.p50, 3)}, ` +
      `result p50 ${fixed(apply.result.p50, 3)}); the checkpoint held the event loop ` +
      `${percent(apply.shareOfWall)} of the window. The same share inside rate-limited ` +
      'applies is the *checkpoint share* column of executor.md.',
  ];
}

function targetLines(result: CheckpointResult): string[] {
  return [
    'Targets: the issue sets none for this part. Derived check: the checkpoint alone ' +
      'must leave room for each configured rate (share below 100%, i.e. a ceiling ' +
      'above the rate).',
    '',
    ...result.shares.map(
      (s) =>
        `- ${s.ratePerSecond}/s: share ${percent(s.share)}, ceiling ` +
        `${fixed(result.ceilingPerSecond, 0)}/s: ${s.share < 1 ? 'met' : 'MISSED'}`,
    ),
  ];
}

function markdown(result: CheckpointResult): string {
  return [
    '# The checkpoint’s cost per operation',
    '',
    `${result.date}, Node ${result.nodeVersion}, ${result.cpuCount} CPUs. ` +
      `${result.operations} operations of a plan against an empty API, each marked in ` +
      'flight and then given its result with the product’s code (src/checkpoint, ' +
      'src/execute/record-outcome.ts) in a checkpoint opened as aa-sync opens it (WAL, ' +
      'synchronous=FULL) in a temporary directory on the local disk, one after the other ' +
      'with nothing in between.' +
      (result.note === null ? '' : ` ${result.note}`),
    '',
    ...costTable(result),
    '',
    `Ceiling: the loop recorded ${fixed(result.ceilingPerSecond, 0)} operations per ` +
      'second, about 1 / mean cost: no apply can go faster on this disk, since both writes ' +
      'block the event loop. Share of wall time at a configured rate: mean cost per ' +
      'operation over 1 / rate.',
    '',
    ...shareTable(result),
    '',
    ...applyLines(result),
    '',
    ...targetLines(result),
    '',
  ].join('\n');
}

/** Writes checkpoint.json and checkpoint.md into `dir`. */
export async function writeCheckpointResult(
  dir: string,
  result: CheckpointResult,
): Promise<void> {
  await writeFile(join(dir, 'checkpoint.json'), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(join(dir, 'checkpoint.md'), markdown(result));
}
