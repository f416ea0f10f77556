/**
 * The checks of the setting flags' values, with the messages they have always
 * had: the flag, the allowed range and the value received.
 */
import { usageError } from '../cli/errors.js';
import { checkNumber } from '../cli/option-checks.js';
import { CONCURRENCY_RANGE, RATE_RANGE } from './defaults.js';

/** `--rate`: requests per second, or "auto". */
export function rateFromFlag(raw: unknown): number | 'auto' {
  if (Array.isArray(raw))
    throw usageError('--rate was given more than once; give it once');
  if (raw === 'auto') return 'auto';
  return checkNumber('rate', raw, RATE_RANGE);
}

/** `--concurrency`: requests in flight at once. */
export function concurrencyFromFlag(raw: unknown): number {
  return checkNumber('concurrency', raw, CONCURRENCY_RANGE);
}
