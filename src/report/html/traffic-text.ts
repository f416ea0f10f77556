/** The words and the table behind the traffic chart, for those who read rather than look. */
import type { TrafficSample } from '../report-types.js';
import { maxOf, minOf } from './chart-scale.js';
import { formatCount, formatDuration, formatEpoch, formatRate } from './format.js';
import { markup, type SafeHtml } from './safe-html.js';

const MS_PER_SECOND = 1000;

/** Requests per second during a sample of `bucketMs`. */
export function requestRate(sample: TrafficSample, bucketMs: number): number {
  return (sample.requests * MS_PER_SECOND) / bucketMs;
}

function sum(
  samples: readonly TrafficSample[],
  pick: (sample: TrafficSample) => number,
): number {
  return samples.reduce((total, sample) => total + pick(sample), 0);
}

/** The paced rates in force, or null when every request was unpaced (the live read). */
function pacedRange(samples: readonly TrafficSample[]): string | null {
  const paced = samples.map((sample) => sample.pacedRate).filter((rate) => rate > 0);
  if (paced.length === 0) return null;
  const low = formatRate(minOf(paced));
  const high = formatRate(maxOf(paced));
  return low === high ? `${low}/s` : `${low} to ${high}/s`;
}

/** One sentence: requests, the peak against the paced range, 429s and held time. */
export function trafficCaption(
  samples: readonly TrafficSample[],
  bucketMs: number,
): string {
  const requests = sum(samples, (sample) => sample.requests);
  const limited = sum(samples, (sample) => sample.rateLimited);
  const heldMs = sum(samples, (sample) => sample.heldMs);
  const peak = maxOf(samples.map((sample) => requestRate(sample, bucketMs)));
  const held =
    limited === 0
      ? 'no 429 answers'
      : `${formatCount(limited)} 429 answers, which held every request for ${formatDuration(heldMs)} in all`;
  const range = pacedRange(samples);
  const against =
    range === null
      ? 'unpaced (the read of the live state)'
      : `against a paced rate of ${range}`;
  return `${formatCount(requests)} ${requests === 1 ? 'request' : 'requests'} in buckets of ${formatDuration(bucketMs)}; peak ${formatRate(peak)}/s ${against}; ${held}.`;
}

const HEADINGS = ['requests', 'requests/s', 'paced rate/s', '429 answers', 'held ms'];

/** Every sample as a row. */
export function trafficTable(
  samples: readonly TrafficSample[],
  bucketMs: number,
): SafeHtml {
  const headings = HEADINGS.map(
    (heading) => markup`<th scope="col" class="number">${heading}</th>`,
  );
  const rows = samples.map((sample) => {
    const values = [
      String(sample.requests),
      formatRate(requestRate(sample, bucketMs)),
      formatRate(sample.pacedRate),
      String(sample.rateLimited),
      String(sample.heldMs),
    ];
    const cells = values.map((value) => markup`<td class="number">${value}</td>`);
    return markup`<tr><td>${formatEpoch(sample.atMs)}</td>${cells}</tr>\n`;
  });
  return markup`<table><thead><tr><th scope="col">Bucket start</th>${headings}</tr></thead><tbody>${rows}</tbody></table>`;
}
