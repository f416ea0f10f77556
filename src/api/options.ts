/**
 * Options of the Partner API client: defaults in one place, and validation whose
 * messages name the option, the allowed range and the value received.
 */
import { VERSION } from '../version.js';
import type { ExchangeObserver, TransportSettings } from './http.js';

/** User-Agent sent unless the `userAgent` option replaces it. */
export const DEFAULT_USER_AGENT = `aa-sync/${VERSION}`;
/** Deadline of one request, from sending it to the last byte of the answer. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Largest timeout a Node timer can hold (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMEOUT_MS = 2_147_483_647;
/** Connections kept open to the API at most; the executor sets real concurrency. */
export const DEFAULT_CONNECTIONS = 10;
export const MAX_CONNECTIONS = 256;

/** Options of `PartnerApiClient`. */
export interface PartnerApiClientOptions {
  /** e.g. `https://answeringagent.com/api/v1`; a trailing slash is ignored. */
  baseUrl: string;
  /** Sent as `X-API-KEY`; never exposed by the client or its errors. */
  apiKey: string;
  /** Per-request deadline in ms, 1 to {@link MAX_TIMEOUT_MS}; default 30 000. */
  timeoutMs?: number;
  /** Replaces {@link DEFAULT_USER_AGENT}. */
  userAgent?: string;
  /** Most connections open at once, 1 to {@link MAX_CONNECTIONS}; default 10. */
  connections?: number;
  /** Observer called once per request (rate charts, logs). */
  onExchange?: ExchangeObserver;
}

/** Checks the options and fills in defaults; messages name option, range and value. */
export function resolveSettings(options: PartnerApiClientOptions): TransportSettings {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `PartnerApiClient options must be an object (got ${describeValue(options)})`,
    );
  }
  const { baseUrl, apiKey, onExchange } = options;
  const { timeoutMs = DEFAULT_TIMEOUT_MS, connections = DEFAULT_CONNECTIONS } = options;
  const { userAgent = DEFAULT_USER_AGENT } = options;
  const url = parseBaseUrl(baseUrl);
  checkApiKey(apiKey);
  checkIntegerOption('timeoutMs', timeoutMs, MAX_TIMEOUT_MS);
  checkIntegerOption('connections', connections, MAX_CONNECTIONS);
  checkUserAgent(userAgent);
  if (onExchange !== undefined && typeof onExchange !== 'function') {
    throw new TypeError(
      `onExchange must be a function (got ${describeValue(onExchange)})`,
    );
  }
  const basePath = url.pathname.replace(/\/+$/, '');
  return {
    origin: url.origin,
    basePath,
    apiKey,
    timeoutMs,
    userAgent,
    connections,
    onExchange,
  };
}

function parseBaseUrl(baseUrl: unknown): URL {
  const rule =
    'baseUrl must be an absolute http: or https: URL without credentials, query or fragment, such as https://answeringagent.com/api/v1';
  const url =
    typeof baseUrl === 'string' && URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  const valid =
    url !== undefined &&
    ['http:', 'https:'].includes(url.protocol) &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '';
  if (!valid) throw new TypeError(`${rule} (got ${describeBaseUrl(baseUrl, url)})`);
  return url;
}

/** The rejected value, with any password in it masked. */
function describeBaseUrl(baseUrl: unknown, url: URL | undefined): string {
  if (url === undefined || url.password === '') return describeValue(baseUrl);
  const masked = new URL(url.href);
  masked.password = '***';
  return describeValue(masked.href);
}

/** Header-safe: visible ASCII only. The value is never echoed, only its size. */
function checkApiKey(apiKey: unknown): void {
  if (typeof apiKey === 'string' && /^[\x21-\x7e]+$/.test(apiKey)) return;
  const got =
    typeof apiKey !== 'string' ? describeValue(apiKey) : describeKeyShape(apiKey);
  throw new TypeError(
    `apiKey must be a non-empty string of visible ASCII characters (got ${got})`,
  );
}

function describeKeyShape(apiKey: string): string {
  if (apiKey === '') return 'an empty string';
  return `a string of ${apiKey.length} characters including whitespace, control or non-ASCII characters`;
}

function checkUserAgent(userAgent: unknown): void {
  if (typeof userAgent === 'string' && /^[\x21-\x7e][\x20-\x7e]*$/.test(userAgent))
    return;
  throw new TypeError(
    `userAgent must be a non-empty string of printable ASCII characters (got ${describeValue(userAgent)})`,
  );
}

function checkIntegerOption(name: string, value: unknown, max: number): void {
  if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max)
    return;
  const ErrorClass = typeof value === 'number' ? RangeError : TypeError;
  throw new ErrorClass(
    `${name} must be an integer from 1 to ${max} (got ${describeValue(value)})`,
  );
}

/**
 * A value as it should appear in a client error: strings quoted, objects only
 * by their type. Unlike util/describe-value, it never prints an object, since a
 * misplaced object among the client's options may hold the API key.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return String(value);
  return `a value of type ${typeof value}`;
}
