/**
 * Renders a value received from a user or a file for an error message: strings
 * quoted, numbers and literals as they are, objects as JSON. Every "got ..." in
 * an option or settings error goes through here so that they all read alike.
 */
/**
 * The shape of a Partner API key (reference §1: `sk_live_` and alphanumerics;
 * `sk_test_` on the playground and the emulator), anywhere in a value.
 */
const KEY_SHAPE = /\bsk_(?:live|test)_[A-Za-z0-9_]+/;
/** What a message shows instead of a value shaped like a key. */
export const KEY_SHAPED = 'a value shaped like an API key (not shown)';

/** Whether `text` holds something shaped like a Partner API key. */
export function isKeyShaped(text: string): boolean {
  return KEY_SHAPE.test(text);
}

export function describeValue(value: unknown): string {
  // A key pasted where a setting belongs must not reach a cron log or a journal.
  if (typeof value === 'string' && isKeyShaped(value)) return KEY_SHAPED;
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) {
    return String(value);
  }
  try {
    return JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value); // circular, or holding a bigint
  }
}
