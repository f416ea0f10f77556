/** True for a JSON object: not null, not an array. What every parsed body is checked for. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
