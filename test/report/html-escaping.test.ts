import { describe, expect, it } from 'vitest';
import { CLIENT_SCRIPT, renderReportHtml } from '../../src/report/html/index.js';
import { PAGE_CSS } from '../../src/report/html/page-css.js';
import { markup, trustedMarkup } from '../../src/report/html/safe-html.js';
import type { ReportModel } from '../../src/report/report-types.js';
import {
  bodyRowsOf,
  cellsOf,
  occurrences,
  scriptText,
  styleText,
  tagsOf,
} from './support/html-inspect.js';
import { sampleReportModel } from './support/html-sample-model.js';

/** Values that would run, break out of an attribute or end the style or script. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='x",
  'javascript:alert(1)',
  '</style>',
  '</script>',
  '<!--',
].join(' ');

/** HOSTILE as escape-html writes it. */
const ESCAPED = [
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;',
  '&#39; onmouseover=&#39;x',
  'javascript:alert(1)',
  '&lt;/style&gt;',
  '&lt;/script&gt;',
  '&lt;!--',
].join(' ');

/** The sample model with HOSTILE in every string a person or the API supplied. */
function hostileModel(): ReportModel {
  const model = sampleReportModel(10);
  const h = HOSTILE;
  Object.assign(model.header, {
    runId: h,
    command: h,
    mode: h,
    baseUrl: h,
    exitName: h,
    parentRunId: h,
    aaSyncVersion: h,
    inputs: [{ file: h, sha256: h, bytes: 10 }],
  });
  Object.assign(model.failures[0]!, {
    tenant: h,
    target: h,
    reason: h,
    action: h,
    file: h,
  });
  Object.assign(model.tenants[0]!, { key: h, planStatus: h, newPhoneNumbers: [h] });
  const problem = model.rejected[0]!.problems[0]!;
  Object.assign(model.rejected[0]!, { key: h, file: h });
  Object.assign(problem, { column: h, value: h, reason: h, hint: h });
  Object.assign(model.updates[0]!, { tenant: h, target: h });
  Object.assign(model.updates[0]!.changes[0]!, { field: h, from: h, to: h });
  Object.assign(model.drift[0]!, { tenant: h, location: h, expected: h, actual: h });
  Object.assign(model.drift[0]!, { phoneNumber: h });
  Object.assign(model.unmanaged[0]!, { name: h, rememberedAs: h });
  return model;
}

const PAGE = renderReportHtml(hostileModel());

describe('report.html with hostile values', () => {
  it('writes each value as escaped text where it belongs', () => {
    expect(PAGE).toContain(
      `<h1>aa-sync report: run <span class="run-id">${ESCAPED}</span></h1>`,
    );
    expect(PAGE).toContain(`<dd data-header="baseUrl">${ESCAPED}</dd>`);
    expect(PAGE).toContain(`<span class="file">${ESCAPED}</span>`);
    expect(PAGE).toContain(`<span class="hash" title="${ESCAPED}">`);
    expect(cellsOf(bodyRowsOf(PAGE, 'tenants-table')[0]!)[0]).toBe(ESCAPED);
    const failure = cellsOf(bodyRowsOf(PAGE, 'failures-table')[0]!);
    expect([failure[1], failure[3], failure[4], failure[5], failure[6]]).toEqual([
      ESCAPED,
      ESCAPED,
      ESCAPED,
      ESCAPED,
      `${ESCAPED}:9`,
    ]);
    const rejected = cellsOf(bodyRowsOf(PAGE, 'rejected-table')[0]!);
    expect(rejected).toEqual([
      ESCAPED,
      '12',
      ESCAPED,
      ESCAPED,
      ESCAPED,
      ESCAPED,
      ESCAPED,
    ]);
    const change = cellsOf(bodyRowsOf(PAGE, 'updates-table')[0]!);
    expect(change.slice(0, 6)).toEqual([
      ESCAPED,
      'organization',
      ESCAPED,
      ESCAPED,
      ESCAPED,
      ESCAPED,
    ]);
  });

  it('has no script but its own, and the model never reaches the script or the styles', () => {
    const lower = PAGE.toLowerCase();
    expect(occurrences(lower, '<script')).toBe(1);
    expect(occurrences(lower, '</script>')).toBe(1);
    expect(occurrences(lower, '<style')).toBe(1);
    expect(occurrences(lower, '</style>')).toBe(1);
    expect(occurrences(lower, '<img')).toBe(0);
    expect(occurrences(PAGE, '<!--')).toBe(0);
    expect(scriptText(PAGE)).toBe(CLIENT_SCRIPT);
    expect(styleText(PAGE)).toBe(PAGE_CSS);
  });

  it('puts model values in no link, event handler or style attribute', () => {
    const attributes = tagsOf(PAGE).flatMap((tag) => tag.attributes);
    expect(attributes.filter(([name]) => name.startsWith('on'))).toEqual([]);
    expect(attributes.filter(([name]) => name === 'style' || name === 'src')).toEqual([]);
    const hrefs = attributes
      .filter(([name]) => name === 'href')
      .map(([, value]) => value);
    expect(hrefs.every((href) => /^#[a-z]+$/.test(href ?? ''))).toBe(true);
    const carrying = attributes.filter(([, value]) => value?.includes('alert(1)'));
    expect(carrying.map(([name]) => name)).toEqual(['title']);
  });

  it('keeps the tag a value sits in whole', () => {
    const hash = tagsOf(PAGE).find((tag) =>
      tag.attributes.some(([name, value]) => name === 'class' && value === 'hash'),
    );
    expect(hash?.attributes).toEqual([
      ['class', 'hash'],
      ['title', ESCAPED],
    ]);
  });
});

describe('the markup tag', () => {
  it('escapes strings and numbers, keeps built markup and joins lists', () => {
    const inner = markup`<b>${'<i>'}</b>`;
    expect(markup`<p>${inner}${[1, '&', null, undefined]}</p>`.toString()).toBe(
      '<p><b>&lt;i&gt;</b>1&amp;</p>',
    );
    expect(markup`<p title="${`"'`}">`.toString()).toBe('<p title="&quot;&#39;">');
    expect(markup`${trustedMarkup('<hr>')}`.toString()).toBe('<hr>');
  });
});
