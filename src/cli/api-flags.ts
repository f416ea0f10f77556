/**
 * Where the Partner API is and which key to use: `--base-url`, `--playground`,
 * `--api-key-env` and the environment variables they fall back on. The key is
 * only ever read from the environment: a key on the command line would show in
 * `ps` and in shell history.
 */
import type { Argv } from 'yargs';
import type { RetryBounds } from '../execute/retry-policy.js';
import { DEFAULT_RETRY_BOUNDS } from '../execute/retry-policy.js';
import { rememberSecret } from '../secrets/known-secrets.js';
import { usageError } from './errors.js';
import { checkNumber } from './option-checks.js';

/** A day: a run that cannot reach the API for longer should end and be resumed. */
const MAX_RETRY_MS = 86_400_000;

/** Reference §1. */
export const PRODUCTION_BASE_URL = 'https://answeringagent.com/api/v1';
export const PLAYGROUND_BASE_URL = 'https://playground.answeringagent.com/api/v1';

export const KEY_ENV = 'ANSWERING_AGENT_API_KEY';
/** `ApiTarget.baseUrlFrom` when neither a flag nor the environment chose the base URL. */
export const DEFAULT_BASE_URL_FROM = 'the default (production)';
export const BASE_URL_ENV = 'ANSWERING_AGENT_BASE_URL';

export interface ApiFlags {
  baseUrl?: string;
  playground: boolean;
  apiKeyEnv: string;
  maxRetryMs?: string;
}

export const API_SWITCHES = ['playground'] as const;

/** Adds the API flags to a command. */
export function withApiFlags<T>(argv: Argv<T>): Argv<T & ApiFlags> {
  return argv
    .option('base-url', {
      type: 'string',
      requiresArg: true,
      describe: `Partner API base URL (default: $${BASE_URL_ENV}, else production)`,
    })
    .option('playground', {
      type: 'boolean',
      default: false,
      describe: 'Use the playground environment instead of production',
    })
    .option('max-retry-ms', {
      requiresArg: true,
      describe: `Start no new attempt of a failing call after this many ms (default ${DEFAULT_RETRY_BOUNDS.maxTotalMs}); each attempt may take up to 30 s more`,
    })
    .option('api-key-env', {
      type: 'string',
      default: KEY_ENV,
      requiresArg: true,
      describe: 'Name of the environment variable that holds the API key',
    }) as unknown as Argv<T & ApiFlags>;
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

/** Resolves the base URL and key; the errors say which flag or variable to set. */
export function resolveApiTarget(
  flags: ApiFlags,
  env: NodeJS.ProcessEnv = process.env,
): ApiTarget {
  if (flags.baseUrl !== undefined && flags.playground) {
    throw usageError('give --base-url or --playground, not both');
  }
  const apiKey = readKey(flags.apiKeyEnv, env);
  const { baseUrl, baseUrlFrom } = chooseBaseUrl(flags, env);
  checkBaseUrl(baseUrl, baseUrlFrom);
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
  return { baseUrl, apiKey, baseUrlFrom, retry };
}

/** Reads the key and remembers it, so that no error message can ever show it. */
function readKey(variable: string, env: NodeJS.ProcessEnv): string {
  // Only conventional names are echoed: a key pasted where the name belongs must not be.
  const named = /^[A-Z_][A-Z0-9_]*$/.test(variable)
    ? variable
    : 'that --api-key-env names';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
    throw usageError(
      '--api-key-env must name an environment variable, such as ' + KEY_ENV,
    );
  }
  const apiKey = env[variable]?.trim() ?? '';
  if (apiKey === '') {
    throw usageError(
      `no API key: set the environment variable ${named} to your Partner API key ` +
        `(Settings → API Keys in the partner dashboard)`,
    );
  }
  rememberSecret(apiKey);
  return apiKey;
}

function chooseBaseUrl(
  flags: ApiFlags,
  env: NodeJS.ProcessEnv,
): { baseUrl: string; baseUrlFrom: string } {
  if (flags.baseUrl !== undefined)
    return { baseUrl: flags.baseUrl, baseUrlFrom: '--base-url' };
  if (flags.playground)
    return { baseUrl: PLAYGROUND_BASE_URL, baseUrlFrom: '--playground' };
  const fromEnv = env[BASE_URL_ENV]?.trim();
  if (fromEnv !== undefined && fromEnv !== '') {
    return { baseUrl: fromEnv, baseUrlFrom: BASE_URL_ENV };
  }
  return { baseUrl: PRODUCTION_BASE_URL, baseUrlFrom: DEFAULT_BASE_URL_FROM };
}

function checkBaseUrl(baseUrl: string, from: string): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw usageError(`${from}: not a URL: ${JSON.stringify(baseUrl)}`);
  }
  if (
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    // Never echo the URL: whatever it carries there may be a secret.
    throw usageError(
      `${from}: the base URL must not carry a user name, password, query or fragment ` +
        `(the key goes in ${KEY_ENV}); give only scheme, host and path, such as ${PRODUCTION_BASE_URL}`,
    );
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return;
  throw usageError(
    `${from}: the base URL must use https (plain http only to this machine, for the ` +
      `emulator), since the API key travels with every request; got ${JSON.stringify(baseUrl)}`,
  );
}

/** Hosts where plain http cannot be read by anyone else on the network. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
