/**
 * The top of the page: which run this is, what it was asked to do, against
 * which API and input, when, how it ended, and what to do next.
 */
import type { ReportHeader, ReportRunStatus } from '../report-types.js';
import type { InputFingerprint } from '../../plan/plan-types.js';
import {
  formatBytes,
  formatDuration,
  formatRate,
  formatTime,
  SHORT_HASH_LENGTH,
} from './format.js';
import { withCode } from './failures-section.js';
import { markup, type HtmlValue, type SafeHtml } from './safe-html.js';

/** How a run status is coloured: fine, needs a look, needs action, not over. */
const STATUS_TONE: Record<ReportRunStatus, string> = {
  completed: 'good',
  planned: 'good',
  partial: 'warn',
  interrupted: 'warn',
  stopped: 'bad',
  running: 'neutral',
};

/** The base URL as shown: credentials a URL might carry are masked, never printed. */
export function displayBaseUrl(baseUrl: string): string {
  if (!URL.canParse(baseUrl)) return baseUrl;
  const url = new URL(baseUrl);
  if (url.username === '' && url.password === '') return baseUrl;
  url.username = '***';
  url.password = '';
  return url.toString();
}

function fact(name: string, label: string, value: HtmlValue): SafeHtml {
  return markup`<dt>${label}</dt><dd data-header="${name}">${value}</dd>\n`;
}

function toneOf(status: ReportRunStatus): string {
  // The model is read back from a file: a status this version does not know
  // is shown as it is, in a neutral colour.
  return Object.hasOwn(STATUS_TONE, status) ? STATUS_TONE[status] : 'neutral';
}

function statusBadge(status: ReportRunStatus): SafeHtml {
  return markup`<span class="status ${toneOf(status)}">${status}</span>`;
}

/** The next step, right under the facts, in the colour of the status; none when done. */
function nextStepNote(header: ReportHeader): SafeHtml {
  if (header.nextStep === null) return markup``;
  return markup`
<p class="next-step ${toneOf(header.status)}" id="next-step"><strong>Next step:</strong> ${withCode(header.nextStep)}</p>`;
}

function exitText(header: ReportHeader): string {
  if (header.exitCode === null) return 'none yet (the run has not finished)';
  if (header.exitName === null) return String(header.exitCode);
  return `${header.exitCode} (${header.exitName})`;
}

function rateText(rate: ReportHeader['rate']): string {
  if (rate === null) return 'none (nothing was sent)';
  if (rate === 'auto') return 'auto';
  return `${formatRate(rate)} requests/s`;
}

function inputItem(input: InputFingerprint): SafeHtml {
  const hash = input.sha256.slice(0, SHORT_HASH_LENGTH);
  return markup`<li><span class="file">${input.file}</span>, ${formatBytes(input.bytes)}, sha256 <span class="hash" title="${input.sha256}">${hash}</span></li>`;
}

function inputList(inputs: readonly InputFingerprint[]): HtmlValue {
  if (inputs.length === 0) return 'none';
  return markup`<ul class="inputs">${inputs.map(inputItem)}</ul>`;
}

function timeFacts(header: ReportHeader): SafeHtml[] {
  const finished =
    header.finishedAt === null ? 'not finished' : formatTime(header.finishedAt);
  const duration =
    header.durationMs === null ? 'not finished' : formatDuration(header.durationMs);
  return [
    fact('startedAt', 'Started', formatTime(header.startedAt)),
    fact('finishedAt', 'Finished', finished),
    fact('duration', 'Duration', duration),
  ];
}

function runFacts(header: ReportHeader): SafeHtml[] {
  return [
    fact('status', 'Status', statusBadge(header.status)),
    fact('exit', 'Exit code', exitText(header)),
    fact('command', 'Command', header.command),
    fact('mode', 'Mode', header.mode),
    fact('rate', 'Rate', rateText(header.rate)),
    fact('baseUrl', 'API base URL', displayBaseUrl(header.baseUrl)),
    fact('inputs', 'Inputs', inputList(header.inputs)),
  ];
}

/** The `<h1>`, the facts of the run and the next step. */
export function headerSection(header: ReportHeader): SafeHtml {
  const parent =
    header.parentRunId === null
      ? []
      : [fact('parentRunId', 'Retry of run', header.parentRunId)];
  return markup`<h1>aa-sync report: run <span class="run-id">${header.runId}</span></h1>
<dl class="facts">
${runFacts(header)}${timeFacts(header)}${parent}</dl>${nextStepNote(header)}`;
}

/** The line at the bottom: when and by which version the page was written. */
export function footerLine(header: ReportHeader): SafeHtml {
  return markup`<p>Generated ${formatTime(header.generatedAt)} by aa-sync ${header.aaSyncVersion}. This page fetches nothing: it reads offline, as an email attachment and on paper.</p>`;
}
