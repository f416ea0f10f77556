/**
 * The summary.json the README shows is a true excerpt: every field it names
 * exists in a real summary, with a value of the same type.
 */
import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/build-model.js';
import { summaryOf } from '../../src/report/summary-json.js';
import { sampleInput } from '../report/support/model-fixture.js';
import { readmeFence } from './readme-blocks.js';

/** `path: type` of every leaf of a JSON value, in document order. */
function leaves(value: unknown, path = ''): string[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, inner]) =>
      leaves(inner, path === '' ? key : `${path}.${key}`),
    );
  }
  return [`${path}: ${value === null ? 'null' : typeof value}`];
}

describe('README: summary.json', () => {
  it('shows only fields a real summary has, with the same types', () => {
    const shown = leaves(JSON.parse(readmeFence('summary-shape')) as unknown);
    const real = new Set(leaves(summaryOf(buildReportModel(sampleInput()))));
    expect(shown.filter((leaf) => !real.has(leaf))).toEqual([]);
    expect(shown).toHaveLength(33);
  });
});
