/**
 * What a report tells its reader to do next, by how the run ended: why it is
 * not done, and the command that goes on. Exports: `nextStepOf`.
 *
 * The report does not know the `--state-dir` or `--report-dir` the run was
 * given, so its commands have none: the lines the command printed as it ended
 * repeat them.
 */
import type { ReportRun } from './report-types.js';

/** The next step for a run (or plan) of `operations` operations; null when done. */
export function nextStepOf(
  run: Pick<ReportRun, 'id' | 'status'>,
  operations: number,
): string | null {
  const { id } = run;
  const lookedUp =
    'operations that were in flight are looked up before anything is sent again';
  switch (run.status) {
    case 'completed':
      return null;
    case 'stopped':
      return (
        'The API refused the key (401), so the run stopped. Set a valid key, then run ' +
        `\`aa-sync resume ${id}\`: ${lookedUp}.`
      );
    case 'interrupted':
      return (
        'The run was interrupted (a signal, or the API kept failing). ' +
        `\`aa-sync resume ${id}\` continues it: ${lookedUp}.`
      );
    case 'running':
      return (
        'The process ended without finishing the run (killed or crashed), unless it ' +
        `is still running. \`aa-sync resume ${id}\` continues it: ${lookedUp}; while ` +
        'the process still runs, resume refuses and names it.'
      );
    case 'partial':
      return (
        'Some operations failed or were skipped: see Failures. Fix their cause, then ' +
        `run \`aa-sync retry-failed ${id}\`; or correct the records in failed.csv ` +
        '(beside this report) and give that file to `aa-sync apply`.'
      );
    case 'planned':
      return plannedStep(operations);
  }
}

function plannedStep(operations: number): string {
  if (operations === 0) {
    return 'This is a plan with no operations: applying it would change nothing.';
  }
  return (
    'This is a plan: nothing was changed. Apply it with `aa-sync apply --plan ' +
    '<plan file>` (the file `aa-sync plan --out` wrote), or plan afresh and apply ' +
    'in one step with `aa-sync apply` and the same inputs and options.'
  );
}
