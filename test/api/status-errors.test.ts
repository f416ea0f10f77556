import { describe, expect, it } from 'vitest';
import { useClientFixture } from './support/client-fixture.js';
import type { PartnerApiClient } from '../../src/api/index.js';
import {
  ForbiddenError,
  MAX_ERROR_BODY_CHARS,
  NotFoundError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  UnexpectedStatusError,
  ValidationError,
} from '../../src/api/index.js';
import { captureFailure } from './support/capture-failure.js';
import { reply } from './support/test-server.js';

const fx = useClientFixture({ apiKey: 'sk_live_statusKey03' });

function answer(status: number, body?: unknown, headers: Record<string, string> = {}) {
  fx.server.handle((_request, response) => reply(response, status, body, headers));
}

const HTML_502 = '<html><body><h1>502 Bad Gateway</h1></body></html>';

describe('status mapping', () => {
  it.each([
    [
      401,
      'unauthorized',
      UnauthorizedError,
      { message: 'Unauthenticated.' },
      '401 Unauthenticated.',
    ],
    [
      403,
      'forbidden',
      ForbiddenError,
      { message: 'Embedding is not enabled.' },
      '403 Embedding is not enabled.',
    ],
    [404, 'not-found', NotFoundError, { message: 'Not Found' }, '404 Not Found'],
    [500, 'server', ServerError, { message: 'Server Error' }, '500 Server Error'],
    [502, 'server', ServerError, HTML_502, '502 Bad Gateway'],
    [503, 'server', ServerError, undefined, '503 Service Unavailable'],
    [
      400,
      'unexpected-status',
      UnexpectedStatusError,
      { error: 'Malformed JSON' },
      '400 Malformed JSON',
    ],
    [
      405,
      'unexpected-status',
      UnexpectedStatusError,
      { message: 'The DELETE method is not supported.' },
      '405 The DELETE method is not supported.',
    ],
    [409, 'unexpected-status', UnexpectedStatusError, {}, '409 Conflict'],
    [302, 'unexpected-status', UnexpectedStatusError, undefined, '302 Found'],
  ])('maps %i to a %s error', async (status, kind, errorClass, body, reason) => {
    answer(status, body);

    const error = await captureFailure(fx.client.listOrganizations());

    expect(error).toBeInstanceOf(errorClass);
    expect(error.name).toBe(errorClass.name);
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(`GET /organizations failed: ${reason}`);
    expect(error.status).toBe(status);
    expect(error.body).toStrictEqual(body);
    expect(error.requestSent).toBe(true);
    expect(error.cause).toBeUndefined();
  });

  it('maps 422 to a validation error with the field errors of the body', async () => {
    const errors = {
      'owner.email': ['The owner.email field must be a valid email address.'],
    };
    answer(422, { message: 'The given data was invalid.', errors });
    const owner = { external_id: 'crm-1', email: 'not-an-email' };

    const error = await captureFailure(
      fx.client.createOrganization({ name: 'X', owner }),
    );

    expect(error).toBeInstanceOf(ValidationError);
    expect(error.kind).toBe('validation');
    expect(error.message).toBe(
      'POST /organizations failed: 422 The given data was invalid. (owner.email: The owner.email field must be a valid email address.)',
    );
    expect((error as ValidationError).fieldErrors).toStrictEqual(errors);
    expect(error.path).toBe('/organizations');
    expect(error.method).toBe('POST');
  });

  it('names the failing path with its query string', async () => {
    answer(404, { message: 'No such organization.' });

    const error = await captureFailure(fx.client.listUsers({ organizationId: 77 }));

    expect(error.path).toBe('/users?organization_id=77');
    expect(error.message).toBe(
      'GET /users?organization_id=77 failed: 404 No such organization.',
    );
  });
});

describe('validation field errors', () => {
  it.each([
    ['absent', { message: 'Invalid.' }, {}, '422 Invalid.'],
    ['not an object', { message: 'Invalid.', errors: 'name is bad' }, {}, '422 Invalid.'],
    ['an array', { message: 'Invalid.', errors: [['name']] }, {}, '422 Invalid.'],
    [
      'partly malformed',
      {
        message: 'Invalid.',
        errors: { name: ['Required.', 7], email: 'Bad.', x: 5, y: [] },
      },
      { name: ['Required.'], email: ['Bad.'] },
      '422 Invalid. (name: Required.; email: Bad.)',
    ],
  ])('are read leniently when body.errors is %s', async (_case, body, fields, reason) => {
    answer(422, body);

    const error = await captureFailure(fx.client.listLocations());

    expect((error as ValidationError).fieldErrors).toStrictEqual(fields);
    expect(error.message).toBe(`GET /locations failed: ${reason}`);
  });
});

describe('rate limiting', () => {
  it('reads Retry-After in seconds', async () => {
    answer(429, { message: 'Too Many Requests' }, { 'Retry-After': '3' });

    const error = await captureFailure(fx.client.listOrganizations());

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(3000);
    expect(error.message).toBe(
      'GET /organizations failed: 429 Too Many Requests (retry after 3000 ms)',
    );
  });

  it('reads Retry-After as an HTTP-date relative to the Date header', async () => {
    const headers = {
      Date: 'Wed, 04 Dec 2024 10:00:00 GMT',
      'Retry-After': 'Wed, 04 Dec 2024 10:00:30 GMT',
    };
    answer(429, { message: 'Too Many Requests' }, headers);

    const error = await captureFailure(fx.client.listOrganizations());

    expect((error as RateLimitedError).retryAfterMs).toBe(30_000);
  });

  it('leaves retryAfterMs undefined without a usable Retry-After', async () => {
    answer(429, { message: 'Slow down' }, { 'Retry-After': 'soon' });

    const error = await captureFailure(fx.client.listOrganizations());

    expect((error as RateLimitedError).retryAfterMs).toBeUndefined();
    expect(error.message).toBe('GET /organizations failed: 429 Slow down');
  });
});

describe('error bodies', () => {
  it('keeps a non-JSON body as text cut to MAX_ERROR_BODY_CHARS', async () => {
    const text = 'x'.repeat(MAX_ERROR_BODY_CHARS + 500);
    answer(500, text);

    const error = await captureFailure(fx.client.listOrganizations());

    expect(error.body).toBe('x'.repeat(MAX_ERROR_BODY_CHARS));
    expect(error.message).toBe('GET /organizations failed: 500 Internal Server Error');
  });

  it('keeps a multi-line body message on one line in the error message', async () => {
    answer(500, { message: 'Database\n  unavailable\r\n(retry later)' });

    const error = await captureFailure(fx.client.listOrganizations());

    expect(error.message).toBe(
      'GET /organizations failed: 500 Database unavailable (retry later)',
    );
  });
});

describe('invalid 2xx answers', () => {
  it.each([
    [
      'an object from a list endpoint',
      (c: PartnerApiClient) => c.listUsers(),
      200,
      { users: [] },
      'GET /users failed: 200 response is not a JSON array',
    ],
    [
      'an array from a single-resource endpoint',
      (c: PartnerApiClient) => c.getOrganization(42),
      200,
      [],
      'GET /organizations/42 failed: 200 response is not a JSON object',
    ],
    [
      'null from a single-resource endpoint',
      (c: PartnerApiClient) => c.getUser('crm-1'),
      200,
      'null',
      'GET /users/crm-1 failed: 200 response is not a JSON object',
    ],
    [
      'text that is not JSON',
      (c: PartnerApiClient) => c.getLocation(5),
      200,
      'OK',
      'GET /locations/5 failed: 200 response is not valid JSON',
    ],
    [
      'an empty body from a create',
      (c: PartnerApiClient) =>
        c.createPartnerLink({ email: 'a@b.example', external_id: 'x' }),
      201,
      undefined,
      'POST /partner-links failed: 201 response is empty',
    ],
    [
      'text that is not JSON from a delete',
      (c: PartnerApiClient) => c.deleteLocation(5),
      200,
      'Deleted!',
      'DELETE /locations/5 failed: 200 response is not valid JSON',
    ],
  ])('rejects %s as invalid-response', async (_case, call, status, body, message) => {
    answer(status, body);

    const error = await captureFailure(call(fx.client));

    expect(error.kind).toBe('invalid-response');
    expect(error.name).toBe('InvalidResponseError');
    expect(error.message).toBe(message);
    expect(error.status).toBe(status);
    expect(error.requestSent).toBe(true);
  });

  it('keeps the parsed body of an invalid answer for diagnosis', async () => {
    answer(200, { users: [] });

    const error = await captureFailure(fx.client.listUsers());

    expect(error.body).toStrictEqual({ users: [] });
  });
});
