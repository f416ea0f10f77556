/**
 * Keeping the API key out of everything the client hands back: error messages, error
 * bodies and the `cause` of wrapped low-level errors. A server may echo the key in an
 * error body, and a transport error may quote a header, so every outgoing string is
 * passed through a {@link SecretRedactor} that knows the key.
 */

import type { SecretRedactor } from '../secrets/redactor.js';

/** How far {@link sanitizeCause} follows nested causes looking for an error code. */
const MAX_CAUSE_DEPTH = 4;

/**
 * A safe stand-in for a low-level error (undici, node:net, DNS): its name, code and
 * message with the secret removed. The raw error is never attached because it may
 * reference sockets, request options or headers.
 */
export interface SanitizedCause {
  readonly name: string;
  readonly code?: string;
  readonly message: string;
}

/** Builds the {@link SanitizedCause} of anything that was thrown. */
export function sanitizeCause(error: unknown, redactor: SecretRedactor): SanitizedCause {
  if (!(error instanceof Error)) {
    return { name: 'NonErrorThrown', message: `a ${typeof error} was thrown` };
  }
  const code = errorCode(error);
  const message = redactor.text(errorMessage(error));
  const name = redactor.text(error.name);
  return code === undefined
    ? { name, message }
    : { name, code: redactor.text(code), message };
}

/**
 * The system or undici error code (`ECONNRESET`, `UND_ERR_SOCKET`, ...). Connection
 * attempts over several addresses fail with an AggregateError whose members hold it.
 */
function errorCode(error: Error, depth = 0): string | undefined {
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  // A cause chain may loop back on itself.
  if (depth >= MAX_CAUSE_DEPTH) return undefined;
  const inner: unknown = error instanceof AggregateError ? error.errors[0] : error.cause;
  return inner instanceof Error ? errorCode(inner, depth + 1) : undefined;
}

function errorMessage(error: Error): string {
  if (error.message !== '' || !(error instanceof AggregateError)) return error.message;
  const members: unknown[] = error.errors;
  return members
    .map((member) => (member instanceof Error ? member.message : ''))
    .join('; ');
}
