/**
 * What a base URL must be, wherever it came from: a URL, https (plain http
 * only to this machine, for the emulator), and no user name, password, query
 * or fragment, where a key could hide.
 */
import { PRODUCTION_BASE_URL } from './defaults.js';
import { describeValue } from '../util/describe-value.js';

/** Hosts where plain http cannot be read by anyone else on the network. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why `baseUrl` cannot be used, or undefined when it can. `keyGoesIn` names
 * where the key belongs instead (a variable, or "the variable apiKeyEnv names").
 */
export function baseUrlProblem(baseUrl: string, keyGoesIn: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `not a URL: ${describeValue(baseUrl)}`;
  }
  if (
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    // Never echo the URL: whatever it carries there may be a secret.
    return (
      'the base URL must not carry a user name, password, query or fragment ' +
      `(the key goes in ${keyGoesIn}); give only scheme, host and path, such as ${PRODUCTION_BASE_URL}`
    );
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return (
    'the base URL must use https (plain http only to this machine, for the ' +
    `emulator), since the API key travels with every request; got ${describeValue(baseUrl)}`
  );
}
