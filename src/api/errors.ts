/**
 * Errors thrown by the Partner API client. Every failure is an {@link ApiError} with a
 * `kind` discriminant; narrow with `switch (error.kind)` on an {@link AnyApiError}, or
 * with `instanceof` on a subclass.
 */
import { STATUS_CODES } from 'node:http';
import type { SanitizedCause } from './redact.js';
import { isPlainObject } from '../util/is-plain-object.js';

/** What went wrong, one value per subclass of {@link ApiError}. */
export const ApiErrorKind = {
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  NotFound: 'not-found',
  Validation: 'validation',
  RateLimited: 'rate-limited',
  Server: 'server',
  UnexpectedStatus: 'unexpected-status',
  Network: 'network',
  Timeout: 'timeout',
  InvalidResponse: 'invalid-response',
} as const;
export type ApiErrorKind = (typeof ApiErrorKind)[keyof typeof ApiErrorKind];

/** Longest reason taken from a response body into an error message. */
const MAX_REASON_CHARS = 300;

/** Field errors named in a validation message; the rest are counted. */
const MAX_FIELDS_IN_MESSAGE = 5;

/** The call that failed and what is known of its answer. */
export interface ApiErrorDetails {
  method: string;
  /** Relative to the base URL, query string included (`/users?organization_id=4`). */
  path: string;
  /** Undefined when no response arrived. */
  status?: number | undefined;
  /** Parsed JSON if the body parsed, else its text truncated, else undefined. */
  body?: unknown;
  /** False only when the request certainly never reached the server. */
  requestSent: boolean;
  cause?: SanitizedCause | undefined;
}

/** Base class of every error the client throws for a failed call. */
export abstract class ApiError extends Error {
  abstract readonly kind: ApiErrorKind;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly body: unknown;
  readonly requestSent: boolean;

  constructor(reason: string, details: ApiErrorDetails) {
    const { method, path, cause } = details;
    super(`${method} ${path} failed: ${reason}`, cause ? { cause } : undefined);
    this.method = method;
    this.path = path;
    this.status = details.status;
    this.body = details.body;
    this.requestSent = details.requestSent;
  }
}

/** Details of an error that comes with an HTTP status. */
export type StatusErrorDetails = ApiErrorDetails & { status: number };

/** Base of the errors built from a non-2xx status alone. */
abstract class StatusError extends ApiError {
  declare readonly status: number;

  constructor(details: StatusErrorDetails) {
    super(describeStatus(details.status, details.body), details);
  }
}

/** 401: the API key is missing, wrong or revoked. */
export class UnauthorizedError extends StatusError {
  override readonly name = 'UnauthorizedError';
  readonly kind = ApiErrorKind.Unauthorized;
}

/** 403: the key is valid but may not touch this resource or feature. */
export class ForbiddenError extends StatusError {
  override readonly name = 'ForbiddenError';
  readonly kind = ApiErrorKind.Forbidden;
}

/** 404: no such resource, or it belongs to another partner. */
export class NotFoundError extends StatusError {
  override readonly name = 'NotFoundError';
  readonly kind = ApiErrorKind.NotFound;
}

/** 5xx. */
export class ServerError extends StatusError {
  override readonly name = 'ServerError';
  readonly kind = ApiErrorKind.Server;
}

/** Any other non-2xx status (400, 405, 409, 413, 415, redirects, ...). */
export class UnexpectedStatusError extends StatusError {
  override readonly name = 'UnexpectedStatusError';
  readonly kind = ApiErrorKind.UnexpectedStatus;
}

/** 422: the request data was rejected; `fieldErrors` holds the per-field reasons. */
export class ValidationError extends ApiError {
  override readonly name = 'ValidationError';
  readonly kind = ApiErrorKind.Validation;
  declare readonly status: number;
  /** From `body.errors`; `{}` when absent or malformed. */
  readonly fieldErrors: Record<string, string[]>;

  constructor(details: StatusErrorDetails) {
    const fieldErrors = parseFieldErrors(details.body);
    const summary = summarizeFieldErrors(fieldErrors);
    const reason = describeStatus(details.status, details.body);
    super(summary === '' ? reason : `${reason} (${summary})`, details);
    this.fieldErrors = fieldErrors;
  }
}

/** 429: too many requests; wait `retryAfterMs` when the server said how long. */
export class RateLimitedError extends ApiError {
  override readonly name = 'RateLimitedError';
  readonly kind = ApiErrorKind.RateLimited;
  declare readonly status: number;
  /** From `Retry-After`; undefined when absent or unreadable. */
  readonly retryAfterMs: number | undefined;

  constructor(details: StatusErrorDetails, retryAfterMs: number | undefined) {
    const reason = describeStatus(details.status, details.body);
    const wait = retryAfterMs === undefined ? '' : ` (retry after ${retryAfterMs} ms)`;
    super(reason + wait, details);
    this.retryAfterMs = retryAfterMs;
  }
}

/** The connection failed, was refused, reset or closed, or DNS failed. */
export class NetworkError extends ApiError {
  override readonly name = 'NetworkError';
  readonly kind = ApiErrorKind.Network;
  /** System or undici code such as `ECONNRESET`, when known. */
  readonly code: string | undefined;

  constructor(details: ApiErrorDetails) {
    const code = details.cause?.code;
    const message = details.cause?.message ?? 'unknown cause';
    super(`network error${code === undefined ? '' : ` ${code}`}: ${message}`, details);
    this.code = code;
  }
}

/** No complete response arrived within the client's `timeoutMs`. */
export class TimeoutError extends ApiError {
  override readonly name = 'TimeoutError';
  readonly kind = ApiErrorKind.Timeout;
  readonly timeoutMs: number;

  constructor(details: ApiErrorDetails, timeoutMs: number) {
    super(`no complete response within ${timeoutMs} ms (timeoutMs)`, details);
    this.timeoutMs = timeoutMs;
  }
}

/** A 2xx answer whose body is not the JSON the call needs. */
export class InvalidResponseError extends ApiError {
  override readonly name = 'InvalidResponseError';
  readonly kind = ApiErrorKind.InvalidResponse;
  declare readonly status: number;

  /** `problem` completes "<status> response ...", e.g. "is not a JSON array". */
  constructor(details: StatusErrorDetails, problem: string) {
    super(`${details.status} response ${problem}`, details);
  }
}

/** Every concrete error kind; `switch (error.kind)` narrows it. */
export type AnyApiError =
  | UnauthorizedError
  | ForbiddenError
  | NotFoundError
  | ValidationError
  | RateLimitedError
  | ServerError
  | UnexpectedStatusError
  | NetworkError
  | TimeoutError
  | InvalidResponseError;

/** Whether `value` is an error thrown by the client for a failed call. */
export function isApiError(value: unknown): value is AnyApiError {
  return value instanceof ApiError;
}

/** Whether `value` is a client error of the given kind. */
export function isApiErrorOfKind<K extends ApiErrorKind>(
  value: unknown,
  kind: K,
): value is Extract<AnyApiError, { kind: K }> {
  return isApiError(value) && value.kind === kind;
}

/** The error for a non-2xx status; `retryAfterMs` matters only for 429. */
export function errorForStatus(
  details: StatusErrorDetails,
  retryAfterMs: number | undefined,
): AnyApiError {
  const { status } = details;
  if (status === 401) return new UnauthorizedError(details);
  if (status === 403) return new ForbiddenError(details);
  if (status === 404) return new NotFoundError(details);
  if (status === 422) return new ValidationError(details);
  if (status === 429) return new RateLimitedError(details, retryAfterMs);
  if (status >= 500 && status <= 599) return new ServerError(details);
  return new UnexpectedStatusError(details);
}

/** `422 The given data was invalid.`: the status and the body's own explanation. */
function describeStatus(status: number, body: unknown): string {
  const reason = bodyReason(body) ?? STATUS_CODES[status] ?? 'Unknown Status';
  return `${status} ${oneLine(reason)}`;
}

/** `message` (Laravel, reference U1) or `error` from a JSON object body. */
function bodyReason(body: unknown): string | undefined {
  if (!isPlainObject(body)) return undefined;
  return [body.message, body.error].find(
    (item): item is string => typeof item === 'string' && item.trim() !== '',
  );
}

function parseFieldErrors(body: unknown): Record<string, string[]> {
  if (!isPlainObject(body) || !isPlainObject(body.errors)) return {};
  const entries = Object.entries(body.errors).flatMap(([field, messages]) => {
    const texts = toStrings(messages);
    return texts.length === 0 ? [] : [[field, texts] as const];
  });
  return Object.fromEntries(entries);
}

function toStrings(messages: unknown): string[] {
  if (typeof messages === 'string') return [messages];
  if (!Array.isArray(messages)) return [];
  return messages.filter((item): item is string => typeof item === 'string');
}

/** `owner.email: Must be an email.; name: Required.` with the list capped. */
function summarizeFieldErrors(fieldErrors: Record<string, string[]>): string {
  const fields = Object.entries(fieldErrors);
  const shown = fields
    .slice(0, MAX_FIELDS_IN_MESSAGE)
    .map(([field, messages]) => oneLine(`${field}: ${messages.join(' ')}`));
  const hidden = fields.length - shown.length;
  return hidden > 0 ? `${shown.join('; ')}; and ${hidden} more` : shown.join('; ');
}

/** Keeps messages on one line and of readable length whatever the server sent. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_REASON_CHARS ? flat : `${flat.slice(0, MAX_REASON_CHARS)}…`;
}
