import { describe, expect, it } from 'vitest';
import { readRequestLog } from '../../bench/lib/executor-request-log.js';

/** A log entry as the emulator keeps it: numbered on arrival, stored when answered. */
function entry(seq: number) {
  return {
    seq,
    time: new Date(seq).toISOString(),
    method: seq % 2 === 0 ? 'POST' : 'GET',
    path: '/api/v1/organizations',
    query: '',
    keyLabel: 'demo#1',
    partnerId: 'demo',
    status: 201,
    fault: null,
    durationMs: 1,
  };
}

/** The control endpoint over `stored` (answer order), as `GET /requests` pages it. */
function controlOver(stored: ReturnType<typeof entry>[], lastSeq: number) {
  return (_method: string, path: string): Promise<unknown> => {
    const query = new URLSearchParams(path.split('?')[1]);
    const since = Number(query.get('since'));
    const limit = Number(query.get('limit'));
    const requests = stored.filter((e) => e.seq > since).slice(0, limit);
    return Promise.resolve({ requests, lastSeq });
  };
}

describe('reading the emulator’s request log', () => {
  it('keeps a request answered after a later one across a page boundary', async () => {
    // 2,500 requests; request 1,000 is answered after request 1,001, so the
    // first page of 1,000 ends on 1,001 and a read from there would skip 1,000.
    const seqs = Array.from({ length: 2_500 }, (_, i) => i + 1);
    seqs.splice(999, 2, 1_001, 1_000);
    const read = await readRequestLog(controlOver(seqs.map(entry), 2_500));
    expect(read.requests.map((r) => r.seq)).toEqual(
      Array.from({ length: 2_500 }, (_, i) => i + 1),
    );
    expect(read.missing).toBe(0);
  });

  it('counts numbers with no entry, and reads only after the number given', async () => {
    const stored = [11, 12, 14].map(entry);
    const read = await readRequestLog(controlOver(stored, 15), 10);
    expect(read.requests.map((r) => r.seq)).toEqual([11, 12, 14]);
    expect(read.missing).toBe(2);
    expect(read.lastSeq).toBe(15);
  });
});
