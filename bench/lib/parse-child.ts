/**
 * A child of the plan benchmark: reads one export to its end and prints, as
 * one JSON line, how many rows it gave and how long that took, timed inside
 * the child so that Node's start is not counted. Two readers, on the same
 * bytes in the same run, so their ratio holds on a noisy machine:
 *
 * - `reader`: aa-sync's own (dist/input/read-inputs.js, as the CLI runs it):
 *   decoding, CSV parsing, columns to fields, each row with its file and line;
 * - `papaparse`: papaparse alone over the same file stream, rows as arrays,
 *   the floor any CSV reader built on it can reach.
 *
 *   node --import tsx bench/lib/parse-child.ts reader|papaparse FILE
 */
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { readInputs as readInputsType } from '../../src/input/read-inputs.js';

type ReadInputs = typeof readInputsType;

const DIST_READER = fileURLToPath(
  new URL('../../dist/input/read-inputs.js', import.meta.url),
);

export interface ParseChildResult {
  reader: 'reader' | 'papaparse';
  rows: number;
  readMs: number;
}

async function readWithAaSync(file: string): Promise<number> {
  const { readInputs } = (await import(DIST_READER)) as { readInputs: ReadInputs };
  let rows = 0;
  for await (const row of readInputs([file])) if (row !== undefined) rows += 1;
  return rows;
}

function readWithPapaparse(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    const stream = createReadStream(file, { encoding: 'utf8' });
    stream.on('error', reject);
    Papa.parse<string[]>(stream as unknown as File, {
      step: () => {
        rows += 1;
      },
      complete: () => resolve(rows - 1), // less the header row
      error: reject,
    });
  });
}

async function main(): Promise<void> {
  const [reader, file] = process.argv.slice(2);
  if ((reader !== 'reader' && reader !== 'papaparse') || file === undefined) {
    process.stderr.write('usage: parse-child.ts reader|papaparse FILE\n');
    process.exitCode = 64;
    return;
  }
  const started = performance.now();
  const rows =
    reader === 'reader' ? await readWithAaSync(file) : await readWithPapaparse(file);
  const readMs = Math.round(performance.now() - started);
  const result: ParseChildResult = { reader, rows, readMs };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
