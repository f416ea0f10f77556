import { describe, expect, it } from 'vitest';
import { parseHttpDate, parseRetryAfterMs } from '../../src/api/index.js';

const NOW_MS = Date.UTC(2024, 11, 4, 10, 0, 0);
const now = () => NOW_MS;
/** RFC 9110's example instant, 1994-11-06T08:49:37Z. */
const EXAMPLE_MS = 784_111_777_000;

describe('parseRetryAfterMs', () => {
  it.each([
    ['3', 3000],
    ['0', 0],
    [' 7 ', 7000],
    ['120', 120_000],
  ])('reads delta-seconds %j as %i ms', (value, expected) => {
    expect(parseRetryAfterMs(value, { now })).toBe(expected);
  });

  it.each([
    ['1.5', 1500],
    ['0.25', 250],
    ['0.0004', 1],
  ])('reads decimal seconds %j as %i ms, rounding up', (value, expected) => {
    expect(parseRetryAfterMs(value, { now })).toBe(expected);
  });

  it('reads negative seconds as 0', () => {
    expect(parseRetryAfterMs('-5', { now })).toBe(0);
  });

  it('reads an HTTP-date relative to the Date header, ignoring the local clock', () => {
    const context = { dateHeader: 'Mon, 01 Jan 2024 00:00:00 GMT', now };

    expect(parseRetryAfterMs('Mon, 01 Jan 2024 00:00:45 GMT', context)).toBe(45_000);
  });

  it('reads an HTTP-date relative to now() when there is no Date header', () => {
    expect(parseRetryAfterMs('Wed, 04 Dec 2024 10:01:00 GMT', { now })).toBe(60_000);
  });

  it('falls back to now() when the Date header is unreadable', () => {
    const context = { dateHeader: 'yesterday', now };

    expect(parseRetryAfterMs('Wed, 04 Dec 2024 10:00:02 GMT', context)).toBe(2000);
  });

  it('reads an HTTP-date in the past as 0', () => {
    expect(parseRetryAfterMs('Wed, 04 Dec 2024 09:59:00 GMT', { now })).toBe(0);
  });

  it.each([
    'soon',
    '',
    '1e3',
    '3 seconds',
    '0x10',
    'Wed, 31 Feb 2024 10:00:00 GMT',
    'Wed, 04 Dec 2024 24:00:00 GMT',
    'wed, 04 dec 2024 10:00:00 gmt',
    '2024-12-04T10:01:00Z',
  ])('returns undefined for garbage %j', (value) => {
    expect(parseRetryAfterMs(value, { now })).toBeUndefined();
  });

  it('returns undefined when the header is absent', () => {
    expect(parseRetryAfterMs(undefined, { now })).toBeUndefined();
  });
});

describe('parseHttpDate', () => {
  it.each([
    ['IMF-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT'],
    ['RFC 850', 'Sunday, 06-Nov-94 08:49:37 GMT'],
    ['asctime', 'Sun Nov  6 08:49:37 1994'],
  ])('reads the %s form', (_form, text) => {
    expect(parseHttpDate(text)).toBe(EXAMPLE_MS);
  });

  it('puts two-digit RFC 850 years below 70 in the 2000s', () => {
    expect(parseHttpDate('Wednesday, 04-Dec-24 10:00:00 GMT')).toBe(NOW_MS);
  });

  it('accepts a leap second', () => {
    expect(parseHttpDate('Sat, 31 Dec 2016 23:59:60 GMT')).toBe(Date.UTC(2017, 0, 1));
  });
});
