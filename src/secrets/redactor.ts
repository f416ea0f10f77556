/**
 * Keeps secrets (the API key) out of everything aa-sync writes or hands back:
 * messages, error bodies, log lines. Secrets are kept out at the source; this
 * is the last line of defence for what slips through, such as a server that
 * echoes the key in an error body.
 */

/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** What a subtree deeper than {@link MAX_REDACT_DEPTH} is replaced with. */
export const TOO_DEEP = '[TOO DEEP]';

/** Nesting limit of {@link SecretRedactor.value}; error bodies are a few levels deep. */
export const MAX_REDACT_DEPTH = 32;

/** Replaces secrets wherever they occur; the secrets themselves are never exposed. */
export class SecretRedactor {
  readonly #secrets: readonly string[];

  constructor(secrets: string | readonly string[]) {
    const list = typeof secrets === 'string' ? [secrets] : secrets;
    // Longest first, so that a secret containing another is replaced whole.
    this.#secrets = list
      .filter((secret) => secret !== '')
      .sort((a, b) => b.length - a.length);
  }

  /** `text` with every occurrence of every secret replaced by {@link REDACTED}. */
  text(text: string): string {
    return this.#secrets.reduce((out, secret) => out.replaceAll(secret, REDACTED), text);
  }

  /** A copy of JSON-like data with the secret removed from every string and key. */
  value(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.text(value);
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= MAX_REDACT_DEPTH) return TOO_DEEP;
    if (value instanceof Error)
      return { name: value.name, message: this.text(value.message) };
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
