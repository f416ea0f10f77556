import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLIENT_SCRIPT, renderReportHtml } from '../../src/report/html/index.js';
import { PAGE_CSS } from '../../src/report/html/page-css.js';
import {
  bodyRowsOf,
  cellsOf,
  cspOf,
  figuresOf,
  occurrences,
  scriptText,
  sectionOf,
  styleText,
  tagsOf,
} from './support/html-inspect.js';
import { sampleReportModel } from './support/html-sample-model.js';

const PAGE = renderReportHtml(sampleReportModel(10));

function headerFact(page: string, name: string): string {
  const match = new RegExp(`data-header="${name}">(.*?)</dd>`, 's').exec(page);
  if (match === null) throw new Error(`no header fact ${name}`);
  return match[1]!.replace(/<[^>]+>/g, '');
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

describe('report.html as a document', () => {
  it('is one document with one style sheet, one script and nothing to fetch', () => {
    const tags = tagsOf(PAGE);
    expect(PAGE.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(tags.filter((tag) => tag.name === 'script')).toHaveLength(1);
    expect(tags.filter((tag) => tag.name === 'style')).toHaveLength(1);
    const fetching = ['link', 'img', 'iframe', 'object', 'embed', 'image', 'use', 'base'];
    expect(tags.filter((tag) => fetching.includes(tag.name))).toEqual([]);
    const sources = tags.flatMap((tag) =>
      tag.attributes.filter(([name]) =>
        ['src', 'srcset', 'xlink:href', 'action'].includes(name),
      ),
    );
    expect(sources).toEqual([]);
    expect(styleText(PAGE)).not.toMatch(/url\(|@import/);
  });

  it('links only to its own sections', () => {
    const hrefs = tagsOf(PAGE).flatMap((tag) =>
      tag.attributes.filter(([name]) => name === 'href').map(([, value]) => value),
    );
    expect(hrefs).toEqual([
      '#summary',
      '#failures',
      '#charts',
      '#tenants',
      '#rejected',
      '#updates',
      '#drift',
      '#unmanaged',
    ]);
    for (const href of hrefs) expect(PAGE).toContain(`<section id="${href!.slice(1)}"`);
  });

  it('forbids every fetch and pins its script and style sheet by their SHA-256', () => {
    expect(scriptText(PAGE)).toBe(CLIENT_SCRIPT);
    expect(styleText(PAGE)).toBe(PAGE_CSS);
    expect(cspOf(PAGE)).toBe(
      [
        "default-src 'none'",
        `style-src 'sha256-${sha256(PAGE_CSS)}'`,
        `script-src 'sha256-${sha256(CLIENT_SCRIPT)}'`,
        "img-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; '),
    );
  });

  it('sets the charset, the CSP and the viewport before anything else in the head', () => {
    const head = PAGE.slice(PAGE.indexOf('<head>'), PAGE.indexOf('<title>'));
    expect(head).toMatch(
      /^<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="[^"]+">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n/,
    );
  });

  it('keeps the script free of anything that could close it or open a comment', () => {
    expect(CLIENT_SCRIPT).not.toMatch(/<\/script|<!--/i);
    expect(PAGE_CSS).not.toMatch(/<\/style|<!--/i);
    expect(occurrences(PAGE, '<!--')).toBe(0);
  });
});

describe('report.html header', () => {
  it('names the run, its command, mode, input, API, times and exit', () => {
    expect(PAGE).toContain(
      '<h1>aa-sync report: run <span class="run-id">run-20250302-090000-a1b2</span></h1>',
    );
    expect(PAGE).toContain('<title>aa-sync report: run run-20250302-090000-a1b2</title>');
    const facts = ['status', 'exit', 'command', 'mode', 'rate', 'baseUrl', 'inputs'];
    const times = ['startedAt', 'finishedAt', 'duration'];
    expect([...facts, ...times].map((name) => headerFact(PAGE, name))).toEqual([
      'partial',
      '5 (partial)',
      'apply',
      'merge',
      '5 requests/s',
      'http://127.0.0.1:8080/api/v1',
      'customers.csv, 123,456 bytes (120.6 KiB), sha256 ab12cd34ef56',
      '2025-03-02 09:00:00 UTC',
      '2025-03-02 09:00:04 UTC',
      '4.8 s',
    ]);
    expect(PAGE).not.toContain('data-header="parentRunId"');
  });

  it('says a run that has not finished has no end, duration or exit code yet', () => {
    const model = sampleReportModel(10);
    model.header = {
      ...model.header,
      status: 'running',
      finishedAt: null,
      durationMs: null,
      exitCode: null,
      exitName: null,
      rate: 'auto',
      parentRunId: 'run-parent',
    };
    const page = renderReportHtml(model);
    const names = ['status', 'exit', 'rate', 'finishedAt', 'duration', 'parentRunId'];
    expect(names.map((name) => headerFact(page, name))).toEqual([
      'running',
      'none yet (the run has not finished)',
      'auto',
      'not finished',
      'not finished',
      'run-parent',
    ]);
  });

  it('masks credentials a base URL carries instead of printing them', () => {
    const model = sampleReportModel(1);
    model.header.baseUrl = 'https://partner:sk_live_secret@api.example.test/api/v1';
    const page = renderReportHtml(model);
    expect(headerFact(page, 'baseUrl')).toBe('https://***@api.example.test/api/v1');
    expect(page).not.toContain('sk_live_secret');
  });
});

describe('report.html figures', () => {
  it('writes every count by kind and outcome, and every total, as plain digits', () => {
    const figures = Object.fromEntries(figuresOf(PAGE));
    const row = (values: number[]) =>
      Object.fromEntries(
        ['created', 'updated', 'deleted', 'adopted', 'unchanged']
          .concat(['pending', 'failed', 'skipped', 'conflict', 'rejected'])
          .map((outcome, index) => [outcome, String(values[index])]),
      );
    const of = (kind: string) =>
      Object.fromEntries(
        Object.entries(figures)
          .filter(([name]) => name.startsWith(`${kind}.`))
          .map(([name, value]) => [name.slice(kind.length + 1), value]),
      );
    expect(of('organization')).toEqual(row([4, 1, 0, 1, 2, 0, 1, 0, 1, 1]));
    expect(of('user')).toEqual(row([5, 0, 0, 0, 0, 0, 0, 1, 0, 0]));
    expect(of('location')).toEqual(row([4, 0, 0, 0, 0, 0, 0, 1, 0, 0]));
    expect(of('total')).toEqual(row([13, 1, 0, 1, 2, 0, 1, 2, 1, 1]));
    expect(of('totals')).toEqual({
      customers: '11',
      rejectedCustomers: '1',
      tenants: '10',
      operations: '18',
      inFlight: '0',
      newPhoneNumbers: '4',
      requests: '25',
      rateLimited: '1',
      heldMs: '400',
      drift: '1',
      unmanaged: '2',
    });
    expect(figuresOf(PAGE).size).toBe(51);
  });

  it('writes large figures without separators so that they read back exactly', () => {
    const page = renderReportHtml(sampleReportModel(10_000));
    expect(figuresOf(page).get('totals.tenants')).toBe('10000');
    expect(figuresOf(page).get('total.created')).toBe('13000');
  });
});

describe('report.html sections', () => {
  it('puts the failures before the charts and the tables', () => {
    const order = [
      'summary',
      'failures',
      'charts',
      'tenants',
      'rejected',
      'updates',
      'drift',
    ]
      .concat('unmanaged')
      .map((id) => PAGE.indexOf(`<section id="${id}"`));
    expect(order.every((at, index) => at > (order[index - 1] ?? 0))).toBe(true);
  });

  it('lists each failure with its reason, what to do and its file and line', () => {
    const rows = bodyRowsOf(PAGE, 'failures-table').map(cellsOf);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual([
      'failed',
      'cust-00007',
      'organization',
      'cust-00007 Inc',
      'HTTP 422: name is already taken',
      'Rename the organization in customers.csv line 9, then aa-sync retry-failed',
      'customers.csv:9',
      'cust-00007/organization:create',
    ]);
    expect(rows[3]).toEqual([
      'conflict',
      'cust-00009',
      'organization',
      '—',
      'owner &quot;cust-00009-owner&quot; holds role owner in several organizations',
      'Remove the owner from all but one organization, then plan again',
      'customers.csv:11',
      '—',
    ]);
  });

  it('writes one row per tenant with its plan, result, counts and new numbers', () => {
    const rows = bodyRowsOf(PAGE, 'tenants-table').map(cellsOf);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual([
      'cust-00000',
      '1000',
      'create',
      'done',
      '3',
      '0',
      '0',
      '0',
      '+16175550002',
    ]);
    expect(rows[7]).toEqual([
      'cust-00007',
      '—',
      'create',
      'failed',
      '3',
      '1',
      '2',
      '0',
      '—',
    ]);
    expect(sectionOf(PAGE, 'tenants')).toContain(
      '<label>Filter tenants <input type="search"',
    );
  });

  it('lists every problem of a rejected row with file, line, column, value and hint', () => {
    expect(bodyRowsOf(PAGE, 'rejected-table').map(cellsOf)).toEqual([
      ['customers.csv', '12', 'bad-0', 'owner_email', 'not-an-email'].concat(
        'owner_email is not an email address',
        'Write an address such as owner@example.com',
      ),
      ['customers.csv', '12', 'bad-0', 'area_code', '(empty)', 'area_code is empty', '—'],
    ]);
  });

  it('shows the old and the new value of every updated field', () => {
    expect(bodyRowsOf(PAGE, 'updates-table').map(cellsOf)).toEqual([
      ['cust-00004', 'organization', 'cust-00004 Inc', 'name', 'cust-00004 Old'].concat(
        'cust-00004 Inc',
        'updated',
      ),
      ['cust-00004', 'organization', 'cust-00004 Inc', 'description'].concat(
        '(not returned by the API)',
        'Dental care',
        'updated',
      ),
    ]);
  });

  it('lists drifted locations and unmanaged organizations', () => {
    expect(bodyRowsOf(PAGE, 'drift-table').map(cellsOf)).toEqual([
      ['cust-00005', '90005', 'Main', 'area code 617', 'area code 508', '+15085550005'],
    ]);
    expect(bodyRowsOf(PAGE, 'unmanaged-table').map(cellsOf)).toEqual([
      ['700001', 'Stray Clinic', '—', 'left alone'],
      ['700002', 'Closed Dental', 'gone-1', 'planned for deletion (mirror + prune)'],
    ]);
  });

  it('says so in words when a section has nothing to show', () => {
    const model = sampleReportModel(10);
    Object.assign(model, {
      failures: [],
      tenants: [],
      rejected: [],
      updates: [],
      drift: [],
    });
    model.unmanaged = [];
    const page = renderReportHtml(model);
    const notes = [
      'failures',
      'tenants',
      'rejected',
      'updates',
      'drift',
      'unmanaged',
    ].map((id) => /<p class="empty">(.*?)<\/p>/.exec(sectionOf(page, id))?.[1]);
    expect(notes).toEqual([
      'Nothing failed, was skipped or is in conflict.',
      'The plan holds no tenant.',
      'Every input row was valid.',
      'Nothing was updated.',
      'No location drifted from the export.',
      'Every live organization matches a customer of the input.',
    ]);
    expect(occurrences(page, '<div class="paged" data-paged>')).toBe(0);
  });
});

describe('report.html with 10,000 tenants', () => {
  it('writes every tenant row into the page and stays under 15 MB', () => {
    const page = renderReportHtml(sampleReportModel(10_000));
    expect(bodyRowsOf(page, 'tenants-table')).toHaveLength(10_000);
    expect(bodyRowsOf(page, 'failures-table')).toHaveLength(4_000);
    expect(Buffer.byteLength(page)).toBeLessThan(15 * 1024 * 1024);
  });
});
