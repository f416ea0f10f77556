/**
 * report.html: the run for people, in one file that fetches nothing. Failures
 * come right after the figures; every long table is written in full and paged
 * by the page's script.
 */
import type { ReportModel } from '../report-types.js';
import { chartsSection } from './charts-section.js';
import { driftSection, unmanagedSection } from './drift-section.js';
import { failuresSection } from './failures-section.js';
import { footerLine, headerSection } from './header-section.js';
import { pageShell } from './page-shell.js';
import { rejectedSection } from './rejected-section.js';
import { markup, type SafeHtml } from './safe-html.js';
import { summarySection } from './summary-section.js';
import { tenantsSection } from './tenants-section.js';
import { updatesSection } from './updates-section.js';

/** The sections in page order, with the link text of the contents. */
const CONTENTS = [
  ['summary', 'Summary'],
  ['failures', 'Failures'],
  ['charts', 'Charts'],
  ['tenants', 'Tenants'],
  ['rejected', 'Rejected rows'],
  ['updates', 'Updates'],
  ['drift', 'Drift'],
  ['unmanaged', 'Unmanaged organizations'],
] as const;

/** In-page links only: no address on the page is ever built from the model. */
function contents(): SafeHtml {
  const links = CONTENTS.map(
    ([id, label]) => markup`<li><a href="#${id}">${label}</a></li>`,
  );
  return markup`<nav class="contents" aria-label="Contents"><ul>${links}</ul></nav>`;
}

function mainContent(model: ReportModel): SafeHtml {
  return markup`${summarySection(model)}
${failuresSection(model.failures)}
${chartsSection(model)}
${tenantsSection(model.tenants)}
${rejectedSection(model.rejected)}
${updatesSection(model.updates)}
${driftSection(model.drift)}
${unmanagedSection(model.unmanaged)}`;
}

/** Renders the whole report.html of a report model. */
export function renderReportHtml(model: ReportModel): string {
  return pageShell({
    title: `aa-sync report: run ${model.header.runId}`,
    header: markup`${headerSection(model.header)}\n${contents()}`,
    main: mainContent(model),
    footer: footerLine(model.header),
  });
}
