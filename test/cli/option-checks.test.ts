import { describe, expect, it } from 'vitest';
import { ExitError } from '../../src/cli/errors.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { checkNumber } from '../../src/cli/option-checks.js';

function failure(run: () => unknown): ExitError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error('expected an ExitError');
}

describe('checkNumber', () => {
  it('accepts numbers and numeric strings inside the range', () => {
    expect(checkNumber('port', 4010, { min: 0, max: 65535, integer: true })).toBe(4010);
    expect(checkNumber('rate', '2.5', { min: 0.001 })).toBe(2.5);
  });

  it('names the flag, the range and the raw value it refuses', () => {
    const error = failure(() =>
      checkNumber('port', 'abc', { min: 0, max: 65535, integer: true }),
    );
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).toBe(
      '--port must be a whole number from 0 to 65535; got "abc"',
    );
  });

  it('refuses fractions where a whole number is needed', () => {
    const error = failure(() => checkNumber('burst', 2.5, { min: 1, integer: true }));
    expect(error.message).toBe('--burst must be a whole number of 1 or more; got 2.5');
  });

  it('refuses values outside the range and empty strings', () => {
    expect(
      failure(() => checkNumber('error-rate', 1.5, { min: 0, max: 1 })).message,
    ).toBe('--error-rate must be a number from 0 to 1; got 1.5');
    expect(failure(() => checkNumber('rate', '', { min: 0.001 })).message).toBe(
      '--rate must be a number of 0.001 or more; got ""',
    );
  });
});
