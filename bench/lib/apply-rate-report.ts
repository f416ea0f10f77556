/**
 * Writes the apply rate bench's figures: `apply-rate.json` and
 * `apply-rate.md`. Exports: `ApplyRateScenario`, `ApplyRateResult`,
 * `writeApplyRateResult`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RateFigures } from './apply-rate-measure.js';

/** One apply against one limit. */
export interface ApplyRateScenario extends RateFigures {
  limitPerSecond: number;
  burst: number;
  /** `--rate` given to apply: the limit, or 'auto'. */
  applyRate: number | 'auto';
  /** Operations of the plan; all must succeed. */
  changes: number;
  succeeded: number;
  exitCode: number | null;
  wallSeconds: number;
}

export interface ApplyRateResult {
  date: string;
  nodeVersion: string;
  cpuCount: number;
  /** Other work on the machine meanwhile, as told on the command line. */
  note: string | null;
  targets: { knownShare: number; autoShare: number };
  scenarios: ApplyRateScenario[];
}

const percent = (share: number | null): string =>
  share === null ? '–' : `${Math.round(share * 100)}%`;
const fixed = (n: number | null, digits = 1): string =>
  n === null ? '–' : n.toFixed(digits);

function row(s: ApplyRateScenario): string {
  return [
    `${s.limitPerSecond}/s`,
    String(s.applyRate),
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

function markdown(result: ApplyRateResult): string {
  const heading =
    'limit | --rate | done | exit | wall s | window s | requests | accepted/s | of limit | ' +
    '429s | 85% after s | of limit after';
  return [
    '# apply against the emulator’s rate limit',
    '',
    `${result.date}, Node ${result.nodeVersion}, ${result.cpuCount} CPUs. ` +
      '`aa-sync apply --yes` of a generated export into an empty emulator run as its ' +
      'own process (burst 20, no faults), once with `--rate` equal to the limit and ' +
      'once with `--rate auto`. Requests and times are the emulator’s own (its request ' +
      'log); the window runs from the first request (the plan’s read) to the last.' +
      (result.note === null ? '' : ` ${result.note}`),
    '',
    `| ${heading} |`,
    `|${' ---: |'.repeat(heading.split('|').length)}`,
    ...result.scenarios.map((s) => `| ${row(s)} |`),
    '',
    `Targets: told the limit, at least ${percent(result.targets.knownShare)} of it with ` +
      `no 429; \`auto\`, ${percent(result.targets.autoShare)} of a limit it is not told.`,
    '',
  ].join('\n');
}

/** Writes apply-rate.json and apply-rate.md into `dir`. */
export async function writeApplyRateResult(
  dir: string,
  result: ApplyRateResult,
): Promise<void> {
  await writeFile(join(dir, 'apply-rate.json'), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(join(dir, 'apply-rate.md'), markdown(result));
}
