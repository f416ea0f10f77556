/**
 * Renders a value received from a user or a file for an error message: strings
 * quoted, numbers and literals as they are, objects as JSON. Every "got ..." in
 * an option or settings error goes through here so that they all read alike.
 */
export function describeValue(value: unknown): string {
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) {
    return String(value);
  }
  try {
    return JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value); // circular, or holding a bigint
  }
}
