/**
 * The check of each profile field's value: what type and range it must have.
 * Each returns the value to use, or the rest of a sentence that starts with
 * the field's path (`profiles.production.rate must be ...`).
 */
import { resolve } from 'node:path';
import { rangeProblem } from '../cli/option-checks.js';
import { describeValue } from '../util/describe-value.js';
import { baseUrlProblem } from './base-url.js';
import { CONCURRENCY_RANGE, PRODUCTION_BASE_URL, RATE_RANGE } from './defaults.js';

export type Checked<T> = { value: T } | { problem: string };

/** A variable name as people write them; anything else may be a key pasted in. */
const CAPITALS_NAME = /^[A-Z_][A-Z0-9_]*$/;

export function checkBaseUrl(raw: unknown): Checked<string> {
  if (typeof raw !== 'string') {
    return {
      problem: `must be a URL such as ${PRODUCTION_BASE_URL}; got ${describeValue(raw)}`,
    };
  }
  const problem = baseUrlProblem(raw, 'the variable apiKeyEnv names');
  return problem === undefined
    ? { value: raw }
    : { problem: `is not usable: ${problem}` };
}

export function checkSwitch(raw: unknown): Checked<boolean> {
  return typeof raw === 'boolean'
    ? { value: raw }
    : { problem: `must be true or false; got ${describeValue(raw)}` };
}

/** The value is never shown: a name that is not one may well be the key itself. */
export function checkKeyVariable(raw: unknown): Checked<string> {
  if (typeof raw === 'string' && CAPITALS_NAME.test(raw)) return { value: raw };
  return {
    problem:
      'must name the environment variable that holds the key, in capitals, digits and _, ' +
      'such as AA_PRODUCTION_KEY (the value is not shown: it may be a key)',
  };
}

export function checkRate(raw: unknown): Checked<number | 'auto'> {
  if (raw === 'auto') return { value: raw };
  const problem = rangeProblem(raw, RATE_RANGE);
  return problem === undefined
    ? { value: raw as number }
    : { problem: `${problem}, or "auto"; got ${describeValue(raw)}` };
}

export function checkConcurrency(raw: unknown): Checked<number> {
  const problem = rangeProblem(raw, CONCURRENCY_RANGE);
  return problem === undefined
    ? { value: raw as number }
    : { problem: `${problem}; got ${describeValue(raw)}` };
}

/** A directory, made absolute against the config file's own directory. */
export function checkDirectory(raw: unknown, configDir: string): Checked<string> {
  if (typeof raw === 'string' && raw.trim() !== '')
    return { value: resolve(configDir, raw) };
  return {
    problem:
      'must be a directory path (relative paths are relative to the config file); ' +
      `got ${describeValue(raw)}`,
  };
}
