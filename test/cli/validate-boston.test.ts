/**
 * `aa-sync validate` on the bundled real export: the City of Boston's food
 * establishment licences (`fixtures/source/README.md`), read through a `--map`.
 * The file has businesses and phone numbers but no owner, so every row is
 * rejected: that is a finding about the data, not a defect to hide.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/cli.js';
import {
  AREA_CODE_HINT,
  MAPS_DIR,
  aaSync,
  rejectedTail,
  workDir,
} from './support/e2e.js';

const BOSTON_NAME = 'boston-food-establishments-2015.csv';
/** A copy of the city's file, committed so that every clone reads the same bytes. */
const BOSTON = join(PROJECT_ROOT, 'fixtures', 'source', BOSTON_NAME);
const BOSTON_SHA256 = 'f2b4911dccc77c2caf8b62d49ad0bbe5e3f1d96e8fd81634ac7d6b8bc5eef0e3';

const NO_KEY =
  'the record has neither customer_id nor owner_external_id, so it belongs to no ' +
  "customer. Give every row its customer's customer_id, or its owner's external id.";
const AREA_PREFIX = 'DAYPHN (column 11): location_area_code is not a usable area code: ';

/** Copies the export and its map into the test directory; returns the arguments. */
function bostonArgs(): string[] {
  expect(createHash('sha256').update(readFileSync(BOSTON)).digest('hex')).toBe(
    BOSTON_SHA256,
  );
  copyFileSync(BOSTON, join(workDir(), BOSTON_NAME));
  copyFileSync(join(MAPS_DIR, 'boston.json'), join(workDir(), 'boston-map.json'));
  return ['validate', BOSTON_NAME, '--map', 'boston-map.json'];
}

/** Counts lines by the reason they give, with numbers that vary per row masked. */
function reasonsOf(lines: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of lines) {
    const reason = line
      .replace(/^[^:]+:[0-9]+:? /u, '')
      .replace(/ \(value ".*$/u, '')
      .replace(/[0-9]+/gu, 'N');
    counts[reason] = (counts[reason] ?? 0) + 1;
  }
  return counts;
}

describe('aa-sync validate on the Boston food establishments export', () => {
  it('rejects every one of the 2,891 rows, for want of an owner, and lists 438 unusable phone numbers', async () => {
    const result = await aaSync(bostonArgs());
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(rejectedTail('2,891 customers'));
    const lines = result.stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toBe(
      '2,891 records: 2,891 customers, 0 valid, 2,891 rejected (3,329 problems).',
    );
    const problems = lines.slice(0, -2);
    expect(problems).toHaveLength(3329);
    expect(problems.slice(0, 4)).toEqual([
      `${BOSTON_NAME}:2: ${NO_KEY}`,
      `${BOSTON_NAME}:2 ${AREA_PREFIX}the phone number's area code 000 is not usable: it ` +
        'starts with 0 or 1; North American area codes start with 2 to 9 (value ' +
        `"+10000000000"). ${AREA_CODE_HINT}`,
      `${BOSTON_NAME}:3: ${NO_KEY}`,
      `${BOSTON_NAME}:4: ${NO_KEY}`,
    ]);
    expect(problems.at(-1)).toBe(`${BOSTON_NAME}:2892: ${NO_KEY}`);
    expect(reasonsOf(problems)).toEqual({
      [NO_KEY]: 2891,
      "DAYPHN (column N): location_area_code is not a usable area code: the phone number's area code N is not usable: it starts with N or N; North American area codes start with N to N": 430,
      'DAYPHN (column N): location_area_code is not a usable area code: it is a toll-free code, which cannot carry a local number': 6,
      'DAYPHN (column N): location_area_code is not a usable area code: no area code can be read from the phone number: it has N digits, where a North American number has N (or N starting with N)': 2,
    });
  });

  it('shows a toll-free phone number as the file holds it, not as the area code read from it', async () => {
    const result = await aaSync(bostonArgs());
    const line176 = result.stdout
      .split('\n')
      .filter((line) => line.startsWith(`${BOSTON_NAME}:176 `));
    expect(line176).toEqual([
      `${BOSTON_NAME}:176 ${AREA_PREFIX}it is a toll-free code, which cannot carry a ` +
        'local number (value "+18776262583"). ' +
        AREA_CODE_HINT,
    ]);
  });

  it('goes on with every row rejected only when --max-invalid allows 100%', async () => {
    const result = await aaSync([...bostonArgs(), '--max-invalid', '100%']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').at(-2)).toBe(
      '2,891 records: 2,891 customers, 0 valid, 2,891 rejected (3,329 problems).',
    );
  });
});
