/**
 * Normalises a name (of an organization or location) for comparison: Unicode NFKC,
 * lower case, trimmed, and every run of inner whitespace as one space.
 *
 * Deliberately nothing more: punctuation and accents are kept, because two different
 * businesses ("A&B Dental" and "AB Dental") must never compare equal.
 */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').toLowerCase().trim().replace(/\s+/gu, ' ');
}
