/**
 * The transport under {@link PartnerApiClient}: one keep-alive connection pool, one
 * JSON request per call, every failure turned into an {@link ApiError}. It never
 * retries; the executor decides that from the error's kind and `requestSent`.
 */
import { setImmediate } from 'node:timers/promises';
import { Pool, request } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import {
  ApiError,
  InvalidResponseError,
  NetworkError,
  TimeoutError,
  errorForStatus,
} from './errors.js';
import type { ApiErrorDetails, ApiErrorKind } from './errors.js';
import { SecretRedactor } from '../secrets/redactor.js';
import { sanitizeCause } from './redact.js';
import { parseRetryAfterMs } from './retry-after.js';
import { isPlainObject } from '../util/is-plain-object.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** What a 2xx body must be for the call to succeed. */
export const ResponseShape = {
  /** A JSON array (list endpoints). */
  Array: 'array',
  /** A JSON object. */
  Object: 'object',
  /** A JSON object, or no body at all (a 204). */
  ObjectOrEmpty: 'object-or-empty',
  /** Any JSON value, or no body at all (deletes, whose status says it all). */
  AnyOrEmpty: 'any-or-empty',
} as const;
export type ResponseShape = (typeof ResponseShape)[keyof typeof ResponseShape];

/** One finished request as seen by an observer; never holds headers or the key. */
export interface Exchange {
  method: HttpMethod;
  /** Relative to the base URL, query string included. */
  path: string;
  /** Undefined when no response arrived. */
  status?: number;
  durationMs: number;
  /** Set when the call failed. */
  errorKind?: ApiErrorKind;
}

/** Called once per request, after it succeeded or failed. */
export type ExchangeObserver = (exchange: Exchange) => void;

/** Validated settings of a transport. */
export interface TransportSettings {
  /** Scheme, host and port, e.g. `https://answeringagent.com`. */
  origin: string;
  /** Path prefix without a trailing slash, e.g. `/api/v1` (may be empty). */
  basePath: string;
  apiKey: string;
  timeoutMs: number;
  userAgent: string;
  connections: number;
  onExchange?: ExchangeObserver | undefined;
}

/** One call: `path` is relative to the base URL and already encoded. */
export interface TransportRequest {
  method: HttpMethod;
  path: string;
  body?: object;
  shape: ResponseShape;
}

/** A complete answer before interpretation. */
interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Error bodies that are not JSON are kept as text up to this length. */
export const MAX_ERROR_BODY_CHARS = 4096;

/** Codes that prove no byte of the request reached the server. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'ERR_INVALID_URL',
  'UND_ERR_INVALID_ARG',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_CONNECT_TIMEOUT',
  // TLS handshake failures: HTTP starts only after the handshake.
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

/** undici's own timers, set to `timeoutMs` as a second line behind the abort timer. */
const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Sends JSON requests to one Partner API base URL over a keep-alive pool. */
export class HttpTransport {
  readonly #apiKey: string;
  readonly #redactor: SecretRedactor;
  readonly #pool: Pool;
  readonly #settings: Omit<TransportSettings, 'apiKey'>;
  #closing: Promise<void> | undefined;

  constructor(settings: TransportSettings) {
    const { apiKey, ...rest } = settings;
    this.#apiKey = apiKey;
    this.#redactor = new SecretRedactor(apiKey);
    this.#settings = rest;
    this.#pool = new Pool(settings.origin, {
      connections: settings.connections,
      headersTimeout: settings.timeoutMs,
      bodyTimeout: settings.timeoutMs,
      connect: { timeout: settings.timeoutMs },
    });
  }

  /** Performs the call; resolves with the 2xx body, rejects with an ApiError. */
  async send(call: TransportRequest): Promise<unknown> {
    // Serialised first: an unserialisable body is a bug, not a failed exchange.
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const details = { method: call.method, path: this.#redactor.text(call.path) };
    const startedMs = performance.now();
    try {
      const response = await this.#exchange(call.path, body, details);
      const value = this.#interpret(call.shape, details, response);
      this.#report(details, startedMs, response.status);
      return value;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.#report(details, startedMs, error.status, error.kind);
      throw error;
    }
  }

  /** Lets in-flight calls finish, then closes every connection. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#pool.close();
    return this.#closing;
  }

  async #exchange(
    path: string,
    body: string | undefined,
    details: CallDetails,
  ): Promise<RawResponse> {
    const { origin, basePath, timeoutMs } = this.#settings;
    // One deadline for connect, headers and body; undici's timers only cover gaps.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    try {
      const response = await request(origin + basePath + path, {
        dispatcher: this.#pool,
        method: details.method,
        headers: this.#headers(body !== undefined),
        body,
        signal: deadline.signal,
      });
      const text = await response.body.text();
      // undici frees the connection for the pool a little after the body ends; a
      // caller's next request made before that would open a second connection.
      await setImmediate();
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      throw this.#failure(details, error, deadline.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  #headers(hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      'X-API-KEY': this.#apiKey,
      Accept: 'application/json',
      'User-Agent': this.#settings.userAgent,
    };
    if (hasBody) headers['Content-Type'] = 'application/json';
    return headers;
  }

  /** Classifies a transport failure; our own deadline firing always means timeout. */
  #failure(details: CallDetails, error: unknown, deadlinePassed: boolean): ApiError {
    const cause = sanitizeCause(error, this.#redactor);
    const code = cause.code ?? '';
    const failed: ApiErrorDetails = {
      ...details,
      requestSent: !NOT_SENT_CODES.has(code),
      cause,
    };
    if (deadlinePassed || TIMEOUT_CODES.has(code)) {
      return new TimeoutError(failed, this.#settings.timeoutMs);
    }
    return new NetworkError(failed);
  }

  #interpret(shape: ResponseShape, details: CallDetails, response: RawResponse): unknown {
    const { status, text } = response;
    if (status < 200 || status > 299) {
      const body = this.#redactor.value(parseErrorBody(text));
      const failed = { ...details, status, body, requestSent: true };
      throw errorForStatus(failed, status === 429 ? retryAfterMs(response) : undefined);
    }
    const result = readSuccessBody(shape, text);
    if ('problem' in result) {
      const body = this.#redactor.value(parseErrorBody(text));
      throw new InvalidResponseError(
        { ...details, status, body, requestSent: true },
        result.problem,
      );
    }
    return result.value;
  }

  #report(
    details: CallDetails,
    startedMs: number,
    status?: number,
    errorKind?: ApiErrorKind,
  ): void {
    const observer = this.#settings.onExchange;
    if (observer === undefined) return;
    const exchange: Exchange = { ...details, durationMs: performance.now() - startedMs };
    if (status !== undefined) exchange.status = status;
    if (errorKind !== undefined) exchange.errorKind = errorKind;
    try {
      observer(exchange);
    } catch {
      // An observer (charts, logs) must not turn a completed write into a failure,
      // which the executor would then treat as an unknown outcome.
    }
  }
}

/** The parts of a call that every error and exchange event repeats. */
interface CallDetails {
  method: HttpMethod;
  path: string;
}

function retryAfterMs(response: RawResponse): number | undefined {
  return parseRetryAfterMs(firstHeader(response.headers['retry-after']), {
    dateHeader: firstHeader(response.headers.date),
  });
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** JSON if it parses, else the text cut to a few KB, else (empty) undefined. */
function parseErrorBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length <= MAX_ERROR_BODY_CHARS
      ? text
      : text.slice(0, MAX_ERROR_BODY_CHARS);
  }
}

type SuccessBody = { value: unknown } | { problem: string };

/** Checks the top-level shape only; deeper validation is the caller's business. */
function readSuccessBody(shape: ResponseShape, text: string): SuccessBody {
  const emptyAllowed = shape === 'object-or-empty' || shape === 'any-or-empty';
  if (text.trim() === '')
    return emptyAllowed ? { value: undefined } : { problem: 'is empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'is not valid JSON' };
  }
  if (shape === 'array')
    return Array.isArray(value) ? { value } : { problem: 'is not a JSON array' };
  if (shape === 'any-or-empty') return { value };
  return isPlainObject(value) ? { value } : { problem: 'is not a JSON object' };
}
