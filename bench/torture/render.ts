/**
 * docs/reliability.md from the stored results: a summary of every part, then
 * each part's setup, figures, checks and notes. Only the block between the
 * two markers is generated; the text around it (what the campaign is, the
 * defects it found) is written by hand and kept. Exports: `BEGIN_MARK`,
 * `END_MARK`, `renderResults`, `replaceBlock`.
 */
import type { RecordedPart, StoredResults } from './record.js';
import { TORTURE_IDS } from './record.js';

export const BEGIN_MARK = '<!-- torture:begin (written by npm run torture) -->';
export const END_MARK = '<!-- torture:end -->';
const MS_PER_SECOND = 1000;
const SECONDS_PER_MINUTE = 60;

/** The generated block, markers included. */
export function renderResults(stored: StoredResults): string {
  const recorded = TORTURE_IDS.flatMap((id) => {
    const part = stored.parts[id];
    return part === undefined ? [] : [part];
  });
  const lines = [BEGIN_MARK, '', ...summaryTable(recorded)];
  for (const part of recorded) lines.push('', ...partSection(part));
  lines.push('', END_MARK);
  return lines.join('\n');
}

/**
 * `document` with its generated block replaced by `block`; a document
 * without markers gets the block at its end.
 */
export function replaceBlock(document: string, block: string): string {
  const begin = document.indexOf(BEGIN_MARK);
  const end = document.indexOf(END_MARK);
  if (begin === -1 || end < begin) {
    const separator = document === '' || document.endsWith('\n') ? '' : '\n';
    return `${document}${separator}\n${block}\n`;
  }
  return document.slice(0, begin) + block + document.slice(end + END_MARK.length);
}

function summaryTable(parts: readonly RecordedPart[]): string[] {
  const rows = parts.map(({ context, result }) => {
    const held = result.checks.filter((item) => item.ok).length;
    const version = context.quick ? 'short' : 'full';
    return (
      `| [${result.title}](#${result.part}) | ${held} of ${result.checks.length} | ` +
      `${duration(result.wallMs)} | ${context.ranAt.slice(0, 10)}, ${version}, ${context.commit} |`
    );
  });
  return [
    '| part | checks held | wall time | run |',
    '| --- | ---: | ---: | --- |',
    ...rows,
  ];
}

function partSection({ context, result }: RecordedPart): string[] {
  const version = context.quick ? 'the short version (`--quick`)' : 'the full campaign';
  const lines = [
    `<a id="${result.part}"></a>`,
    '',
    `### ${result.title}`,
    '',
    `${version}, ${context.ranAt}, commit ${context.commit}, Node ${context.node}, ` +
      `${context.cpus} CPUs, ${duration(result.wallMs)}. ${result.setup}`,
    '',
    '| figure | value |',
    '| --- | ---: |',
    ...result.figures.map(
      (figure) => `| ${cell(figure.label)} | ${value(figure.value)} |`,
    ),
    '',
    '| check | expected | seen | held |',
    '| --- | ---: | ---: | :---: |',
    ...result.checks.map(
      (item) =>
        `| ${cell(item.label)} | ${cell(item.expected)} | ${cell(item.actual)} | ` +
        `${item.ok ? 'yes' : '**NO**'} |`,
    ),
  ];
  if (result.notes.length > 0) lines.push('', ...result.notes.map((note) => `- ${note}`));
  return lines;
}

function value(figure: number | string): string {
  return typeof figure === 'number' ? figure.toLocaleString('en-US') : cell(figure);
}

/** A table cell: a pipe or a line break would end the cell or the row. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
}

function duration(ms: number): string {
  const seconds = ms / MS_PER_SECOND;
  if (seconds < SECONDS_PER_MINUTE) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / SECONDS_PER_MINUTE)} min ${whole % SECONDS_PER_MINUTE} s`;
}
