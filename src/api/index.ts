/**
 * The Partner API client: the only code in aa-sync that talks HTTP to the
 * Answering Agent Partner API.
 */
export { PartnerApiClient } from './client.js';
export type { OrganizationFilter } from './client.js';
export {
  DEFAULT_CONNECTIONS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  MAX_CONNECTIONS,
  MAX_TIMEOUT_MS,
} from './options.js';
export type { PartnerApiClientOptions } from './options.js';
export {
  ApiError,
  ApiErrorKind,
  ForbiddenError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  UnexpectedStatusError,
  ValidationError,
  isApiError,
  isApiErrorOfKind,
} from './errors.js';
export type { AnyApiError, ApiErrorDetails } from './errors.js';
export { MAX_ERROR_BODY_CHARS } from './http.js';
export type { Exchange, ExchangeObserver, HttpMethod } from './http.js';
export { REDACTED } from '../secrets/redactor.js';
export type { SanitizedCause } from './redact.js';
export { parseHttpDate, parseRetryAfterMs } from './retry-after.js';
export type { RetryAfterContext } from './retry-after.js';
export type * from './types.js';
