import { describe, expect, it } from 'vitest';
import { describeKey, keyStatus } from '../../src/config/mask-key.js';
import { checkNumber } from '../../src/cli/option-checks.js';
import { describeValue } from '../../src/util/describe-value.js';

describe('what aa-sync config says about a key', () => {
  it('shows the length and the last 4 characters of a key of 16 characters or more', () => {
    const status = keyStatus('sk_live_abcdefgh', 'AA_KEY', true);
    expect([status, describeKey(status)]).toEqual([
      { variable: 'AA_KEY', nameShown: true, set: true, length: 16, endsWith: 'efgh' },
      'set, 16 characters, ends "…efgh"',
    ]);
  });

  it('shows no character of a key shorter than 16 characters', () => {
    const status = keyStatus('sk_live_abcdefg', 'AA_KEY', true);
    expect([status, describeKey(status)]).toEqual([
      { variable: 'AA_KEY', nameShown: true, set: true, length: 15 },
      'set, 15 characters',
    ]);
  });

  it('says how to set a missing key', () => {
    expect(describeKey(keyStatus('', 'AA_PRODUCTION_KEY', true))).toBe(
      'not set: export AA_PRODUCTION_KEY=...',
    );
  });

  it('does not write an export line for a variable whose name is not shown', () => {
    expect(describeKey(keyStatus('', 'that --api-key-env names', false))).toBe(
      'not set: set that --api-key-env names to your Partner API key',
    );
  });
});

describe('a value shaped like a key in a message', () => {
  it('is never echoed, whatever setting it was pasted into', () => {
    expect(describeValue('sk_live_SECRETVALUE1234567')).toBe(
      'a value shaped like an API key (not shown)',
    );
    expect(describeValue(' sk_test_abc ')).toBe(
      'a value shaped like an API key (not shown)',
    );
    expect(describeValue('https://x.example/?k=sk_live_abc123')).toBe(
      'a value shaped like an API key (not shown)',
    );
    expect(describeValue('fast')).toBe('"fast"');
    expect(() => checkNumber('rate', 'sk_live_SECRETVALUE1234567', { min: 1 })).toThrow(
      '--rate must be a number of 1 or more; got a value shaped like an API key (not shown)',
    );
  });
});
