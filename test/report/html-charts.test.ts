import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/html/index.js';
import {
  formatElapsed,
  timeTicks,
  valueTicks,
} from '../../src/report/html/chart-scale.js';
import { operationsChart } from '../../src/report/html/operations-chart.js';
import { outcomeChart } from '../../src/report/html/outcome-chart.js';
import { trafficChart } from '../../src/report/html/traffic-chart.js';
import type { OperationsBucket, TrafficSample } from '../../src/report/report-types.js';
import { chartOf, occurrences, sectionOf } from './support/html-inspect.js';
import { sampleReportModel } from './support/html-sample-model.js';
import { SAMPLE_START_MS } from './support/html-sample-parts.js';

const T0 = SAMPLE_START_MS;

function bucket(offsetS: number, values: Partial<OperationsBucket>): OperationsBucket {
  return {
    atMs: T0 + offsetS * 1000,
    succeeded: 0,
    adopted: 0,
    failed: 0,
    skipped: 0,
    ...values,
  };
}

function sample(offsetS: number, values: Partial<TrafficSample>): TrafficSample {
  return {
    atMs: T0 + offsetS * 1000,
    requests: 5,
    rateLimited: 0,
    heldMs: 0,
    pacedRate: 5,
    ...values,
  };
}

/** Text of the tick labels of an axis (`x-axis` or `y-axis`), the title left out. */
function tickLabels(chart: string, axis: 'x-axis' | 'y-axis'): string[] {
  const group =
    new RegExp(`<g class="axis ${axis}">(.*?)</g>`, 's').exec(chart)?.[1] ?? '';
  const labels = [...group.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(
    (match) => match[1]!,
  );
  // The last text of an axis is its title.
  return labels.slice(0, -1);
}

describe('the operations-over-time chart', () => {
  it('draws one stacked bar per bucket, one segment per outcome present', () => {
    const chart = operationsChart(
      [
        bucket(0, { succeeded: 2, adopted: 1, skipped: 1 }),
        bucket(10, { succeeded: 3 }),
        bucket(20, { failed: 1 }),
      ],
      10_000,
    ).toString();
    expect(occurrences(chart, '<g class="bar">')).toBe(3);
    const bars = [...chart.matchAll(/<g class="bar">(.*?)<\/g>/g)].map((match) =>
      [...match[1]!.matchAll(/<rect class="s-([a-z]+)"/g)].map((rect) => rect[1]),
    );
    expect(bars).toEqual([
      ['succeeded', 'adopted', 'skipped'],
      ['succeeded'],
      ['failed'],
    ]);
    expect(tickLabels(chart, 'y-axis')).toEqual(['0', '1', '2', '3', '4']);
    expect(tickLabels(chart, 'x-axis')).toEqual([
      '0s',
      '5s',
      '10s',
      '15s',
      '20s',
      '25s',
      '30s',
    ]);
    expect(chart).toContain(
      '<title>0s to 10s: 2 succeeded, 1 adopted, 0 failed, 1 skipped</title>',
    );
  });

  it('has as many bars as the model has buckets', () => {
    const model = sampleReportModel(100);
    const chart = chartOf(renderReportHtml(model), 'chart-operations');
    expect(model.charts.operations).toHaveLength(5);
    expect(occurrences(chart, '<g class="bar">')).toBe(5);
  });

  it('draws a single bucket across the whole axis', () => {
    const chart = operationsChart([bucket(0, { succeeded: 1 })], 10_000).toString();
    expect(occurrences(chart, '<g class="bar">')).toBe(1);
    expect(tickLabels(chart, 'y-axis')).toEqual(['0', '1']);
    expect(tickLabels(chart, 'x-axis')).toEqual(['0s', '2s', '4s', '6s', '8s', '10s']);
  });

  it('says that nothing finished instead of drawing an empty chart', () => {
    expect(operationsChart([], 10_000).toString()).toBe(
      '<p class="empty">No operations finished in this run.</p>',
    );
  });

  it('is an image with a title, a description, a caption and its numbers as a table', () => {
    const chart = operationsChart([bucket(0, { succeeded: 1 })], 10_000).toString();
    expect(chart).toContain(
      'role="img" aria-labelledby="chart-operations-title chart-operations-desc"',
    );
    expect(chart).toContain(
      '<title id="chart-operations-title">Operations over time</title>',
    );
    expect(chart).toContain(
      '<figcaption>Operations finished per 10 s, stacked by outcome; the first bucket starts 2025-03-02 09:00:00 UTC.</figcaption>',
    );
    expect(chart).toContain(
      '<tr><td>2025-03-02 09:00:00 UTC</td><td class="number">1</td><td class="number">0</td><td class="number">0</td><td class="number">0</td><td class="number">1</td></tr>',
    );
    expect(chart).toMatch(/<svg viewBox="0 0 640 260"/);
  });
});

describe('the request-rate chart', () => {
  it('marks each bucket with 429s and shows the time held', () => {
    const model = sampleReportModel(100);
    const chart = chartOf(renderReportHtml(model), 'chart-traffic');
    const limited = model.charts.traffic.filter((entry) => entry.rateLimited > 0);
    expect(limited).toHaveLength(6);
    expect(occurrences(chart, '<g class="sample">')).toBe(model.charts.traffic.length);
    // One marker and one held band per bucket with 429s, plus the legend's swatch.
    expect(occurrences(chart, '<path class="limited"')).toBe(6 + 1);
    expect(occurrences(chart, '<rect class="held"')).toBe(6 + 1);
    expect(chart).toContain(
      '174 requests in buckets of 1 s; peak 5/s against a paced rate of 4 to 5/s; 6 429 answers, which held every request for 2.4 s in all.',
    );
  });

  it('breaks the paced-rate line over seconds without requests', () => {
    const chart = trafficChart(
      [sample(0, {}), sample(1, { pacedRate: 4 }), sample(5, {})],
      1000,
    ).toString();
    const path = /<path class="paced" d="([^"]+)"/.exec(chart)?.[1] ?? '';
    expect(path.match(/[ML]/g)).toEqual(['M', 'L', 'M']);
  });

  it('draws no paced line over unpaced requests (the live read before the run)', () => {
    const samples = [
      sample(0, { requests: 1, pacedRate: 0 }),
      sample(1, { pacedRate: 4 }),
      sample(2, { pacedRate: 4 }),
    ];
    const chart = trafficChart(samples, 1000).toString();
    const path = /<path class="paced" d="([^"]+)"/.exec(chart)?.[1] ?? '';
    expect(path.match(/[ML]/g)).toEqual(['M', 'L']);
    const readOnly = trafficChart([sample(0, { requests: 1, pacedRate: 0 })], 1000);
    expect(readOnly.toString()).toContain(
      '1 request in buckets of 1 s; peak 1/s unpaced (the read of the live state); no 429 answers.',
    );
  });

  it('draws one sample as one bar over the whole axis, with the rate on the scale', () => {
    const chart = trafficChart(
      [sample(0, { requests: 3, pacedRate: 4 })],
      1000,
    ).toString();
    expect(occurrences(chart, '<g class="sample">')).toBe(1);
    expect(tickLabels(chart, 'y-axis')).toEqual(['0', '1', '2', '3', '4']);
    expect(tickLabels(chart, 'x-axis')).toEqual(['0s', '1s']);
    expect(chart).toContain('<path class="paced" d="M56 34H624"/>');
  });

  it('says "No requests recorded." when the run sent none', () => {
    const model = sampleReportModel(10);
    model.charts.traffic = [];
    const charts = sectionOf(renderReportHtml(model), 'charts');
    expect(charts).toContain('<p class="empty">No requests recorded.</p>');
    expect(charts).not.toContain('id="chart-traffic"');
  });

  it('reads merged buckets as a rate per second', () => {
    const chart = trafficChart(
      [sample(0, { requests: 50, pacedRate: 5 })],
      10_000,
    ).toString();
    expect(chart).toContain('<td class="number">50</td><td class="number">5</td>');
  });
});

describe('the outcome breakdown chart', () => {
  it('draws one bar per outcome that happened, with its number', () => {
    const model = sampleReportModel(10);
    const chart = outcomeChart(model.counts.total).toString();
    const bars = [...chart.matchAll(/<rect class="bar-([a-z]+)"/g)].map(
      (match) => match[1],
    );
    expect(bars).toEqual([
      'created',
      'updated',
      'adopted',
      'unchanged',
      'failed',
      'skipped',
      'conflict',
      'rejected',
    ]);
    expect(chart).toContain('<title>13 created</title>');
    expect(tickLabels(chart, 'x-axis')).toEqual(['0', '5', '10', '15']);
  });

  it('says so when there is nothing to count', () => {
    const counts = sampleReportModel(1).counts.total;
    for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] = 0;
    expect(outcomeChart(counts).toString()).toBe(
      '<p class="empty">No entity to count: the plan was empty.</p>',
    );
  });
});

describe('chart scales', () => {
  it('steps value ticks by 1, 2 or 5 times a power of ten', () => {
    expect(valueTicks(0, true)).toEqual([0, 1]);
    expect(valueTicks(4, true)).toEqual([0, 1, 2, 3, 4]);
    expect(valueTicks(37, true)).toEqual([0, 10, 20, 30, 40]);
    expect(valueTicks(1, false)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(valueTicks(0.3, false)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(valueTicks(1, true)).toEqual([0, 1]);
  });

  it('steps time ticks by round seconds, minutes or hours', () => {
    expect(timeTicks(1000)).toEqual([0, 1000]);
    expect(timeTicks(45_000)).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(timeTicks(3_600_000)).toEqual([
      0, 600_000, 1_200_000, 1_800_000, 2_400_000, 3_000_000, 3_600_000,
    ]);
  });

  it('writes elapsed time as a person says it', () => {
    expect([0, 45_000, 120_000, 90_000, 3_600_000, 8_100_000].map(formatElapsed)).toEqual(
      ['0s', '45s', '2m', '1m 30s', '1h', '2h 15m'],
    );
  });
});
