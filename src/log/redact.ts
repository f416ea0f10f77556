/** Text that replaces a secret wherever one would have been written. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not searched for: they would mask ordinary words. */
const MIN_SECRET_LENGTH = 6;

/**
 * Returns a function that replaces every occurrence of the given secrets in a
 * string. A last line of defence: secrets are kept out of messages in the
 * first place, this catches what slips through (a URL echoed by a server, say).
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const needles = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);
  if (needles.length === 0) return (text) => text;
  return (text) => needles.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

/** Deep copy of a JSON-like value with every string passed through `redact`. */
export function redactValue(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact));
  if (value instanceof Error) return redact(value.message);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactValue(item, redact);
    return out;
  }
  return value;
}
