/**
 * A small CSV export with cells a spreadsheet would run, accents, quotes and
 * line breaks, read through the real readers; temp files cleaned per test.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Assembly } from '../../../src/input/assemble.js';
import { assembleCustomers } from '../../../src/input/assemble.js';
import { readInputs } from '../../../src/input/read-inputs.js';
import type { FlatRow, RecordSource } from '../../../src/input/records.js';

export const EXPORT_HEADER = [
  'customer_id',
  'org_name',
  'org_description',
  'owner_external_id',
  'owner_email',
  'owner_name',
  'location_name',
  'location_area_code',
  'main_phone',
  'notes',
];

/**
 * c1 plain; c2 two rows with a formula description, accents, quotes, a phone,
 * an amount and a two-line note; c3 an invalid owner email (rejected); a
 * record with no key (rejected); c4 a tab-led formula.
 */
export const EXPORT_ROWS: string[][] = [
  ['c1', 'Acme', '', 'o1', 'o1@example.com', 'Ann', 'Main', '617', '', ''],
  [
    'c2',
    'Nuñez & Sons',
    '=HYPERLINK("http://evil.example","click")',
    'o2',
    'o2@example.com',
    'José "Pepe" Nuñez',
    'Harbor',
    '617',
    '+16175550100',
    '-2+3',
  ],
  ['c2', 'Nuñez & Sons', '', 'o2', 'o2@example.com', '', 'Mill', '508', '', 'one\ntwo'],
  ['c3', 'Bad Email', '@SUM(A1)', 'o3', 'not-an-email', '', '', '', '', "'=x"],
  ['', 'No Key', '', '', 'x@example.com', '', '', '', '-12.50', '+cmd'],
  ['c4', 'Tabs', '\t=1', 'o4', 'o4@example.com', ' padded', 'Depot', '', '', '=1\n=2'],
];

const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true })));
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aa-sync-report-'));
  made.push(dir);
  return dir;
}

/** A cell as a CSV writer that quotes everything would write it. */
function quoted(cell: string): string {
  return `"${cell.replaceAll('"', '""')}"`;
}

/** Writes the export (LF line ends, every cell quoted) into a new temp directory. */
export async function writeExport(
  header: readonly string[] = EXPORT_HEADER,
  rows: readonly (readonly string[])[] = EXPORT_ROWS,
): Promise<string> {
  const file = join(await tempDir(), 'customers.csv');
  const lines = [header, ...rows].map((row) => row.map(quoted).join(','));
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

export async function writeText(name: string, text: string): Promise<string> {
  const file = join(await tempDir(), name);
  await writeFile(file, text);
  return file;
}

/** Every row of `files`, as the commands read them. */
export async function readRows(files: readonly string[]): Promise<FlatRow[]> {
  const rows: FlatRow[] = [];
  for await (const row of readInputs(files)) rows.push(row);
  return rows;
}

/** Reads and assembles `files` as `plan` and `apply` do. */
export async function assembleFiles(files: readonly string[]): Promise<Assembly> {
  const reading = readInputs(files);
  return assembleCustomers(reading, { headerGaps: reading.headerGaps });
}

/** Each record once, in reading order (a JSON record gives several rows). */
export function recordsOf(rows: readonly FlatRow[]): RecordSource[] {
  const records: RecordSource[] = [];
  for (const row of rows) {
    if (records.at(-1) !== row.source) records.push(row.source);
  }
  return records;
}
