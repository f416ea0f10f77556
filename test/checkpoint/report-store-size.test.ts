import { describe, expect, it } from 'vitest';
import { loadReportInput, recordReportSources } from '../../src/checkpoint/index.js';
import type { RejectedCustomer } from '../../src/input/assemble.js';
import type { RecordSource } from '../../src/input/records.js';
import { T1, startSample, withCheckpoint } from './run-fixtures.js';

/** Records of a large export: most customers with operations, some rejected. */
const RECORDS = 100_000;
const REJECTED_EVERY = 10;

const HEADER = ['customer_id', 'org_name', 'owner_external_id', 'owner_email'];

function largeExport() {
  const rejected: RejectedCustomer[] = [];
  const sources = new Map<string, RecordSource[]>();
  for (let index = 0; index < RECORDS; index += 1) {
    const key = `c-${String(index).padStart(6, '0')}`;
    const cells = [key, `${key} Société`, `${key}-owner`, `${key}@example.com`];
    const record: RecordSource = {
      file: 'customers.csv',
      format: 'csv',
      line: index + 2,
      endLine: index + 2,
      raw: { kind: 'csv', header: HEADER, cells },
    };
    if (index % REJECTED_EVERY === 0) {
      const problem = {
        code: 'email',
        file: 'customers.csv',
        line: index + 2,
        reason: 'bad',
      };
      rejected.push({ key, records: [record], problems: [problem] });
    } else {
      sources.set(key, [record]);
    }
  }
  return { rejected, sources, tenants: new Set(sources.keys()) };
}

describe('report sources of a large export', () => {
  it(`records and reads back ${RECORDS} records in one transaction`, () => {
    const written = largeExport();

    const input = withCheckpoint((c) => {
      startSample(c, 'run-1');
      recordReportSources(c, 'run-1', written);
      return loadReportInput(c, 'run-1', T1);
    });

    expect(input?.rejected).toStrictEqual(written.rejected);
    expect(input?.sources).toStrictEqual(written.sources);
  });
});
