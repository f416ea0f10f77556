/**
 * The default of every setting a config file, the environment or a flag can
 * change, with the ranges they are checked against. One table, so that the
 * flags' help, the config file's checks and `aa-sync config` agree.
 */
import { RATE_CONTROL_DEFAULTS } from '../execute/rate-control.js';
import { DEFAULT_REPORT_DIR } from '../report/report-dir.js';
import type { NumberRange } from '../cli/option-checks.js';

export { DEFAULT_REPORT_DIR };

/** Reference §1. */
export const PRODUCTION_BASE_URL = 'https://answeringagent.com/api/v1';
export const PLAYGROUND_BASE_URL = 'https://playground.answeringagent.com/api/v1';

/** The variable that holds the key unless `--api-key-env` or a profile names another. */
export const KEY_ENV = 'ANSWERING_AGENT_API_KEY';
/** The variable that may hold the base URL (below a flag, above a profile). */
export const BASE_URL_ENV = 'ANSWERING_AGENT_BASE_URL';
/** The variable that may name the profile (below `--profile`, above `defaultProfile`). */
export const PROFILE_ENV = 'AA_SYNC_PROFILE';

/** Where aa-sync keeps its checkpoint unless a flag or a profile says otherwise. */
export const DEFAULT_STATE_DIR = '.aa-sync';

/**
 * Requests per second. The emulator's default limit; the reference documents
 * none (U4), so ten per second is a polite default that `auto` or a known
 * limit replaces.
 */
export const DEFAULT_RATE = 10;
/** Requests in flight at once. */
export const DEFAULT_CONCURRENCY = 8;

/** A rate below the rate control's floor could never be kept to. */
export const RATE_RANGE: NumberRange = { min: RATE_CONTROL_DEFAULTS.minRate, max: 1_000 };
export const CONCURRENCY_RANGE: NumberRange = { min: 1, max: 256, integer: true };

/** A conventional environment variable name: what `apiKeyEnv` must look like. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
