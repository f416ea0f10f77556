import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/build-model.js';
import { renderResultsCsv } from '../../src/report/results-csv.js';
import { sampleInput } from './support/model-fixture.js';

const HEADER =
  'tenant,customer_key,entity,action,target,status,attempts,organization_id,user_id,' +
  'location_id,phone_number,error,source_file,source_line,operation_id';

describe('results.csv', () => {
  it('writes one row per operation with its ids, number, error and source', () => {
    const text = renderResultsCsv(buildReportModel(sampleInput()));

    expect(text.split('\r\n')).toEqual([
      `\uFEFF${HEADER}`,
      ',c-conf-loc,location,create,North,succeeded,1,50,,53,,,customers.csv,4,c-conf-loc/location:create:north',
      'c-new Inc,c-new,organization,create,c-new Inc,succeeded,1,500,,,,,customers.csv,2,c-new/organization:create',
      'c-new Inc,c-new,user,create,c-new-u1,failed,1,500,,,,"HTTP 422: the email is invalid. ' +
        'The API rejected the data: correct the record in the export, then run `aa-sync apply` ' +
        'again.",customers.csv,3,c-new/user:create:c-new-u1',
      'c-new Inc,c-new,location,create,Main,succeeded,1,500,,501,+16175550142,,customers.csv,4,c-new/location:create:main',
      'New Name,c-upd,organization,update,New Name,skipped,0,10,,,,skipped: c-x/organization:create failed,customers.csv,2,c-upd/organization:update',
      'New Name,c-upd,user,set-role,c-upd-u2,succeeded,1,10,,,,,customers.csv,3,c-upd/user:role:c-upd-u2',
      'New Name,c-upd,location,create,North,pending,0,10,,,,,customers.csv,4,c-upd/location:create:north',
      '',
    ]);
  });

  it('neutralises a name that a spreadsheet would run as a formula', () => {
    const input = sampleInput();
    const create = input.plan.tenants
      .flatMap((tenant) => tenant.operations)
      .find((operation) => operation.kind === 'create-organization');
    if (create?.kind !== 'create-organization') throw new Error('no create');
    create.body.name = '=HYPERLINK("http://evil.example","x")';

    const text = renderResultsCsv(buildReportModel(input));

    expect(text).toContain(
      `"'=HYPERLINK(""http://evil.example"",""x"")",c-new,organization,create,` +
        `"'=HYPERLINK(""http://evil.example"",""x"")",succeeded`,
    );
  });

  it('writes the header alone for a run without operations', () => {
    const text = renderResultsCsv(buildReportModel(sampleInput({ operations: [] })));

    expect(text).toBe(`\uFEFF${HEADER}\r\n`);
  });
});
