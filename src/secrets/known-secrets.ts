/**
 * The secrets this process has learned (the API key, once read), so that the
 * last line of defence, the message of a failure about to be printed, can mask
 * them whatever code path built it.
 */
import { SecretRedactor } from './redactor.js';

const known = new Set<string>();

/** Remembers a secret for the rest of the process. */
export function rememberSecret(secret: string): void {
  if (secret !== '') known.add(secret);
}

/** `text` with every remembered secret masked. */
export function maskKnownSecrets(text: string): string {
  return known.size === 0 ? text : new SecretRedactor([...known]).text(text);
}
