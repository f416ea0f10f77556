/** report.html: `renderReportHtml` turns a report model into one self-contained page. */
export { renderReportHtml } from './render-report.js';
export { contentSecurityPolicy, cspHash } from './page-shell.js';
export { CLIENT_SCRIPT, FILTER_DEBOUNCE_MS, PAGE_SIZE } from './client-script.js';
