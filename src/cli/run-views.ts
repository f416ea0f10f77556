/**
 * What `aa-sync runs` and `aa-sync status RUN_ID` print: pure functions from
 * checkpoint records to text (or JSON), so that the commands only read and
 * print. Exports: `renderRunList`, `renderRunStatus`, `DEFAULT_STATUS_LIMIT`;
 * the JSON forms are in `run-json.ts`.
 *
 * Times are shown in UTC, so that one run reads the same on every machine.
 * Values that came from the export (file names, tenant keys, errors quoting
 * them) are escaped, so that they cannot move the cursor of a terminal.
 */
import type {
  OperationRecord,
  OperationStatus,
  RunRecord,
  RunStatus,
} from '../checkpoint/run-types.js';
import { OPERATION_STATUSES } from '../checkpoint/run-types.js';
import { done, total } from './run-json.js';
import { formatDurationMs } from '../execute/progress-format.js';
import { quote, sanitise } from '../plan/render-operations.js';
import { countOf } from '../util/count-of.js';

/** Failed and in-flight operations listed by `status` before "and N more". */
export const DEFAULT_STATUS_LIMIT = 20;

const ANSI = {
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  red: '\u001b[31m',
  cyan: '\u001b[36m',
  magenta: '\u001b[35m',
  reset: '\u001b[0m',
} as const;

type Colour = Exclude<keyof typeof ANSI, 'reset'>;
type Paint = (colour: Colour, text: string) => string;

function painter(colour: boolean): Paint {
  return (name, text) => (colour ? `${ANSI[name]}${text}${ANSI.reset}` : text);
}

const STATUS_COLOURS: Record<RunStatus, Colour> = {
  running: 'cyan',
  interrupted: 'yellow',
  stopped: 'magenta',
  completed: 'green',
  partial: 'yellow',
};

const INDENT = '    ';
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const figure = (n: number): string => n.toLocaleString('en-US');

/** `2024-06-01 12:00:05 UTC`; an unreadable time is shown as recorded. */
function utc(iso: string, withSeconds = true): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return sanitise(iso);
  const text = new Date(time).toISOString().replace('T', ' ');
  return `${text.slice(0, withSeconds ? 19 : 16)} UTC`;
}

/** `just now`, `5 minutes ago`, `3 hours ago`, `2 days ago`. */
function ago(iso: string, now: Date): string {
  const elapsedMs = now.getTime() - Date.parse(iso);
  if (Number.isNaN(elapsedMs) || elapsedMs < MINUTE_MS) return 'just now';
  if (elapsedMs < HOUR_MS)
    return `${countOf(Math.floor(elapsedMs / MINUTE_MS), 'minute')} ago`;
  if (elapsedMs < DAY_MS)
    return `${countOf(Math.floor(elapsedMs / HOUR_MS), 'hour')} ago`;
  return `${countOf(Math.floor(elapsedMs / DAY_MS), 'day')} ago`;
}

/**
 * `running` while the run is; otherwise the time to `finishedAt`, or to the
 * last recorded update when a killed run never recorded its end.
 */
function duration(run: RunRecord): string {
  if (run.status === 'running') return 'running';
  const end = Date.parse(run.finishedAt ?? run.updatedAt) - Date.parse(run.startedAt);
  return Number.isNaN(end) ? '?' : formatDurationMs(end);
}

const LIST_HEADINGS = 'ID COMMAND STATUS STARTED DURATION DONE FAILED'.split(' ');
const STATUS_COLUMN = LIST_HEADINGS.indexOf('STATUS');
const FAILED_COLUMN = LIST_HEADINGS.indexOf('FAILED');

function listCells(run: RunRecord, now: Date): string[] {
  return [
    sanitise(run.id),
    sanitise(run.command),
    run.status,
    `${utc(run.startedAt, false)} (${ago(run.startedAt, now)})`,
    duration(run),
    `${figure(done(run))}/${figure(total(run))}`,
    figure(run.counts.failed),
  ];
}

/** Cells padded to their column, joined; colours are applied after padding. */
function tableLines(
  rows: string[][],
  paintCell: (row: number, col: number, text: string) => string,
): string[] {
  const widths = rows[0]!.map((_, col) =>
    Math.max(...rows.map((row) => row[col]!.length)),
  );
  const last = widths.length - 1;
  return rows.map((row, r) =>
    row
      .map((cell, col) =>
        paintCell(r, col, col === last ? cell : cell.padEnd(widths[col]!)),
      )
      .join('  '),
  );
}

/**
 * One line per run under a heading line, in the order given (the caller
 * sorts, newest first as a rule); a sentence when there are none.
 */
export function renderRunList(
  runs: RunRecord[],
  options: { colour: boolean; now: Date },
): string {
  if (runs.length === 0) {
    return 'There are no runs in this state directory yet; `aa-sync apply INPUT...` starts one.\n';
  }
  const paint = painter(options.colour);
  const rows = [LIST_HEADINGS, ...runs.map((run) => listCells(run, options.now))];
  const lines = tableLines(rows, (r, col, text) => {
    const run = runs[r - 1];
    if (run === undefined) return text;
    if (col === STATUS_COLUMN) return paint(STATUS_COLOURS[run.status], text);
    if (col === FAILED_COLUMN && run.counts.failed > 0) return paint('red', text);
    return text;
  });
  return lines.join('\n') + '\n';
}

const STATUS_MEANINGS: Record<RunStatus, string> = {
  running: 'running, or killed before it could record its end',
  interrupted: 'interrupted, resumable',
  stopped: 'stopped because the API refused the key, resumable once it is fixed',
  completed: 'completed',
  partial: 'finished with failed or skipped operations',
};

function headerLine(run: RunRecord, paint: Paint): string {
  const exit = run.exitCode === null ? '' : ` (exit code ${run.exitCode})`;
  const status = paint(STATUS_COLOURS[run.status], STATUS_MEANINGS[run.status]);
  return `Run ${sanitise(run.id)}: ${status}${exit}`;
}

function field(label: string, value: string): string {
  return `${INDENT}${label.padEnd(12)} ${value}`;
}

function inputLines(run: RunRecord): string[] {
  if (run.inputs.length === 0) return [field('inputs', '(none recorded)')];
  return run.inputs.map((input, index) =>
    field(
      index === 0 ? (run.inputs.length === 1 ? 'input' : 'inputs') : '',
      `${quote(input.file)} (sha256 ${sanitise(input.sha256.slice(0, 12))}, ${countOf(input.bytes, 'byte')})`,
    ),
  );
}

function optionsText(run: RunRecord): string {
  const { rate, burst, concurrency, maxOutageMs } = run.options;
  const pace = rate === 'auto' ? 'rate auto' : `rate ${figure(rate)} req/s`;
  const outage =
    maxOutageMs === undefined ? '' : `, max outage ${figure(maxOutageMs)} ms`;
  return `${pace}, burst ${figure(burst)}, concurrency ${figure(concurrency)}${outage}`;
}

function timeLines(run: RunRecord, now: Date): string[] {
  const lines = [field('started', `${utc(run.startedAt)} (${ago(run.startedAt, now)})`)];
  if (run.finishedAt !== null) {
    lines.push(field('finished', `${utc(run.finishedAt)}, after ${duration(run)}`));
  } else {
    lines.push(
      field('last update', `${utc(run.updatedAt)} (${ago(run.updatedAt, now)})`),
    );
  }
  return lines;
}

function headerBlock(run: RunRecord, paint: Paint, now: Date): string[] {
  const parent =
    run.parentRunId === null
      ? []
      : [field('retry of', `run ${sanitise(run.parentRunId)}`)];
  return [
    headerLine(run, paint),
    field('command', sanitise(run.command)),
    field('environment', sanitise(run.environment)),
    ...inputLines(run),
    field('options', optionsText(run)),
    ...timeLines(run, now),
    ...parent,
  ];
}

const STATUS_WORDS: Record<OperationStatus, string> = {
  pending: 'pending',
  'in-flight': 'in flight',
  succeeded: 'succeeded',
  adopted: 'adopted',
  failed: 'failed',
  skipped: 'skipped',
};

function countsLine(run: RunRecord, paint: Paint): string {
  const parts = OPERATION_STATUSES.map((status) => {
    const text = `${figure(run.counts[status])} ${STATUS_WORDS[status]}`;
    return status === 'failed' && run.counts.failed > 0 ? paint('red', text) : text;
  });
  return `Operations: ${figure(total(run))} in all: ${parts.join(', ')}.`;
}

function operationLine(op: OperationRecord, withError: boolean): string {
  const head = `${INDENT}${sanitise(op.id)}  tenant ${quote(op.tenant)}, ${countOf(op.attempts, 'attempt')}`;
  if (!withError) return head;
  return `${head}: ${op.lastError === null ? 'no error recorded' : sanitise(op.lastError)}`;
}

/** A heading, at most `limit` lines, then `and N more`; nothing when there are none. */
function listBlock(heading: string, lines: string[], limit: number): string[] {
  if (lines.length === 0) return [];
  const shown = lines.slice(0, limit);
  const more = lines.length - shown.length;
  return [heading, ...shown, ...(more > 0 ? [`${INDENT}and ${figure(more)} more`] : [])];
}

/** `flags`: what the hint repeats after the run id (see `hintFlagsOf`). */
function nextStep(run: RunRecord, flags: string): string[] {
  const id = `${sanitise(run.id)}${flags}`;
  switch (run.status) {
    case 'completed':
      return [];
    case 'partial':
      return [`Next: \`aa-sync retry-failed ${id}\` starts a new run of what failed.`];
    case 'interrupted':
      return [`Next: \`aa-sync resume ${id}\` continues it where it stopped.`];
    case 'stopped':
      return [`Next: fix the API key, then \`aa-sync resume ${id}\` continues the run.`];
    case 'running':
      return [
        `Next: if its process was killed, \`aa-sync resume ${id}\` continues it; while the process lives, resume refuses and names it.`,
      ];
  }
}

/**
 * The run's header, its counts per status, its failed operations, those in
 * flight (looked up on resume before anything is sent again) and the next
 * step. `operations` should hold every operation of the run (or at least the
 * failed and in-flight ones), in any order; lists are capped at `limit`.
 */
export function renderRunStatus(
  run: RunRecord,
  operations: OperationRecord[],
  options: { colour: boolean; now: Date; limit?: number; hintFlags?: string },
): string {
  const paint = painter(options.colour);
  const limit = Math.max(0, options.limit ?? DEFAULT_STATUS_LIMIT);
  const sorted = [...operations].sort((a, b) => a.seq - b.seq);
  const failed = sorted.filter((op) => op.status === 'failed');
  const inFlight = sorted.filter((op) => op.status === 'in-flight');
  const sections = [
    headerBlock(run, paint, options.now),
    [countsLine(run, paint)],
    listBlock(
      paint('red', `Failed (${figure(failed.length)}):`),
      failed.map((op) => operationLine(op, true)),
      limit,
    ),
    listBlock(
      `In flight (${figure(inFlight.length)}), looked up before anything is sent again on resume:`,
      inFlight.map((op) => operationLine(op, false)),
      limit,
    ),
    nextStep(run, options.hintFlags ?? ''),
  ];
  return (
    sections
      .filter((lines) => lines.length > 0)
      .map((lines) => lines.join('\n'))
      .join('\n\n') + '\n'
  );
}
