/**
 * What a run says when it ends: its figures in a sentence, and the next step
 * as a command that works as printed (repeating a state or report directory
 * that is not the default). Exports: `describeEnd`, `HintFlags`, `hintFlagsOf`.
 */
import type { ExecutionSummary } from '../execute/executor.js';
import type { RunRecord } from '../checkpoint/run-types.js';
import { DEFAULT_REPORT_DIR } from '../report/report-dir.js';
import { countOf } from '../util/count-of.js';
import { DEFAULT_STATE_DIR } from './common-flags.js';
import { total } from './run-json.js';
import type { SettingsFlags } from '../config/index.js';

/** A count as the rest of the line writes it: 11,962. */
const figure = (count: number): string => count.toLocaleString('en-US');

/** Flags the next-step hints repeat: a state and a report directory not the default. */
export interface HintFlags {
  state: string;
  report: string;
}

/** The run's end in a sentence or two, and what to do next. */
export function describeEnd(
  run: RunRecord,
  summary: ExecutionSummary,
  carried: { succeeded: number; adopted: number },
  flags: HintFlags,
  /** Customers of the run's plan in conflict: nothing is done for them. */
  conflicts = 0,
): string {
  // What a retry-failed run carried from its parent is the parent's work.
  const counts = {
    ...run.counts,
    succeeded: run.counts.succeeded - carried.succeeded,
    adopted: run.counts.adopted - carried.adopted,
  };
  const carriedCount = carried.succeeded + carried.adopted;
  const operations = total(run) - carriedCount;
  const fromParent =
    carriedCount === 0 || run.parentRunId === null
      ? ''
      : ` (besides ${countOf(carriedCount, 'result')} carried from run ${run.parentRunId})`;
  const figures = [
    `${figure(counts.succeeded)} succeeded`,
    `${figure(counts.adopted)} adopted`,
    `${figure(counts.failed)} failed`,
    `${figure(counts.skipped)} skipped`,
    `${figure(counts.pending + counts['in-flight'])} not done`,
  ].join(', ');
  const lines = [
    operations === 0
      ? `Run ${run.id} ${run.status}: nothing to change.`
      : `Run ${run.id} ${run.status}: ${countOf(operations, 'operation')}${fromParent}: ${figures}.`,
  ];
  if (conflicts > 0) {
    // Nothing was done for them, and the run can still end 0: say so every time.
    lines.push(
      `${countOf(conflicts, 'customer')} in conflict: nothing was done for ` +
        `${conflicts === 1 ? 'it' : 'them'} until a person decides; the report's failures ` +
        'say why and what to do (summary.json: tenants.conflict).',
    );
  }
  lines.push(...nextSteps(run, summary, flags));
  return `${lines.join('\n')}\n`;
}

function nextSteps(
  run: RunRecord,
  summary: ExecutionSummary,
  { state, report }: HintFlags,
): string[] {
  // status only reads the checkpoint; the commands that run go on writing reports.
  const running = state + report;
  switch (run.status) {
    case 'stopped':
      return [
        `The API refused the key (${summary.authError ?? '401'}). Set a valid key, then run ` +
          `\`aa-sync resume ${run.id}${running}\`.`,
      ];
    case 'interrupted':
      return [
        summary.stoppedBy === 'breaker'
          ? 'The API kept failing, so the run paused instead of failing every operation.'
          : 'The run was interrupted; nothing was left half-recorded.',
        `Continue with \`aa-sync resume ${run.id}${running}\`: operations in flight are looked up ` +
          'before anything is sent again.',
      ];
    case 'partial':
      return [
        `See the failures with \`aa-sync status ${run.id}${state}\` or in the report; after ` +
          `fixing their cause, run \`aa-sync retry-failed ${run.id}${running}\`.`,
      ];
    case 'completed':
    case 'running':
      return [];
  }
}

/** ` --report-dir DIR` when the reports do not go to the default directory. */
function reportFlag(reportDir: string): string {
  return reportDir === DEFAULT_REPORT_DIR ? '' : ` --report-dir ${shellWord(reportDir)}`;
}

/**
 * The hint flags of a command line: `--config` and `--profile` when given (a
 * hint without the profile would read the default key variable and fail), and
 * the directories only when a flag chose them (a profile chooses them again).
 */
export function hintFlagsOf(flags: SettingsFlags): HintFlags {
  const { settings } = flags;
  const given = (name: string, value: string | undefined): string =>
    value === undefined ? '' : ` --${name} ${shellWord(value)}`;
  const state =
    settings.stateDir.origin === 'flag' ? stateFlag(settings.stateDir.value) : '';
  const report =
    settings.reportDir.origin === 'flag' ? reportFlag(settings.reportDir.value) : '';
  return {
    state: `${given('config', flags.config)}${given('profile', flags.profile)}${state}`,
    report,
  };
}

/** ` --state-dir DIR` when the run's state directory is not the default one. */
function stateFlag(stateDir: string): string {
  if (stateDir === DEFAULT_STATE_DIR) return '';
  return ` --state-dir ${shellWord(stateDir)}`;
}

function shellWord(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : JSON.stringify(path);
}
