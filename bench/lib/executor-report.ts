/**
 * Writes the executor bench's figures: `executor.json` and `executor.md`, two
 * tables (rate against the limit; where each operation's time went) and a
 * Targets line that says met or missed for every figure that has a target.
 * Exports: `ExecutorResult`, `ExecutorTargets`, `writeExecutorResult`,
 * `targetVerdicts`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutorScenario } from './executor-scenario.js';
import type { Spread } from './executor-stats.js';

export interface ExecutorTargets {
  /** Told the limit: at least this share of it. */
  knownShare: number;
  /** Told the limit: this many 429s at most. */
  knownRateLimited: number;
  /** `auto`: the share of the limit whose first reach is timed. */
  autoShare: number;
}

export interface ExecutorResult {
  date: string;
  nodeVersion: string;
  cpuCount: number;
  /** Other work on the machine meanwhile, as told on the command line. */
  note: string | null;
  targets: ExecutorTargets;
  scenarios: ExecutorScenario[];
}

const percent = (share: number | null): string =>
  share === null ? '–' : `${Math.round(share * 100)}%`;
const fixed = (n: number | null, digits = 1): string =>
  n === null ? '–' : n.toFixed(digits);
const ms = (spread: Spread): string =>
  `${fixed(spread.p50, 2)} / ${fixed(spread.p99, 2)}`;
const rateOf = (s: ExecutorScenario): string => String(s.applyRate);

function rateRow(s: ExecutorScenario): string {
  return [
    `${s.limitPerSecond}/s`,
    rateOf(s),
    `${s.succeeded}/${s.changes}`,
    String(s.exitCode),
    fixed(s.wallSeconds),
    fixed(s.windowSeconds),
    String(s.requests),
    fixed(s.acceptedPerSecond, 2),
    percent(s.shareOfLimit),
    String(s.rateLimited),
    fixed(s.secondsTo85Percent, 2),
    percent(s.shareAfterReaching),
  ].join(' | ');
}

function timingRow(s: ExecutorScenario): string {
  const t = s.timing;
  return [
    `${s.limitPerSecond}/s`,
    rateOf(s),
    `${t.singleRequest}/${t.operations}`,
    ms(t.added),
    ms(t.queue),
    ms(t.intent),
    ms(t.settle),
    ms(t.result),
    ms(t.gate),
    ms(t.request),
    ms(s.emulatorMs),
    percent(t.checkpointShareOfWall),
  ].join(' | ');
}

function table(heading: string, rows: string[]): string[] {
  return [
    `| ${heading} |`,
    `|${' ---: |'.repeat(heading.split('|').length)}`,
    ...rows.map((row) => `| ${row} |`),
  ];
}

/** One verdict per scenario and target, e.g. `25/s --rate 25: 97% of the limit (≥ 95%): met`. */
export function targetVerdicts(result: ExecutorResult): string[] {
  const { targets } = result;
  const verdicts: string[] = [];
  const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  for (const s of result.scenarios) {
    const name = `${s.limitPerSecond}/s \`--rate ${rateOf(s)}\``;
    if (s.applyRate === 'auto') {
      const reached = s.secondsTo85Percent !== null;
      verdicts.push(
        `${name}: ${percent(targets.autoShare)} of the limit reached after ` +
          `${fixed(s.secondsTo85Percent, 2)} s: ${verdict(reached)}`,
      );
      continue;
    }
    verdicts.push(
      `${name}: ${percent(s.shareOfLimit)} of the limit (≥ ${percent(targets.knownShare)}): ` +
        verdict(s.shareOfLimit >= targets.knownShare),
      `${name}: ${s.rateLimited} 429s (≤ ${targets.knownRateLimited}): ` +
        verdict(s.rateLimited <= targets.knownRateLimited),
    );
  }
  return verdicts;
}

function markdown(result: ExecutorResult): string {
  return [
    '# The executor against the emulator’s rate limit',
    '',
    `${result.date}, Node ${result.nodeVersion}, ${result.cpuCount} CPUs. ` +
      '`aa-sync apply --yes` (concurrency 8, burst 1: the defaults) of a generated ' +
      'export into an empty emulator run as its own process (burst 20, no faults), ' +
      'once with `--rate` equal to the limit and once with `--rate auto`. Requests ' +
      'and times are the emulator’s own (its request log); the window runs from the ' +
      'run’s first write to its last, leaving out the plan’s read before it.' +
      (result.note === null ? '' : ` ${result.note}`),
    '',
    ...table(
      'limit | --rate | done | exit | wall s | window s | requests | accepted/s | ' +
        'of limit | 429s | 85% after s | of limit after',
      result.scenarios.map(rateRow),
    ),
    '',
    'Where an operation’s time goes, in ms as p50 / p99, from the `operation timing` ' +
      'lines of the run log (src/execute/operation-timing.ts). **Added** is the ' +
      'latency the executor adds: queue hand-off + intent + settle + result, per ' +
      'operation that needed one request (the others are counted in *ops*). The gate ' +
      'wait is the rate limit doing its job; *request* is the HTTP exchange as ' +
      'aa-sync’s client sees it, *emulator* the emulator’s own time for the same ' +
      'writes. *Checkpoint share* is the intent and result writes of every operation ' +
      'over the window: the event loop is blocked that long.',
    '',
    ...table(
      'limit | --rate | ops | added | queue | intent | settle | result | gate wait | ' +
        'request | emulator | checkpoint share',
      result.scenarios.map(timingRow),
    ),
    '',
    `Targets: told the limit, at least ${percent(result.targets.knownShare)} of it ` +
      `with no 429; \`auto\`, ${percent(result.targets.autoShare)} of a limit it is ` +
      'not told (the time to reach it is reported, it has no target); the added ' +
      'latency has no target.',
    '',
    ...targetVerdicts(result).map((line) => `- ${line}`),
    '',
  ].join('\n');
}

/** Writes executor.json and executor.md into `dir`. */
export async function writeExecutorResult(
  dir: string,
  result: ExecutorResult,
): Promise<void> {
  await writeFile(join(dir, 'executor.json'), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(join(dir, 'executor.md'), markdown(result));
}
