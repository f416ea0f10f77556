import { describe, expect, it } from 'vitest';
import { ExitError } from '../../../src/cli/errors.js';
import { EXIT } from '../../../src/cli/exit-codes.js';
import { checkMaxInvalid, parseMaxInvalid } from '../../../src/input/max-invalid.js';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('parseMaxInvalid', () => {
  it.each([
    ['5', { kind: 'count', count: 5 }],
    ['0', { kind: 'count', count: 0 }],
    ['10%', { kind: 'percent', percent: 10, written: '10' }],
    ['2.5%', { kind: 'percent', percent: 2.5, written: '2.5' }],
    ['0%', { kind: 'percent', percent: 0, written: '0' }],
    ['100%', { kind: 'percent', percent: 100, written: '100' }],
  ])('reads %s', (text, limit) => {
    expect(parseMaxInvalid(text)).toStrictEqual(limit);
  });

  it.each([
    '-1',
    '101%',
    'abc',
    '5.5',
    '',
    '5 %',
    '.5%',
    '1e3',
    '100.01%',
    '99999999999999999',
  ])(
    'refuses %j with a usage error naming the option, the forms and the value',
    (text) => {
      const error = thrown(() => parseMaxInvalid(text));

      expect(error).toBeInstanceOf(ExitError);
      expect((error as ExitError).exitCode).toBe(EXIT.usage);
      expect((error as ExitError).message).toBe(
        '--max-invalid takes a whole number of rejected customers (for example 5) or a ' +
          'percentage of the customers from 0% to 100% (for example 10% or 2.5%); ' +
          `got ${JSON.stringify(text)}.`,
      );
    },
  );
});

describe('checkMaxInvalid', () => {
  it('lets a run go on with as many rejected customers as the count allows', () => {
    expect(checkMaxInvalid(parseMaxInvalid('5'), { customers: 40, rejected: 5 })).toBe(
      undefined,
    );
    expect(checkMaxInvalid(parseMaxInvalid('0'), { customers: 0, rejected: 0 })).toBe(
      undefined,
    );
  });

  it('stops a run with one rejected customer more than the count', () => {
    const error = checkMaxInvalid(parseMaxInvalid('5'), { customers: 40, rejected: 6 });

    expect(error).toBeInstanceOf(ExitError);
    expect(error?.exitCode).toBe(EXIT.invalidInput);
    expect(error?.message).toBe(
      '6 of 40 customers were rejected (15%), more than --max-invalid 5 allows. Fix the ' +
        'rows listed above and run again, or raise --max-invalid (to 6 or more) to go on ' +
        'without the rejected customers.',
    );
  });

  it('compares a percentage exactly at the limit without rounding errors', () => {
    const limit = parseMaxInvalid('2.5%');

    expect(checkMaxInvalid(limit, { customers: 200, rejected: 5 })).toBeUndefined();
    expect(
      checkMaxInvalid(parseMaxInvalid('0.57%'), { customers: 10_000, rejected: 57 }),
    ).toBe(undefined);
    expect(checkMaxInvalid(limit, { customers: 200, rejected: 6 })?.message).toBe(
      '6 of 200 customers were rejected (3%), more than --max-invalid 2.5% allows. Fix the ' +
        'rows listed above and run again, or raise --max-invalid (to 3% or more) to go on ' +
        'without the rejected customers.',
    );
  });

  it('suggests a percentage that is enough, rounded up to two decimals', () => {
    const error = checkMaxInvalid(parseMaxInvalid('10%'), { customers: 3, rejected: 1 });

    expect(error?.message).toBe(
      '1 of 3 customers were rejected (33.33%), more than --max-invalid 10% allows. Fix ' +
        'the rows listed above and run again, or raise --max-invalid (to 33.34% or more) ' +
        'to go on without the rejected customers.',
    );
  });

  it('treats 0% as no rejected customer at all and 100% as any number', () => {
    expect(
      checkMaxInvalid(parseMaxInvalid('0%'), { customers: 10, rejected: 1 })?.exitCode,
    ).toBe(EXIT.invalidInput);
    expect(
      checkMaxInvalid(parseMaxInvalid('100%'), { customers: 10, rejected: 10 }),
    ).toBe(undefined);
  });
});
