/**
 * Where the Partner API is and which key to use: `--base-url`, `--playground`
 * and `--api-key-env`, resolved with the environment and the config file's
 * profile (see src/config). The key is only ever read from the environment: a
 * key on the command line or in a file would show in `ps`, in shell history or
 * in a repository.
 */
import { isKeyShaped } from '../util/describe-value.js';
import type { Argv } from 'yargs';
import type { SettingsFlags, Sourced } from '../config/index.js';
import { BASE_URL_ENV, ENV_NAME, KEY_ENV } from '../config/defaults.js';
import { baseUrlProblem } from '../config/base-url.js';
import type { RetryBounds } from '../execute/retry-policy.js';
import { DEFAULT_RETRY_BOUNDS } from '../execute/retry-policy.js';
import { rememberSecret } from '../secrets/known-secrets.js';
import { usageError } from './errors.js';
import { checkNumber } from './option-checks.js';

export {
  BASE_URL_ENV,
  KEY_ENV,
  PLAYGROUND_BASE_URL,
  PRODUCTION_BASE_URL,
} from '../config/defaults.js';

/** A day: a run that cannot reach the API for longer should end and be resumed. */
const MAX_RETRY_MS = 86_400_000;

/** `ApiTarget.baseUrlFrom` when no flag, variable or profile chose the base URL. */
export const DEFAULT_BASE_URL_FROM = 'the default (production)';

/** As parsed; the resolved values are in `settings` (see src/config). */
export interface TargetFlags {
  baseUrl?: string;
  playground: boolean;
  apiKeyEnv?: string;
}

export interface ApiFlags extends TargetFlags {
  maxRetryMs?: string;
}

export const API_SWITCHES = ['playground'] as const;

/** Adds `--base-url`, `--playground` and `--api-key-env`. */
export function withTargetFlags<T>(argv: Argv<T>): Argv<T & TargetFlags> {
  // No default for --api-key-env: resolution must see whether it was given.
  return argv
    .option('base-url', {
      type: 'string',
      requiresArg: true,
      describe: `Partner API base URL (default: $${BASE_URL_ENV}, else the profile's, else production)`,
    })
    .option('playground', {
      type: 'boolean',
      default: false,
      describe: 'Use the playground environment instead of production',
    })
    .option('api-key-env', {
      type: 'string',
      requiresArg: true,
      describe: `Name of the environment variable that holds the API key (default: the profile's apiKeyEnv, else ${KEY_ENV})`,
    });
}

/** Adds the API flags to a command. */
export function withApiFlags<T>(argv: Argv<T>): Argv<T & ApiFlags> {
  return withTargetFlags(argv).option('max-retry-ms', {
    requiresArg: true,
    describe: `Start no new attempt of a failing call after this many ms (default ${DEFAULT_RETRY_BOUNDS.maxTotalMs}); each attempt may take up to 30 s more`,
  });
}

/** The resolved target of the API calls. */
export interface ApiTarget {
  baseUrl: string;
  apiKey: string;
  /** How transient failures are retried (network, timeouts, 429, 5xx). */
  retry: RetryBounds;
  /** Where the base URL came from, for messages. */
  baseUrlFrom: string;
}

/** Reads the key and checks the base URL; the errors say which flag or variable to set. */
export function resolveApiTarget(
  flags: ApiFlags & SettingsFlags,
  env: NodeJS.ProcessEnv = process.env,
): ApiTarget {
  const { baseUrl, apiKeyEnv } = flags.settings;
  const apiKey = readKey(apiKeyEnv, env);
  const baseUrlFrom = baseUrlSource(baseUrl);
  checkBaseUrl(baseUrl.value, baseUrlFrom);
  const retry =
    flags.maxRetryMs === undefined
      ? DEFAULT_RETRY_BOUNDS
      : {
          ...DEFAULT_RETRY_BOUNDS,
          maxTotalMs: checkNumber('max-retry-ms', flags.maxRetryMs, {
            min: 0,
            max: MAX_RETRY_MS,
            integer: true,
          }),
        };
  return { baseUrl: baseUrl.value, apiKey, baseUrlFrom, retry };
}

/** `ApiTarget.baseUrlFrom`: the setting's source, or `DEFAULT_BASE_URL_FROM`. */
export function baseUrlSource(baseUrl: Sourced<string>): string {
  return baseUrl.origin === 'default' ? DEFAULT_BASE_URL_FROM : baseUrl.from;
}

/**
 * How messages may name the key's variable; refuses a name that is none.
 * Only conventional names are echoed: a key pasted where the name belongs must not be.
 */
export function keyVariableName(variable: Sourced<string>): string {
  if (isKeyShaped(variable.value)) {
    rememberSecret(variable.value);
    throw usageError(
      `${variable.from} names the environment variable that holds the key (such as ` +
        `${KEY_ENV}), not the key itself, and this looks like a key: put the key in that ` +
        'variable, and give its name',
    );
  }
  if (!ENV_NAME.test(variable.value)) {
    throw usageError(
      '--api-key-env must name an environment variable, such as ' + KEY_ENV,
    );
  }
  return /^[A-Z_][A-Z0-9_]*$/.test(variable.value)
    ? variable.value
    : 'that --api-key-env names';
}

/** The key, trimmed and remembered so that no message can show it; '' when unset. */
export function readKeyValue(variable: Sourced<string>, env: NodeJS.ProcessEnv): string {
  const apiKey = env[variable.value]?.trim() ?? '';
  rememberSecret(apiKey);
  return apiKey;
}

function readKey(variable: Sourced<string>, env: NodeJS.ProcessEnv): string {
  const named = keyVariableName(variable);
  const apiKey = readKeyValue(variable, env);
  if (apiKey === '') {
    const namedBy = variable.origin === 'profile' ? `; ${variable.from} names it` : '';
    throw usageError(
      `no API key: set the environment variable ${named} to your Partner API key ` +
        `(Settings → API Keys in the partner dashboard)${namedBy}`,
    );
  }
  return apiKey;
}

/** Refuses a base URL that is no URL, carries a secret, or is plain http to a remote host. */
export function checkBaseUrl(baseUrl: string, from: string): void {
  const problem = baseUrlProblem(baseUrl, KEY_ENV);
  if (problem !== undefined) throw usageError(`${from}: ${problem}`);
}
