/**
 * What `aa-sync config` may say about a key: whether it is set, its length,
 * and at most its last four characters, none at all for a short key (four
 * characters of a short key are too large a share of it).
 */

/** Keys shorter than this show no character at all. */
export const MIN_KEY_LENGTH_TO_HINT = 16;
/** The most characters ever shown of a key, from its end. */
export const KEY_HINT_LENGTH = 4;

export interface KeyStatus {
  /** How the variable may be named: its name, or a description when it may be a key. */
  variable: string;
  /** True when the name is the variable's own and can be written in `export NAME=...`. */
  nameShown: boolean;
  set: boolean;
  length?: number;
  /** The last characters, only for a key of `MIN_KEY_LENGTH_TO_HINT` or more. */
  endsWith?: string;
}

/** The status of `key` ('' when unset) held in `variable`. */
export function keyStatus(key: string, variable: string, nameShown: boolean): KeyStatus {
  if (key === '') return { variable, nameShown, set: false };
  const chars = [...key];
  return {
    variable,
    nameShown,
    set: true,
    length: chars.length,
    ...(chars.length >= MIN_KEY_LENGTH_TO_HINT
      ? { endsWith: chars.slice(-KEY_HINT_LENGTH).join('') }
      : {}),
  };
}

/** `set, 24 characters, ends "…w3Xz"` or `not set: export NAME=...`. */
export function describeKey(status: KeyStatus): string {
  if (!status.set) {
    return status.nameShown
      ? `not set: export ${status.variable}=...`
      : `not set: set ${status.variable} to your Partner API key`;
  }
  const ends = status.endsWith === undefined ? '' : `, ends "…${status.endsWith}"`;
  return `set, ${status.length} characters${ends}`;
}
