/**
 * The inputs of the hostile corpus too large to commit (a 10 MB value, a 50 MB
 * line, 100,000 columns, 20,000 rows), written into the work directory when a
 * run starts. Each generator is named by a case's `generate` in cases.json.
 * Exports: `GENERATORS`, `generateInputs`.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { HostileCase } from './hostile-cases.js';

const MB = 1024 * 1024;
/** Bytes written per call, so that a 50 MB file never sits in memory whole. */
const CHUNK_BYTES = MB;
const HEADER =
  'customer_id,org_name,owner_external_id,owner_email,location_name,location_area_code\n';
const GOOD_ROW = 'c1,Acme Dental,o1,owner@acme.example,Main St,617\n';

/** Writes `parts` to `path`; a number is that many bytes of `x`. */
function writeParts(path: string, parts: readonly (string | number)[]): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES, 'x');
    for (const part of parts) {
      if (typeof part === 'string') {
        writeSync(fd, part);
        continue;
      }
      for (let left = part; left > 0; left -= CHUNK_BYTES) {
        writeSync(fd, chunk, 0, Math.min(left, CHUNK_BYTES));
      }
    }
  } finally {
    closeSync(fd);
  }
}

function manyColumns(path: string): void {
  const extra = ',extra'.repeat(100_000);
  writeParts(path, [
    `customer_id,org_name,owner_external_id,owner_email${extra}\n`,
    'c1,Acme Dental,o1,owner@acme.example\n',
  ]);
}

function manyInvalidRows(path: string): void {
  const rows: string[] = [HEADER];
  for (let n = 1; n <= 20_000; n += 1) {
    rows.push(`c${n},Org ${n},o${n},owner ${n} at example,Site ${n},617\n`);
  }
  writeParts(path, [rows.join('')]);
}

/** Each generator writes the file at `path`. */
export const GENERATORS: Readonly<Record<string, (path: string) => void>> = {
  'quoted-field-10mb': (path) =>
    writeParts(path, [HEADER, 'c1,"', 10 * MB, '",o1,owner@acme.example,Main St,617\n']),
  'line-50mb-no-newline': (path) => writeParts(path, [HEADER, GOOD_ROW, 50 * MB]),
  'ndjson-line-50mb': (path) => writeParts(path, ['{"customer_id": "', 50 * MB]),
  'json-string-10mb': (path) =>
    writeParts(path, ['[{"customer_id": "c1", "name": "', 10 * MB, '"}]\n']),
  'header-cell-2mb': (path) => writeParts(path, ['customer_id,', 2 * MB, '\n', 'c1,x\n']),
  'unquoted-field-2mb': (path) =>
    writeParts(path, [HEADER, 'c1,', 2 * MB, ',o1,owner@acme.example,Main St,617\n']),
  'columns-100000': manyColumns,
  'rows-20000-invalid': manyInvalidRows,
  directory: (path) => mkdirSync(path),
};

/** Writes the generated input of every case that has one into `work`. */
export function generateInputs(cases: readonly HostileCase[], work: string): void {
  for (const entry of cases) {
    if (entry.generate === undefined) continue;
    const generator = GENERATORS[entry.generate];
    if (generator === undefined) {
      throw new Error(`case ${entry.id}: no generator named "${entry.generate}"`);
    }
    generator(join(work, entry.file));
  }
}
