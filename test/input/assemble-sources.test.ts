import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assembleCustomers } from '../../src/input/assemble.js';
import { readInputs } from '../../src/input/read-inputs.js';
import { customer, row } from './validation/rows.js';

const HEADER = [
  'customer_id',
  'org_name',
  'owner_external_id',
  'owner_email',
  'location_name',
  'location_address',
];

const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true })));
});

async function csvFile(name: string, lines: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aa-sync-sources-'));
  made.push(dir);
  const file = join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describe('assembleCustomers keeps the records of accepted customers', () => {
  it('gives each accepted customer its CSV records by key, in file and line order', async () => {
    const file = await csvFile('customers.csv', [
      HEADER.join(','),
      'c2,Beta Inc,o2,o2@example.com,Depot,1 Dock Rd',
      'c1,Acme Inc,o1,o1@example.com,Main,',
      'c1,Acme Inc,o1,o1@example.com,North,"2 Elm St\nSuite 4"',
    ]);
    const reading = readInputs([file]);

    const assembly = await assembleCustomers(reading, { headerGaps: reading.headerGaps });

    const csv = (line: number, endLine: number, cells: string[]) => ({
      file,
      format: 'csv',
      line,
      endLine,
      raw: { kind: 'csv', header: HEADER, cells },
    });
    expect([...assembly.sources.entries()]).toStrictEqual([
      [
        'c1',
        [
          csv(3, 3, ['c1', 'Acme Inc', 'o1', 'o1@example.com', 'Main', '']),
          csv(4, 5, [
            'c1',
            'Acme Inc',
            'o1',
            'o1@example.com',
            'North',
            '2 Elm St\nSuite 4',
          ]),
        ],
      ],
      [
        'c2',
        [csv(2, 2, ['c2', 'Beta Inc', 'o2', 'o2@example.com', 'Depot', '1 Dock Rd'])],
      ],
    ]);
    expect(assembly.counts).toMatchObject({ accepted: 2, rejected: 0, rows: 3 });
  });

  it('leaves rejected customers out and reuses the records it was given', async () => {
    const late = row('b.csv', 2, { ...customer('c1', 'o1'), location_name: 'Late' });
    const early = row('a.csv', 7, { ...customer('c1', 'o1'), location_name: 'Early' });
    const bad = row('a.csv', 3, { ...customer('c9', 'o9'), owner_email: 'not-an-email' });

    const assembly = await assembleCustomers([late, bad, early]);

    expect([...assembly.sources.keys()]).toEqual(['c1']);
    const records = assembly.sources.get('c1') ?? [];
    expect(records.map((source) => `${source.file}:${source.line}`)).toEqual([
      'a.csv:7',
      'b.csv:2',
    ]);
    expect(records[0]).toBe(early.source);
    expect(records[1]).toBe(late.source);
    expect(assembly.rejected.map((entry) => entry.key)).toEqual(['c9']);
  });
});
