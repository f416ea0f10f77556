import { describe, expect, it } from 'vitest';
import { errorForStatus } from '../../src/api/errors.js';
import {
  ApiErrorKind,
  NotFoundError,
  isApiError,
  isApiErrorOfKind,
} from '../../src/api/index.js';
import type { AnyApiError, ValidationError } from '../../src/api/index.js';

const AT = { method: 'POST', path: '/users?organization_id=4', requestSent: true };

function validation(errors: unknown): ValidationError {
  const body = { message: 'The given data was invalid.', errors };
  return errorForStatus({ ...AT, status: 422, body }, undefined) as ValidationError;
}

/** Compiles only while the switch covers every kind (lint: switch-exhaustiveness-check). */
function detailOf(error: AnyApiError): string {
  switch (error.kind) {
    case 'validation':
      return Object.keys(error.fieldErrors).join(',');
    case 'rate-limited':
      return String(error.retryAfterMs);
    case 'network':
      return String(error.code);
    case 'timeout':
      return String(error.timeoutMs);
    case 'unauthorized':
    case 'forbidden':
    case 'not-found':
    case 'server':
    case 'unexpected-status':
    case 'invalid-response':
      return String(error.status);
  }
}

describe('validation messages', () => {
  it('joins several messages of one field with spaces', () => {
    const error = validation({ email: ['Is required.', 'Must be an email.'] });

    expect(error.message).toBe(
      'POST /users?organization_id=4 failed: 422 The given data was invalid. (email: Is required. Must be an email.)',
    );
  });

  it('names at most five fields and counts the rest', () => {
    const errors = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((f) => [f, ['No.']]),
    );

    expect(validation(errors).message).toBe(
      'POST /users?organization_id=4 failed: 422 The given data was invalid. (a: No.; b: No.; c: No.; d: No.; e: No.; and 2 more)',
    );
    expect(Object.keys(validation(errors).fieldErrors)).toHaveLength(7);
  });

  it('keeps a field called __proto__ as an ordinary field', () => {
    const error = validation(JSON.parse('{"__proto__": ["Odd field."]}'));

    expect(Object.keys(error.fieldErrors)).toStrictEqual(['__proto__']);
    expect(Object.getPrototypeOf(error.fieldErrors)).toBe(Object.prototype);
  });
});

describe('status messages', () => {
  it('cuts a long server message to 300 characters', () => {
    const body = { message: 'y'.repeat(400) };

    const error = errorForStatus({ ...AT, status: 500, body }, undefined);

    expect(error.message).toBe(
      `POST /users?organization_id=4 failed: 500 ${'y'.repeat(300)}…`,
    );
  });

  it('uses the error field when the message is blank', () => {
    const body = { message: ' ', error: 'Payload rejected' };

    const error = errorForStatus({ ...AT, status: 400, body }, undefined);

    expect(error.message).toBe(
      'POST /users?organization_id=4 failed: 400 Payload rejected',
    );
  });

  it('falls back to the standard reason phrase when the body has no message', () => {
    const error = errorForStatus(
      { ...AT, status: 413, body: { message: '   ' } },
      undefined,
    );

    expect(error.message).toBe(
      'POST /users?organization_id=4 failed: 413 Payload Too Large',
    );
  });

  it('names the error class in the stack header', () => {
    const error = errorForStatus({ ...AT, status: 404, body: undefined }, undefined);

    expect(error.stack?.split('\n')[0]).toBe(
      'NotFoundError: POST /users?organization_id=4 failed: 404 Not Found',
    );
  });
});

describe('type guards', () => {
  it('recognise client errors and their kinds', () => {
    const error: unknown = errorForStatus({ ...AT, status: 404 }, undefined);

    expect(isApiError(error)).toBe(true);
    expect(isApiError(new Error('other'))).toBe(false);
    expect(isApiErrorOfKind(error, ApiErrorKind.NotFound)).toBe(true);
    expect(isApiErrorOfKind(error, ApiErrorKind.Server)).toBe(false);
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('narrow AnyApiError by kind', () => {
    const error = validation({ name: ['Required.'] });
    const rateLimited = errorForStatus({ ...AT, status: 429 }, 1500);

    expect([detailOf(error), detailOf(rateLimited)]).toStrictEqual(['name', '1500']);
  });
});
