/**
 * Checks of single values of the export. Each rule returns a RowProblem saying
 * what is wrong and what to do, or nothing when the value is fine. What a row or
 * a customer must give is checked in `row-rules.ts`; checks across rows and
 * customers live in the assembly. Exports the rules, `checkValue`, and the
 * faults and parsers other modules share (`emailFault`, `areaCodeFault`, `parseRole`).
 */
import type { Role } from '../api/types.js';
import { ROLES } from '../api/types.js';
import type { CanonicalField } from './fields.js';
import { CANONICAL_FIELDS, MAX_FIELD_LENGTH } from './fields.js';
import { quoteValue } from './problem-text.js';
import { checkExternalId, checkInvisible } from './id-rules.js';
import type { RowProblem } from './records.js';
import type { ValueAt, ValueRule } from './value-rule.js';
import { codePointName, problemAt } from './value-rule.js';

export { checkExternalId, checkInvisible };
export type { ValueAt, ValueRule };

/** The longest email address (RFC 5321 path limit minus the angle brackets). */
export const MAX_EMAIL_LENGTH = 254;

/** Toll-free codes: a local number cannot be provisioned in them. */
const TOLL_FREE_CODES = new Set(['800', '833', '844', '855', '866', '877', '888']);
const TAB = 0x09;
const FIRST_PRINTABLE = 0x20;

/** Length in Unicode code points, as a person counts characters. */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Rejects values longer than the Partner API's documented maximum (U2). */
export const checkLength: ValueRule = (at) => {
  const text = at.value.value;
  // A string of at most MAX UTF-16 units cannot hold more code points: skip counting.
  if (text.length <= MAX_FIELD_LENGTH) return undefined;
  const length = codePointLength(text);
  if (length <= MAX_FIELD_LENGTH) return undefined;
  return problemAt(
    at,
    'too-long',
    `${at.field} is ${length} characters long; the Partner API accepts at most ${MAX_FIELD_LENGTH}`,
    `Shorten the value to ${MAX_FIELD_LENGTH} characters or fewer.`,
  );
};

function firstControlCharacter(
  text: string,
  lineBreaks: boolean,
): { codePoint: number; position: number } | undefined {
  // Control characters are single UTF-16 units: scan units, then count code points.
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    const c0 =
      unit < FIRST_PRINTABLE && unit !== TAB && !(lineBreaks && isLineBreak(unit));
    if (c0 || isDeleteOrC1(unit)) {
      return { codePoint: unit, position: codePointLength(text.slice(0, index)) + 1 };
    }
  }
  return undefined;
}

/**
 * DEL and the C1 controls: no export holds them as text (Windows-1252 maps
 * 0x80-0x9F to letters), and 0x9B starts an escape sequence on some terminals.
 */
const isDeleteOrC1 = (unit: number): boolean => unit >= 0x7f && unit <= 0x9f;

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const isLineBreak = (unit: number): boolean =>
  unit === LINE_FEED || unit === CARRIAGE_RETURN;

/**
 * Free-text fields where a line break is ordinary (a quoted newline in a CSV
 * cell); anywhere else (an id, an email, a name) it is a broken export.
 */
const MULTI_LINE_FIELDS: ReadonlySet<string> = new Set([
  'org_description',
  'location_address',
]);

/**
 * Rejects NUL and the other C0 control characters except tab, DEL and the C1
 * controls; line breaks are allowed only in the multi-line fields.
 */
export const checkControlCharacters: ValueRule = (at) => {
  const found = firstControlCharacter(at.value.value, MULTI_LINE_FIELDS.has(at.field));
  if (found === undefined) return undefined;
  const name = codePointName(found.codePoint);
  return problemAt(
    at,
    'control-characters',
    `${at.field} holds the control character ${name} at character ${found.position}`,
    'Remove the control character (often a stray line break or a NUL from the export tool).',
  );
};

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** The index of the first half of a surrogate pair without its other half. */
function loneSurrogateIndex(text: string): number | undefined {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(index + 1))) index += 1;
    else if (isHighSurrogate(unit) || isLowSurrogate(unit)) return index;
  }
  return undefined;
}

/**
 * Rejects a lone surrogate: JSON can write one (`"\ud800"`), but it is half of
 * a character, which no API can store as text.
 */
export const checkLoneSurrogate: ValueRule = (at) => {
  const text = at.value.value;
  const index = loneSurrogateIndex(text);
  if (index === undefined) return undefined;
  const name = codePointName(text.charCodeAt(index));
  const position = codePointLength(text.slice(0, index)) + 1;
  return problemAt(
    at,
    'lone-surrogate',
    `${at.field} holds ${name} at character ${position}, half of a surrogate pair whose other half is missing`,
    'Correct the \\u escape in the file: \\ud800-\\udbff must be followed by \\udc00-\\udfff, as in "\\ud83d\\ude00".',
  );
};

/** Why an email address is not usable, or undefined when it is. */
export function emailFault(email: string): string | undefined {
  if (email.length > MAX_EMAIL_LENGTH) {
    const length = codePointLength(email);
    if (length > MAX_EMAIL_LENGTH) {
      return `it is ${length} characters long; an address holds at most ${MAX_EMAIL_LENGTH}`;
    }
  }
  if (/\s/u.test(email)) return 'it contains a space';
  const at = email.indexOf('@');
  if (at === -1) return 'it has no @';
  if (email.includes('@', at + 1)) {
    return `it has ${email.split('@').length - 1} @ signs instead of one`;
  }
  if (at === 0) return 'it has nothing before the @';
  return domainFault(email.slice(at + 1));
}

function domainFault(domain: string): string | undefined {
  if (domain === '') return 'it has nothing after the @';
  if (!domain.includes('.')) return `its domain ${quoteValue(domain)} has no dot`;
  if (domain.startsWith('.') || domain.endsWith('.') || domain.includes('..')) {
    return `its domain ${quoteValue(domain)} has an empty part (a dot at an end, or two dots in a row)`;
  }
  return undefined;
}

/** A pragmatic syntax check: one @, a local part, a dotted domain, no spaces. */
export const checkEmail: ValueRule = (at) => {
  const fault = emailFault(at.value.value);
  if (fault === undefined) return undefined;
  return problemAt(
    at,
    'email',
    `${at.field} is not a valid email address: ${fault}`,
    'Write one address such as name@example.com.',
  );
};

/** Why an area code cannot be used for a local number, or undefined when it can. */
export function areaCodeFault(code: string): string | undefined {
  if (!/^[0-9]*$/u.test(code)) return 'it holds characters other than the digits 0-9';
  if (code.length !== 3) return `it has ${code.length} digits instead of 3`;
  if (code.startsWith('0') || code.startsWith('1')) {
    return 'it starts with 0 or 1; North American area codes start with 2 to 9';
  }
  if (code.endsWith('11')) return 'it is an N11 service code (like 411 or 911)';
  if (TOLL_FREE_CODES.has(code)) {
    return 'it is a toll-free code, which cannot carry a local number';
  }
  return undefined;
}

/** Why no area code can be read from a phone number. */
function phoneFault(phone: string): string {
  let digits = phone.replace(/[^0-9]/gu, '');
  if (digits.length === NANP_DIGITS + 1 && digits.startsWith('1'))
    digits = digits.slice(1);
  if (digits.length !== NANP_DIGITS) {
    return (
      `no area code can be read from the phone number: it has ${digits.length} digits, ` +
      `where a North American number has ${NANP_DIGITS} (or ${NANP_DIGITS + 1} starting with 1)`
    );
  }
  const area = digits.slice(0, 3);
  return `the phone number's area code ${area} is not usable: ${areaCodeFault(area) ?? 'unknown'}`;
}

/** Digits of a North American number without its country code. */
const NANP_DIGITS = 10;

/** Three ASCII digits, a North American area code a local number can have. */
export const checkAreaCode: ValueRule = (at) => {
  const { value, written } = at.value;
  // A `--map` areaCodeFrom phone that gave no area code stays in the row as written.
  const fault = written === value ? phoneFault(value) : areaCodeFault(value);
  if (fault === undefined) return undefined;
  return problemAt(
    at,
    'area-code',
    `${at.field} is not a usable area code: ${fault}`,
    'Give the 3-digit area code of the number to provision, such as 617, or leave it empty for no number.',
  );
};

/** The role a `user_role` value names (any case), or undefined when it names none. */
export function parseRole(text: string): Role | undefined {
  const lower = text.toLowerCase();
  return ROLES.find((role) => role === lower);
}

/** owner, manager or user, in any case. */
export const checkRole: ValueRule = (at) => {
  if (parseRole(at.value.value) !== undefined) return undefined;
  return problemAt(
    at,
    'role',
    `${at.field} is not a role; the allowed values are ${ROLES.join(', ')}`,
    `Write one of ${ROLES.join(', ')} (any case), or leave it empty for user.`,
  );
};

/** The rules of each field, after the ones every field gets. */
const FIELD_RULES: Partial<Record<CanonicalField, readonly ValueRule[]>> = {
  customer_id: [checkInvisible],
  owner_external_id: [checkInvisible, checkExternalId],
  user_external_id: [checkInvisible, checkExternalId],
  owner_email: [checkEmail],
  user_email: [checkEmail],
  location_area_code: [checkAreaCode],
  user_role: [checkRole],
};
const COMMON_RULES: readonly ValueRule[] = [
  checkControlCharacters,
  checkLoneSurrogate,
  checkLength,
];
const RULES = new Map(
  CANONICAL_FIELDS.map((field) => [
    field,
    [...COMMON_RULES, ...(FIELD_RULES[field] ?? [])],
  ]),
);

/**
 * Checks one value with the rules of its field. At most one problem per value:
 * once a value is known to be broken, more reasons about it are noise.
 */
export function checkValue(at: ValueAt): RowProblem | undefined {
  for (const rule of RULES.get(at.field) ?? COMMON_RULES) {
    const problem = rule(at);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
