import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/html/index.js';
import { figuresOf } from './support/html-inspect.js';
import { sampleReportModel } from './support/html-sample-model.js';

describe('report.html next step', () => {
  it('puts the next step under the facts, commands set as code', () => {
    const model = sampleReportModel(10);
    model.header = {
      ...model.header,
      status: 'stopped',
      nextStep: 'Set a valid key, then run `aa-sync resume <id> & co`.',
    };
    const page = renderReportHtml(model);
    expect(page).toContain(
      '</dl>\n<p class="next-step bad" id="next-step"><strong>Next step:</strong> ' +
        'Set a valid key, then run <code>aa-sync resume &lt;id&gt; &amp; co</code>.</p>\n' +
        '<nav class="contents"',
    );
  });

  it('shows the next step of a partial run, and none for a completed one', () => {
    expect(renderReportHtml(sampleReportModel(10))).toContain(
      '<p class="next-step warn" id="next-step"><strong>Next step:</strong> Some ' +
        'operations failed or were skipped: see Failures. Fix their cause, then run ' +
        '<code>aa-sync retry-failed run-20250302-090000-a1b2</code>; or correct the ' +
        'records in failed.csv (beside this report) and give that file to ' +
        '<code>aa-sync apply</code>.</p>',
    );
    const model = sampleReportModel(10);
    model.header = { ...model.header, status: 'completed', nextStep: null };
    expect(renderReportHtml(model)).not.toContain('id="next-step"');
  });
});

describe('report.html operations in flight', () => {
  it('shows them as a total of their own beside the operations', () => {
    const model = sampleReportModel(10);
    model.totals.inFlight = 2;
    const page = renderReportHtml(model);
    expect(figuresOf(page).get('totals.inFlight')).toBe('2');
    expect(page).toContain(
      '<li><span class="value" data-figure="totals.operations">18</span>' +
        '<span class="label">operations</span></li>\n' +
        '<li><span class="value" data-figure="totals.inFlight">2</span>' +
        '<span class="label">in flight (counted as pending; looked up on resume)</span></li>',
    );
  });
});
