/**
 * Reads the live state: one `GET /organizations`, which embeds every
 * organization's users and locations (reference §5.1), so a nightly run costs a
 * single request. Transient failures are retried per the retry table.
 */
import { countOf } from '../util/count-of.js';
import type { Logger } from 'winston';
import type {
  AnyApiError,
  ApiErrorKind,
  Organization,
  PartnerApiClient,
} from '../api/index.js';
import type { ExitCode } from '../cli/exit-codes.js';
import { isApiError } from '../api/index.js';
import { ExitError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import type { RetryBounds } from '../execute/retry-policy.js';
import {
  DEFAULT_RETRY_BOUNDS,
  FailureHandling,
  backoffDelayMs,
  handlingOf,
  retryAfterOf,
} from '../execute/retry-policy.js';

export interface ReadLiveOptions {
  logger: Logger;
  bounds?: RetryBounds;
  /** Injected for tests; defaults to real time. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/** Every organization of the partner, or an ExitError that says why not. */
export async function readLiveState(
  client: PartnerApiClient,
  options: ReadLiveOptions,
): Promise<Organization[]> {
  const bounds = options.bounds ?? DEFAULT_RETRY_BOUNDS;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const startedAt = now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      const organizations = await client.listOrganizations();
      options.logger.debug('read the live state', {
        organizations: organizations.length,
      });
      return organizations;
    } catch (error) {
      if (!isApiError(error)) throw error;
      const delayMs = nextDelayMs(error, attempt, bounds, options.random ?? Math.random);
      const elapsedMs = now() - startedAt;
      if (delayMs === undefined || elapsedMs + delayMs > bounds.maxTotalMs) {
        throw liveReadFailure(error, client.baseUrl, attempt);
      }
      options.logger.warn(`reading the live state failed; retrying in ${delayMs} ms`, {
        attempt,
        error: error.message,
      });
      await sleep(delayMs);
    }
  }
}

function nextDelayMs(
  error: AnyApiError,
  attempt: number,
  bounds: RetryBounds,
  random: () => number,
): number | undefined {
  if (handlingOf(error) !== FailureHandling.Retry) return undefined;
  if (attempt >= bounds.maxAttempts) return undefined;
  return backoffDelayMs(attempt, bounds, random, retryAfterOf(error));
}

/**
 * Failures that say something about the settings, not about the API's health:
 * retrying later would not help, so each says what to fix.
 */
const EXPLAINED: Partial<Record<ApiErrorKind, { exitCode: ExitCode; says: string }>> = {
  // Every partner may list its organizations: a 404 here is a wrong URL, not an outage.
  'not-found': {
    exitCode: EXIT.usage,
    says:
      'GET /organizations answered 404, so this base URL does not serve the Partner API. ' +
      'Check --base-url (or ANSWERING_AGENT_BASE_URL); it ends in /api/v1.',
  },
  unauthorized: {
    exitCode: EXIT.auth,
    says:
      'the API key was refused (401). Check that the key variable (ANSWERING_AGENT_API_KEY, ' +
      'or the one --api-key-env names) holds a current key for this environment ' +
      '(playground and production keys differ).',
  },
  forbidden: {
    exitCode: EXIT.auth,
    says:
      'the key lacks permission (403). Ask Answering Agent to enable the Partner API for ' +
      'this key.',
  },
};

function liveReadFailure(
  error: AnyApiError,
  baseUrl: string,
  attempts: number,
): ExitError {
  const what = `Reading the live state from ${baseUrl} failed`;
  const explained = EXPLAINED[error.kind];
  if (explained !== undefined) {
    return new ExitError(explained.exitCode, `${what}: ${explained.says}`, {
      cause: error,
    });
  }
  return new ExitError(
    EXIT.unavailable,
    // The API error's message may end in its own full stop ("Not found.").
    `${what} after ${countOf(attempts, 'attempt')}: ${error.message.replace(/\.$/u, '')}. ` +
      'Nothing was changed; run the command again later, or check --base-url.',
    { cause: error },
  );
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
