/**
 * Keeping the API key out of everything the client hands back: error messages, error
 * bodies and the `cause` of wrapped low-level errors. A server may echo the key in an
 * error body, and a transport error may quote a header, so every outgoing string is
 * passed through a {@link SecretRedactor} that knows the key.
 */

/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** What a subtree deeper than {@link MAX_REDACT_DEPTH} is replaced with. */
export const TOO_DEEP = '[TOO DEEP]';

/** Nesting limit of {@link SecretRedactor.value}; error bodies are a few levels deep. */
export const MAX_REDACT_DEPTH = 32;

/** How far {@link sanitizeCause} follows nested causes looking for an error code. */
const MAX_CAUSE_DEPTH = 4;

/** Replaces one secret wherever it occurs; the secret itself is never exposed. */
export class SecretRedactor {
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
  }

  /** `text` with every occurrence of the secret replaced by {@link REDACTED}. */
  text(text: string): string {
    return this.#secret === '' ? text : text.replaceAll(this.#secret, REDACTED);
  }

  /** A copy of JSON-like data with the secret removed from every string and key. */
  value(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.text(value);
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= MAX_REDACT_DEPTH) return TOO_DEEP;
    if (Array.isArray(value)) return value.map((item) => this.value(item, depth + 1));
    // fromEntries defines own properties, so a "__proto__" key stays a plain key.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        this.text(key),
        this.value(item, depth + 1),
      ]),
    );
  }
}

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
