import { describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../src/emulator/request-log.js';
import { RequestLog } from '../../src/emulator/request-log.js';

function entry(seq: number): RequestLogEntry {
  return {
    seq,
    time: '2026-12-05T00:00:00.000Z',
    method: 'GET',
    path: '/api/v1/organizations',
    query: '',
    keyLabel: 'demo#1',
    partnerId: 'demo',
    status: 200,
    fault: null,
    durationMs: 1,
  };
}

describe('the request log', () => {
  it('pages in arrival order although requests are kept as their answers end', () => {
    const log = new RequestLog(10);
    // Request 2 was slow: answered after 3 and 4.
    for (const seq of [1, 3, 4, 2, 5]) log.add(entry(seq));
    const firstPage = log.since(0, 2).map((e) => e.seq);
    const secondPage = log.since(firstPage.at(-1) ?? 0, 2).map((e) => e.seq);
    const lastPage = log.since(secondPage.at(-1) ?? 0, 2).map((e) => e.seq);
    expect([firstPage, secondPage, lastPage]).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('keeps the newest entries when the ring is full, still by arrival', () => {
    const log = new RequestLog(3);
    for (const seq of [1, 2, 4, 3, 6, 5]) log.add(entry(seq));
    expect(log.since(0, 10).map((e) => e.seq)).toEqual([3, 5, 6]);
  });
});
