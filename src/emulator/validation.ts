/**
 * Laravel-style request validation (U2): every problem of a request is
 * collected, then answered together as one 422. Each field gets at most one
 * message, the first rule it fails. Exports: `Validator`, `ValidationError`,
 * `validationReply`, `parseInteger`, `isValidEmail`, `isValidAreaCode`,
 * `NON_GEOGRAPHIC_AREA_CODES`.
 */
import type { Reply } from './http-util.js';
import { UNKNOWNS } from './unknowns.js';

type Source = Record<string, unknown>;

/** Thrown with the collected messages; answered as 422. */
export class ValidationError extends Error {
  readonly errors: Record<string, string[]>;

  constructor(errors: Record<string, string[]>) {
    super(UNKNOWNS.U2.invalidMessage);
    this.name = 'ValidationError';
    this.errors = errors;
  }
}

/** The 422 answer for collected messages. */
export function validationReply(errors: Record<string, string[]>): Reply {
  return { status: 422, body: { message: UNKNOWNS.U2.invalidMessage, errors } };
}

const MAX = UNKNOWNS.U2.maxStringLength;
/** Basic syntax only (U2): one `@`, no spaces, a domain of non-empty dot-separated labels. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*$/;
/** NANP area code: three digits, the first 2–9; N11 codes (411, 911...) are service codes. */
const AREA_CODE = /^[2-9]\d\d$/;
/**
 * Valid-format NANP codes that are not geographic: no local number can be
 * provisioned in them. Toll-free codes (the 8XX series in use) and premium 900.
 */
export const NON_GEOGRAPHIC_AREA_CODES = {
  tollFree: ['800', '833', '844', '855', '866', '877', '888'],
  premium: ['900'],
} as const;
const NON_GEOGRAPHIC: readonly string[] = [
  ...NON_GEOGRAPHIC_AREA_CODES.tollFree,
  ...NON_GEOGRAPHIC_AREA_CODES.premium,
];
const INTEGER_TEXT = /^-?\d+$/;

/** Collects messages per field; `label` is the field's dotted path (`owner.email`). */
export class Validator {
  readonly #errors: Record<string, string[]> = {};

  /** Records a message, keeping only the first one per field. */
  fail(label: string, message: string): void {
    if (this.#errors[label] === undefined) this.#errors[label] = [message];
  }

  /** True when the field already has a message. */
  failed(label: string): boolean {
    return this.#errors[label] !== undefined;
  }

  /** The messages so far (a copy). */
  get errors(): Record<string, string[]> {
    return structuredClone(this.#errors);
  }

  /** Throws a ValidationError when anything failed. */
  throwIfFailed(): void {
    if (Object.keys(this.#errors).length > 0) throw new ValidationError(this.errors);
  }

  /** A required, non-blank string of at most `max` (default 255) characters. */
  requiredString(
    source: Source,
    key: string,
    label = key,
    max = MAX,
  ): string | undefined {
    const value = source[key];
    if (isBlank(value)) return this.#required(label);
    return this.#string(value, label, max);
  }

  /**
   * An optional string: `undefined` when absent; `null` when sent as null (and
   * `nullable`); otherwise a string of at most 255 characters.
   */
  optionalString(
    source: Source,
    key: string,
    label = key,
    nullable = true,
  ): string | null | undefined {
    if (!(key in source)) return undefined;
    const value = source[key];
    if (value === null) return nullable ? null : this.#required(label);
    return this.#string(value, label);
  }

  /** A string that must not be blank when present (Laravel `sometimes|required`). */
  presentString(source: Source, key: string, label = key): string | undefined {
    if (!(key in source)) return undefined;
    return this.requiredString(source, key, label);
  }

  /** An email address, required or optional-but-not-blank. */
  email(source: Source, key: string, label = key, required = true): string | undefined {
    const value = required
      ? this.requiredString(source, key, label)
      : this.presentString(source, key, label);
    if (value !== undefined && !isValidEmail(value)) {
      this.fail(label, `The ${label} field must be a valid email address.`);
      return undefined;
    }
    return value;
  }

  /** An optional integer (number or digit string); null and '' mean absent. */
  optionalInteger(value: unknown, label: string): number | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    const parsed = parseInteger(value);
    if (parsed === null) this.fail(label, `The ${label} field must be an integer.`);
    return parsed ?? undefined;
  }

  /** An optional value from a fixed list; null means absent. */
  optionalChoice<T extends string>(
    source: Source,
    key: string,
    allowed: readonly T[],
  ): T | undefined {
    const value = source[key];
    if (value === undefined || value === null) return undefined;
    if (!allowed.some((choice) => choice === value)) {
      this.fail(key, `The selected ${key} is invalid.`);
      return undefined;
    }
    return value as T;
  }

  /** An optional area code (valid NANP format, geographic); null means absent. */
  optionalAreaCode(source: Source, key: string, label = key): string | undefined {
    const value = this.optionalString(source, key, label);
    if (value === null || value === undefined) return undefined;
    if (!isValidAreaCode(value)) {
      this.fail(
        label,
        `The ${label} field must be 3 digits, the first from 2 to 9, and not an N11 code.`,
      );
      return undefined;
    }
    if (NON_GEOGRAPHIC.includes(value)) {
      this.fail(
        label,
        `The ${label} field must be a geographic area code; ${value} is toll-free or premium.`,
      );
      return undefined;
    }
    return value;
  }

  /** A required nested object; returns it or an empty object after failing. */
  requiredObject(source: Source, key: string, label = key): Source {
    const value = source[key];
    if (value === undefined || value === null) {
      this.#required(label);
      return {};
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(label, `The ${label} field must be an object.`);
      return {};
    }
    return value as Source;
  }

  #required(label: string): undefined {
    this.fail(label, `The ${label} field is required.`);
    return undefined;
  }

  #string(value: unknown, label: string, max = MAX): string | undefined {
    if (typeof value !== 'string') {
      this.fail(label, `The ${label} field must be a string.`);
      return undefined;
    }
    if ([...value].length > max) {
      this.fail(label, `The ${label} field must not be greater than ${max} characters.`);
      return undefined;
    }
    return value;
  }
}

/** Missing, null, or a string of only whitespace (U2). */
function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '')
  );
}

/** A safe integer from a number or a digit string, else null. */
export function parseInteger(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value !== 'string' || !INTEGER_TEXT.test(value)) return null;
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) ? parsed : null;
}

/** Basic email syntax (U2). */
export function isValidEmail(value: string): boolean {
  return EMAIL.test(value);
}

/** Three digits, first 2–9, and not an N11 service code. */
export function isValidAreaCode(value: string): boolean {
  return AREA_CODE.test(value) && value.slice(1) !== '11';
}
