import { describe, expect, it } from 'vitest';
import { DEMO_PARTNER, parseKeys } from '../../src/cli/emulator-flags.js';

describe('parseKeys', () => {
  it('serves the demo partner when no key is given', () => {
    expect(parseKeys([])).toEqual([DEMO_PARTNER]);
    expect(DEMO_PARTNER).toEqual({ id: 'demo', keys: ['sk_test_demo'] });
  });

  it('groups keys by partner and keeps colons inside the key', () => {
    expect(parseKeys(['acme:sk_a1', 'beta:sk_b', 'acme:sk:a2'])).toEqual([
      { id: 'acme', keys: ['sk_a1', 'sk:a2'] },
      { id: 'beta', keys: ['sk_b'] },
    ]);
  });

  it('refuses a value without a partner, without echoing the key', () => {
    const secret = 'sk_live_canary_123456';
    expect(() => parseKeys([secret])).toThrow(
      '--key number 1 must look like PARTNER:KEY (partner: letters, digits, "_", "-", "."); ' +
        'got a value of 21 characters without that shape',
    );
    expect(() => parseKeys([':' + secret])).toThrow(/got a value of 22 characters/);
    expect(() => parseKeys(['acme:'])).toThrow(/PARTNER:KEY/);
  });

  it('refuses a key a header cannot carry, and a key given twice', () => {
    expect(() => parseKeys(['acme:sk with space'])).toThrow(
      '--key number 1: a key is visible ASCII without spaces (an HTTP header)',
    );
    expect(() => parseKeys(['acme:sk_one', 'beta:sk_one'])).toThrow(
      '--key number 2 repeats a key given before it',
    );
  });
});
