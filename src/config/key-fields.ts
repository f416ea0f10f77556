/**
 * Fields named like a key (`apiKey`, `key`, `token`, `secret`, ...). A config
 * file is often committed, shared or pasted into a ticket: no key may ever be
 * stored in one, so such a field is refused wherever it stands.
 */
import { rememberSecret } from '../secrets/known-secrets.js';
import type { ConfigProblem } from './config-problem.js';
import { pathText } from './config-problem.js';
import type { LocatedDocument } from './read-config.js';
import { squash } from './suggest.js';

/** The one allowed field whose name mentions a key: it holds a variable's name. */
const KEY_VARIABLE_FIELD = 'apikeyenv';

/** True for `apiKey`, `api_key`, `key`, `partnerKey`, `token`, `secret`, `password`... */
export function looksLikeKey(field: string): boolean {
  const name = squash(field);
  if (name === KEY_VARIABLE_FIELD) return false;
  return /key$/.test(name) || /token|secret|password|credential|bearer/.test(name);
}

/**
 * The problem of a key-like field. Its value is never shown, and is remembered
 * as a secret so that no later message can show it either.
 */
export function keyFieldProblem(
  doc: LocatedDocument,
  path: readonly string[],
  value: unknown,
): ConfigProblem {
  if (typeof value === 'string') rememberSecret(value.trim());
  return {
    position: doc.keyAt(path),
    text:
      `${pathText(path)}: a key must never be stored in the config file (the value is not ` +
      'shown); put the key in an environment variable and name that variable with ' +
      'apiKeyEnv in the profile, such as apiKeyEnv: AA_PRODUCTION_KEY',
  };
}
