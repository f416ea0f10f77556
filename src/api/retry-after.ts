/**
 * Parsing of the `Retry-After` response header (RFC 9110 §10.2.3), which comes either
 * as delta-seconds or as an HTTP-date. The Partner API documents neither 429 nor this
 * header (reference U4), so the parser is lenient where that costs nothing.
 */

const MS_PER_SECOND = 1000;

/**
 * Delta-seconds. RFC 9110 allows only non-negative integers; decimals and a leading
 * minus are accepted too because servers send them and the meaning is unambiguous.
 */
const DELTA_SECONDS = /^-?\d+(?:\.\d+)?$/;

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** IMF-fixdate, the preferred form: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/** Obsolete RFC 850 form: `Sunday, 06-Nov-94 08:49:37 GMT`. */
const RFC_850_DATE =
  /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/** Obsolete asctime form: `Sun Nov  6 08:49:37 1994` (day padded with a space). */
const ASCTIME_DATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/**
 * Two-digit years of RFC 850 dates below this pivot are in the 2000s. RFC 9110 asks
 * for "at most 50 years ahead"; a fixed pivot keeps the parser independent of the clock.
 */
const TWO_DIGIT_YEAR_PIVOT = 70;

/** What "now" means when the header holds an HTTP-date. */
export interface RetryAfterContext {
  /** The response's `Date` header: the server's clock, preferred over ours. */
  dateHeader?: string | undefined;
  /** Local clock in epoch milliseconds, used without a usable `Date` header. */
  now?: () => number;
}

/**
 * Milliseconds to wait according to a `Retry-After` value, or `undefined` when the
 * value is absent or unreadable. Waits in the past count as 0.
 */
export function parseRetryAfterMs(
  value: string | undefined,
  context: RetryAfterContext = {},
): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (DELTA_SECONDS.test(text)) {
    return Math.max(0, Math.ceil(Number(text) * MS_PER_SECOND));
  }
  const retryAtMs = parseHttpDate(text);
  if (retryAtMs === undefined) return undefined;
  const serverNowMs = parseHttpDate(context.dateHeader?.trim() ?? '');
  const nowMs = serverNowMs ?? (context.now ?? Date.now)();
  return Math.max(0, retryAtMs - nowMs);
}

/** Epoch milliseconds of an HTTP-date in any of its three forms, else `undefined`. */
export function parseHttpDate(text: string): number | undefined {
  const imf = IMF_FIXDATE.exec(text);
  if (imf) return toEpochMs(imf[3], imf[2], imf[1], imf.slice(4, 7));
  const rfc850 = RFC_850_DATE.exec(text);
  if (rfc850)
    return toEpochMs(expandYear(rfc850[3]), rfc850[2], rfc850[1], rfc850.slice(4, 7));
  const asctime = ASCTIME_DATE.exec(text);
  if (asctime) return toEpochMs(asctime[6], asctime[1], asctime[2], asctime.slice(3, 6));
  return undefined;
}

function expandYear(twoDigits: string | undefined): string {
  const year = Number(twoDigits);
  return String(year < TWO_DIGIT_YEAR_PIVOT ? 2000 + year : 1900 + year);
}

/** Builds the instant, rejecting impossible dates such as 31 Feb or 25:00. */
function toEpochMs(
  yearText: string | undefined,
  monthName: string | undefined,
  dayText: string | undefined,
  clock: (string | undefined)[],
): number | undefined {
  const month = MONTHS.indexOf(monthName ?? '');
  const [year, day] = [Number(yearText), Number(dayText?.trim())];
  const [hours, minutes, seconds] = clock.map(Number);
  if (
    month < 0 ||
    hours === undefined ||
    minutes === undefined ||
    seconds === undefined
  ) {
    return undefined;
  }
  // Second 60 is a leap second, which the grammar allows.
  if (hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const midnightMs = Date.UTC(year, month, day);
  // Date.UTC rolls 31 Feb over into March; a changed day means the date was impossible.
  if (new Date(midnightMs).getUTCDate() !== day) return undefined;
  return midnightMs + ((hours * 60 + minutes) * 60 + seconds) * MS_PER_SECOND;
}
