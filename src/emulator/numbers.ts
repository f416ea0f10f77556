/**
 * Phone-number provisioning: `+1` + area code + a 7-digit local number whose
 * exchange starts with 2–9, unique across the whole emulator and never reused.
 * Exports: `PHONE_NUMBER_PATTERN`, `reservePhoneNumber`, `areaCodeOf`.
 */
import { randomInt } from 'node:crypto';
import type { PhoneNumberStore } from './store/phone-numbers.js';

/** E.164 North American number as provisioned: `+1`, area code, exchange 2–9. */
export const PHONE_NUMBER_PATTERN = /^\+1[2-9]\d\d[2-9]\d{6}$/;

/**
 * An area code has 8 million local numbers; this many collisions in a row means
 * it is nearly exhausted, which a test never reaches by chance.
 */
const MAX_ATTEMPTS = 100;
const EXCHANGE_FIRST_DIGITS = 8; // 2–9
const LINE_DIGITS = 1_000_000; // the 6 digits after the exchange's first digit

/** Issues a fresh random number in the area code, or throws when none is found. */
export function reservePhoneNumber(
  numbers: PhoneNumberStore,
  areaCode: string,
  at: string,
): string {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const number = candidate(areaCode);
    if (numbers.tryIssue(number, at)) return number;
  }
  throw new Error(`no free phone number found in area code ${areaCode}`);
}

/** A random number whose exchange (the 3 digits after the area code) is NXX, not N11. */
function candidate(areaCode: string): string {
  for (;;) {
    const exchangeFirst = 2 + randomInt(EXCHANGE_FIRST_DIGITS);
    const line = String(randomInt(LINE_DIGITS)).padStart(6, '0');
    // N11 exchanges (411, 911, ...) are service codes, never a subscriber's number.
    if (!line.startsWith('11')) return `+1${areaCode}${exchangeFirst}${line}`;
  }
}

/** The area code of a provisioned-format number. */
export function areaCodeOf(phoneNumber: string): string {
  return phoneNumber.slice(2, 5);
}
