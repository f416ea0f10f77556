/**
 * The page's one style sheet, pinned by its hash in the Content-Security-Policy.
 * Light colours only, so that a print needs no dark background; tables scroll
 * sideways inside their section on a phone; charts scale with their viewBox.
 * It must never contain a closing style tag.
 */
import { PAGE_SIZE } from './client-script.js';

export const PAGE_CSS = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #d8dde6;
  --panel: #f5f7fa; --accent: #2458c6; --bad: #b42318; --warn: #b54708; --good: #067647; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.45;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
header.page, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
header.page { padding-top: 16px; }
h1 { font-size: 1.5rem; margin: 0 0 8px; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 0 0 8px; }
h2 .count { color: var(--muted); font-weight: normal; }
section { margin: 24px 0; }
nav.contents ul { display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: 8px 0;
  list-style: none; }
nav.contents a { color: var(--accent); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
ul.inputs { margin: 0; padding-left: 18px; }
.status { display: inline-block; padding: 0 8px; border-radius: 10px; border: 1px solid; }
.status.good { color: var(--good); } .status.bad { color: var(--bad); }
.status.warn { color: var(--warn); } .status.neutral { color: var(--muted); }
.next-step { margin: 12px 0 0; padding: 8px 12px; border: 1px solid var(--line);
  border-left: 4px solid var(--muted); border-radius: 6px; background: var(--panel);
  overflow-wrap: anywhere; }
.next-step.good { border-left-color: var(--good); }
.next-step.warn { border-left-color: var(--warn); }
.next-step.bad { border-left-color: var(--bad); }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
  gap: 8px; margin: 0 0 16px; padding: 0; list-style: none; }
.figures li { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px;
  background: var(--panel); }
.figures .value { display: block; font-size: 1.3rem; font-weight: 600;
  font-variant-numeric: tabular-nums; }
.figures .label { color: var(--muted); font-size: 0.85rem; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%;
  border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
caption { text-align: left; padding: 6px 8px; color: var(--muted); }
th, td { padding: 4px 8px; border-top: 1px solid var(--line); vertical-align: top;
  text-align: left; }
thead th { background: var(--panel); border-top: none; white-space: nowrap; }
th.number, td.number { text-align: right; font-variant-numeric: tabular-nums;
  white-space: nowrap; }
td.code, td.key { font-family: ui-monospace, Menlo, Consolas, monospace;
  font-size: 0.85rem; }
td.code { overflow-wrap: anywhere; min-width: 8em; }
td.key { white-space: nowrap; }
td.prose { min-width: 16em; }
td.zero { color: #98a2b3; }
.none { color: #98a2b3; }
.old { color: var(--bad); } .new { color: var(--good); }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 0.8rem;
  border: 1px solid currentColor; white-space: nowrap; }
.r-done, .o-created, .o-updated, .o-adopted { color: var(--good); }
.r-failed, .o-failed, .o-rejected { color: var(--bad); }
.r-conflict, .o-conflict, .o-skipped { color: var(--warn); }
.r-unchanged, .r-pending, .o-unchanged, .o-pending, .o-deleted { color: var(--muted); }
.controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center;
  margin: 0 0 8px; }
.controls[hidden], .no-match[hidden] { display: none; }
.js .paged:not(.ready) tbody tr:nth-child(n+${PAGE_SIZE + 1}) { display: none; }
.controls input { font: inherit; padding: 4px 8px; min-width: 14em; max-width: 100%; }
.pager button { font: inherit; padding: 2px 10px; }
.empty, .no-match { color: var(--muted); font-style: italic; }
figure { margin: 0 0 24px; }
figure svg { display: block; width: 100%; height: auto; max-width: 900px; }
figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 4px; }
details { margin-top: 6px; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  fill: #344054; }
svg .axis line, svg .axis path { stroke: #98a2b3; }
svg .axis line.grid { stroke: #eaecf0; }
svg .s-succeeded, svg .bar-created { fill: #12b76a; }
svg .s-adopted, svg .bar-adopted { fill: #2e90fa; }
svg .s-failed, svg .bar-failed, svg .bar-rejected { fill: #f04438; }
svg .s-skipped, svg .bar-skipped, svg .bar-conflict { fill: #f79009; }
svg .bar-deleted { fill: #7a5af8; }
svg .bar-unchanged, svg .bar-pending { fill: #98a2b3; }
svg .bar-updated { fill: #32d583; }
svg .req { fill: #84adff; }
svg .held { fill: #f04438; fill-opacity: 0.35; }
svg .paced { fill: none; stroke: #344054; stroke-width: 2; }
svg .limited { fill: #d92d20; }
footer { color: var(--muted); font-size: 0.85rem; padding-bottom: 24px; }
@media (max-width: 600px) {
  body { font-size: 14px; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: 4px; }
}
@media print {
  body { font-size: 11px; background: #fff; }
  nav.contents, .controls, .no-match, details { display: none !important; }
  .paged tbody tr { display: table-row !important; }
  tr, figure, .figures li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  thead th, .figures li { background: none; }
  .table-wrap { overflow: visible; border: none; }
  section { break-before: auto; }
  h2 { break-after: avoid; page-break-after: avoid; }
  svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
