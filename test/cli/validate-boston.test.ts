/**
 * `aa-sync validate` on the bundled real export: the City of Boston's food
 * establishment licences (`fixtures/source/README.md`), read through a `--map`.
 * The file has businesses and phone numbers but no owner, so every row is
 * rejected: that is a finding about the data, not a defect to hide.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/cli.js';
import { AREA_CODE_HINT, MAPS_DIR, aaSync, workDir } from './support/e2e.js';

const BOSTON_NAME = 'boston-food-establishments-2015.csv';
/** A copy of the city's file, committed so that every clone reads the same bytes. */
const BOSTON = join(PROJECT_ROOT, 'fixtures', 'source', BOSTON_NAME);
const BOSTON_SHA256 = 'f2b4911dccc77c2caf8b62d49ad0bbe5e3f1d96e8fd81634ac7d6b8bc5eef0e3';

const AREA_PREFIX = 'DAYPHN (column 11): location_area_code is not a usable area code: ';

/**
 * Copies the export and its map into the test directory; returns the arguments.
 * `keyed` adds `customer_id: Property_ID` to the map so that rows reach validation.
 */
function bostonArgs(keyed = false): string[] {
  expect(createHash('sha256').update(readFileSync(BOSTON)).digest('hex')).toBe(
    BOSTON_SHA256,
  );
  copyFileSync(BOSTON, join(workDir(), BOSTON_NAME));
  const map = JSON.parse(readFileSync(join(MAPS_DIR, 'boston.json'), 'utf8')) as object;
  const keyedMap = keyed ? { ...map, customer_id: 'Property_ID' } : map;
  writeFileSync(join(workDir(), 'boston-map.json'), JSON.stringify(keyedMap));
  return ['validate', BOSTON_NAME, '--map', 'boston-map.json'];
}

describe('aa-sync validate on the Boston food establishments export', () => {
  it('stops at the header, which has no customer key column, instead of rejecting every row', async () => {
    const result = await aaSync(bostonArgs());
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr:
        `aa-sync: ${BOSTON_NAME}:1: the header has no key column: neither customer_id nor ` +
        'owner_external_id (headers found: "BusinessName", "DBAName", "Address", "City", ' +
        '"State" and 8 more). Rename a column to customer_id or owner_external_id, or name ' +
        `the column that holds the key with --map ('{ "customer_id": "<header>" }'); check ` +
        '--delimiter too.\n',
    });
  });

  it('shows a toll-free phone number as the file holds it, not as the area code read from it', async () => {
    const result = await aaSync(bostonArgs(true));
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
    const result = await aaSync([...bostonArgs(true), '--max-invalid', '100%']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').at(-2)).toBe(
      '2,891 records: 2,528 customers, 0 valid, 2,528 rejected (1,524 problems).',
    );
  });
});
