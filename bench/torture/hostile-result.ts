/**
 * The figures and checks of the hostile part, from every command's outcome.
 * `apply` and `plan` must print exactly the case's expected standard error and
 * nothing on standard output; `validate` prints its problem list on standard
 * output, so it must print the same lines over both streams, apart from its
 * summary line and its own wording of where the hidden problems are.
 * Exports: `hostileResult`, `matchesExpected`.
 */
import type { TortureResult } from './part.js';
import { check } from './part.js';
import type { HostileCase } from './hostile-cases.js';
import type { CaseOutcome, CommandOutcome } from './hostile.js';
import type { CommandRun, HostileCommand } from './hostile-run.js';
import { outputFaults } from './hostile-run.js';

/** `validate`'s summary line: `3 records: 3 customers, 2 valid, 1 rejected (1 problem).` */
const VALIDATE_SUMMARY =
  /^[\d,]+ records?: [\d,]+ customers?, .* \([\d,]+ problems?\)\.$/u;
const VALIDATE_WHERE_ALL = 'give a larger --max-problems, or --json, to see them all.';
const APPLY_WHERE_ALL = '`aa-sync validate` on the same files lists them all.';

/** Whether `run` printed what `entry` expects of its command. */
export function matchesExpected(entry: HostileCase, run: CommandRun): boolean {
  if (run.exit !== entry.exit) return false;
  if (run.command !== 'validate') return run.stdout === '' && run.stderr === entry.stderr;
  const lines = (run.stdout + run.stderr)
    .split('\n')
    .filter((line) => !VALIDATE_SUMMARY.test(line))
    .map((line) => line.replace(VALIDATE_WHERE_ALL, APPLY_WHERE_ALL));
  return lines.join('\n') === entry.stderr;
}

interface Tally {
  runs: number;
  matched: Record<string, number>;
  crashed: number;
  rawControl: number;
  leftBehind: number;
  canary: number;
  exitCodes: Set<number | null>;
  mismatches: string[];
}

function tally(outcomes: readonly CaseOutcome[], key: string): Tally {
  const counts: Tally = {
    runs: 0,
    matched: {},
    crashed: 0,
    rawControl: 0,
    leftBehind: 0,
    canary: 0,
    exitCodes: new Set(),
    mismatches: [],
  };
  for (const { entry, commands } of outcomes) {
    for (const outcome of commands) count(counts, key, entry, outcome);
  }
  return counts;
}

function count(
  counts: Tally,
  key: string,
  entry: HostileCase,
  { run, leftovers }: CommandOutcome,
): void {
  const faults = outputFaults(run);
  counts.runs += 1;
  counts.exitCodes.add(run.exit);
  if (matchesExpected(entry, run)) {
    counts.matched[run.command] = (counts.matched[run.command] ?? 0) + 1;
  } else {
    counts.mismatches.push(`${run.command} ${entry.id}: exit ${run.exit}`);
  }
  if (faults.crashed) counts.crashed += 1;
  if (faults.rawControl) counts.rawControl += 1;
  if (leftovers.unexpected.length > 0) counts.leftBehind += 1;
  const printed = (run.stdout + run.stderr).includes(key);
  if (leftovers.canaryFiles.length > 0 || printed) counts.canary += 1;
}

export interface ResultInput {
  outcomes: readonly CaseOutcome[];
  commands: readonly HostileCommand[];
  /** Requests the emulator counted over the whole part. */
  requests: number;
  /** Children run at once. */
  concurrency: number;
  /** The canary key, which no output may hold. */
  apiKey: string;
  started: number;
}

/** The part's result: figures, checks and notes. */
export function hostileResult(input: ResultInput): TortureResult {
  const { outcomes, commands, requests } = input;
  const counts = tally(outcomes, input.apiKey);
  const cases = outcomes.length;
  const kinds = new Set(outcomes.map(({ entry }) => entry.kind)).size;
  const codes = [...counts.exitCodes].sort((a, b) => Number(a) - Number(b)).join(', ');
  return {
    part: 'hostile',
    title: 'Hostile input',
    setup:
      `${cases} bad inputs of ${kinds} kinds (test/fixtures/hostile/cases.json; the ` +
      'megabyte ones generated at run time) through the built aa-sync ' +
      `(${commands.join(', ')}), ${input.concurrency} at a time, against an in-process emulator ` +
      'that accepts only a canary key.',
    figures: [
      { label: 'cases', value: cases },
      { label: 'kinds of attack', value: kinds },
      { label: 'commands run', value: counts.runs },
      { label: 'API requests seen', value: requests },
      { label: 'crashes', value: counts.crashed },
      { label: 'distinct exit codes seen', value: codes },
    ],
    checks: [
      ...commands.map((command) =>
        check(
          `${command}: exit code and message exactly as expected`,
          `${cases} of ${cases}`,
          `${counts.matched[command] ?? 0} of ${cases}`,
        ),
      ),
      check('API requests seen by the emulator', 0, requests),
      check('crashes (exit 1, stack trace, signal, hang)', 0, counts.crashed),
      check('outputs with a raw control character', 0, counts.rawControl),
      check(
        'refused commands that left more than a refused command leaves',
        0,
        counts.leftBehind,
      ),
      check('outputs or files holding the canary key', 0, counts.canary),
    ],
    notes: [
      'A refused `apply` leaves an empty report root, the checkpoint with no run, ' +
        'no operation and no lock, and one failure log; a refused `plan` the empty ' +
        'report root; `validate` nothing.',
      ...counts.mismatches.slice(0, 10).map((line) => `not as expected: ${line}`),
    ],
    wallMs: Date.now() - input.started,
  };
}
