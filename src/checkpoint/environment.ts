/**
 * Names the Partner API environment a base URL points at, so that one state
 * directory used against the playground and production never mixes their ids.
 * Exports: `environmentOf`.
 */
import { usageError } from '../cli/errors.js';

const EXAMPLE = 'give one like https://api.example.com/api/v1';
const WEB_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

/**
 * The normalised base URL: scheme and host in lower case, the default port
 * dropped, trailing slashes dropped. `https://API.example.com:443/` and
 * `https://api.example.com` are one environment. Credentials, query and
 * fragment are left out: they do not choose the environment, and a password
 * must never be stored in the checkpoint. Throws a usage error for a value
 * that is not an http(s) URL.
 */
export function environmentOf(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw notAnApiUrl(baseUrl);
  }
  if (!WEB_PROTOCOLS.has(url.protocol)) {
    // The value itself is not repeated: it may carry credentials.
    throw usageError(
      `the API base URL uses ${url.protocol} where http: or https: is needed; ${EXAMPLE}`,
    );
  }
  // The URL parser already lower-cases scheme and host and drops a default port.
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

function notAnApiUrl(baseUrl: string): Error {
  return usageError(
    `the API base URL ${JSON.stringify(baseUrl)} is not a URL; ${EXAMPLE}`,
  );
}
