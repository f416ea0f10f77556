import { describe, expect, it } from 'vitest';
import { sanitizeCause } from '../../src/api/redact.js';
import {
  MAX_REDACT_DEPTH,
  REDACTED,
  SecretRedactor,
  TOO_DEEP,
} from '../../src/secrets/redactor.js';

const SECRET = 'sk_live_redactUnit06';
const redactor = new SecretRedactor(SECRET);

describe('SecretRedactor', () => {
  it('replaces every occurrence of the secret in a text', () => {
    expect(redactor.text(`key=${SECRET}; again ${SECRET}`)).toBe(
      `key=${REDACTED}; again ${REDACTED}`,
    );
  });

  it('redacts strings and keys throughout JSON data and leaves other values alone', () => {
    const data = { [SECRET]: [SECRET, 3, null, true, { nested: `x${SECRET}` }], n: 1 };

    expect(redactor.value(data)).toStrictEqual({
      [REDACTED]: [REDACTED, 3, null, true, { nested: `x${REDACTED}` }],
      n: 1,
    });
  });

  it('replaces subtrees nested deeper than MAX_REDACT_DEPTH', () => {
    let deep: unknown = SECRET;
    for (let i = 0; i < MAX_REDACT_DEPTH + 1; i += 1) deep = [deep];

    let level = redactor.value(deep);
    for (let i = 0; i < MAX_REDACT_DEPTH; i += 1) level = (level as unknown[])[0];
    expect(level).toBe(TOO_DEEP);
  });

  it('does not print the secret when inspected', () => {
    expect(JSON.stringify(redactor)).toBe('{}');
  });
});

describe('sanitizeCause', () => {
  it('keeps name, code and the redacted message of an error', () => {
    const error = Object.assign(new Error(`header x-api-key: ${SECRET}`), {
      code: 'E_X',
    });

    expect(sanitizeCause(error, redactor)).toStrictEqual({
      name: 'Error',
      code: 'E_X',
      message: `header x-api-key: ${REDACTED}`,
    });
  });

  it('takes the code and messages of the members of an AggregateError', () => {
    const first = Object.assign(new Error('connect ECONNREFUSED ::1:80'), {
      code: 'ECONNREFUSED',
    });
    const error = new AggregateError([
      first,
      new Error('connect ECONNREFUSED 127.0.0.1:80'),
    ]);

    expect(sanitizeCause(error, redactor)).toStrictEqual({
      name: 'AggregateError',
      code: 'ECONNREFUSED',
      message: 'connect ECONNREFUSED ::1:80; connect ECONNREFUSED 127.0.0.1:80',
    });
  });

  it('follows a cause chain for the code, even when it loops', () => {
    const inner = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    const looping = new Error('outer');
    looping.cause = looping;

    expect(sanitizeCause(new Error('outer', { cause: inner }), redactor).code).toBe(
      'ECONNRESET',
    );
    expect(sanitizeCause(looping, redactor)).toStrictEqual({
      name: 'Error',
      message: 'outer',
    });
  });

  it('describes a thrown non-error by its type only', () => {
    expect(sanitizeCause(SECRET, redactor)).toStrictEqual({
      name: 'NonErrorThrown',
      message: 'a string was thrown',
    });
  });
});
