import { describe, expect, it } from 'vitest';
import { aaSync, writeInput } from './support/e2e.js';

describe('aa-sync validate on an export that came out empty', () => {
  it('stops with the invalid-input code when the file holds only its header', async () => {
    const file = writeInput(
      'empty.csv',
      'customer_id,org_name,owner_external_id,owner_email\n\n',
    );
    const result = await aaSync(['validate', file]);
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr:
        'aa-sync: empty.csv: no customer records, only headers or nothing: an export that ' +
        'came out empty usually means the export itself failed; check it and run again\n',
    });
  });
});
