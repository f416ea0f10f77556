/**
 * The `/_emulator` control routes (not part of the Partner API): data, counters,
 * request log, faults, rate limit, keys, embedding switch.
 * Exports: `controlRouter`.
 */
import { keyHash } from '../auth.js';
import {
  checkFaultLabels,
  validateFaultSettings,
  validateFaultsByKey,
} from '../faults.js';
import { HttpError } from '../http-util.js';
import type { Reply } from '../http-util.js';
import { validateRateLimitSettings } from '../rate-limit.js';
import { checkKey } from '../partner-config.js';
import { Router } from '../router.js';
import { toTimestamp } from '../time.js';
import type { ControlHandler, ControlRequest } from './control-data.js';
import {
  acceptPartnerLink,
  activateLocations,
  reset,
  seed,
  state,
} from './control-data.js';
import { isPlainObject } from '../../util/is-plain-object.js';

/** Default and largest page of `GET /_emulator/requests`. */
const REQUESTS_PAGE = 1_000;

/** Builds the control router (paths relative to `/_emulator`). */
export function controlRouter(): Router<ControlHandler> {
  return new Router<ControlHandler>()
    .add('POST', '/reset', reset)
    .add('POST', '/seed', seed)
    .add('GET', '/state', state)
    .add('GET', '/counters', counters)
    .add('GET', '/requests', requests)
    .add('GET', '/faults', getFaults)
    .add('PUT', '/faults', putFaults)
    .add('GET', '/rate-limit', getRateLimit)
    .add('PUT', '/rate-limit', putRateLimit)
    .add('POST', '/keys', addKey)
    .add('POST', '/keys/revoke', revokeKey)
    .add('PUT', '/partners/:partnerId/embed', setEmbed)
    .add('POST', '/locations/activate', activateLocations)
    .add('POST', '/partner-links/:linkId/accept', acceptPartnerLink);
}

function counters({ ctx }: ControlRequest): Reply {
  return { status: 200, body: { ...ctx.log.counters(), faults: ctx.faults.counts() } };
}

/** `?since=<seq>&limit=<n>`: entries after `since`, oldest first. */
function requests({ ctx, query }: ControlRequest): Reply {
  const since = nonNegative(query.get('since'), 0, 'since');
  const limit = Math.min(
    nonNegative(query.get('limit'), REQUESTS_PAGE, 'limit'),
    REQUESTS_PAGE,
  );
  return {
    status: 200,
    body: { requests: ctx.log.since(since, limit), lastSeq: ctx.log.lastSeq },
  };
}

function getFaults({ ctx }: ControlRequest): Reply {
  return { status: 200, body: ctx.faults.describe() };
}

/**
 * Body `{global?, perKey?}` (the shape GET returns); replaces all fault settings.
 * A perKey label no key has is a 422 listing the known labels.
 */
function putFaults({ ctx, body }: ControlRequest): Reply {
  const input = object(body, '{global?, perKey?}');
  const global = checked(() => validateFaultSettings(input.global ?? {}, 'global'));
  const perKey = checked(() => validateFaultsByKey(input.perKey ?? {}, 'perKey'));
  checked(() => checkFaultLabels(perKey, ctx.keys.labels(), 'perKey'));
  ctx.faults.configure(global, perKey);
  return { status: 200, body: ctx.faults.describe() };
}

function getRateLimit({ ctx }: ControlRequest): Reply {
  return { status: 200, body: ctx.limiter.settings };
}

/** Body `{ratePerSecond, burst}` or `null` (off); every bucket starts full again. */
function putRateLimit({ ctx, body }: ControlRequest): Reply {
  ctx.limiter.configure(checked(() => validateRateLimitSettings(body, 'rate-limit')));
  return { status: 200, body: ctx.limiter.settings };
}

/** Body `{partner, key}`: the key works at once; answers its label, never the key. */
function addKey({ ctx, body }: ControlRequest): Reply {
  const { partner, key } = object(body, '{partner, key}');
  if (typeof partner !== 'string' || typeof key !== 'string' || key.trim() === '') {
    throw new HttpError(
      422,
      'Send {"partner": "<partner id>", "key": "<non-blank key>"}.',
    );
  }
  checked(() => checkKey(key, 'key'));
  if (ctx.keys.partner(partner) === undefined) {
    throw new HttpError(404, `Unknown partner "${partner}".`);
  }
  try {
    return { status: 201, body: { partner, label: ctx.keys.addKey(partner, key) } };
  } catch (error) {
    throw new HttpError(409, `Cannot add the key: ${(error as Error).message}.`);
  }
}

/** Body `{key}`: that key answers 401 from now on. */
function revokeKey({ ctx, body }: ControlRequest): Reply {
  const { key } = object(body, '{key}');
  if (typeof key !== 'string') {
    throw new HttpError(422, 'Send {"key": "<the key to revoke>"}.');
  }
  const label = ctx.keys.revoke(key);
  if (label === null) throw new HttpError(404, 'No such key.');
  // Only the hash is stored, so the revocation outlives a restart (state file).
  ctx.store.revokedKeys.add(keyHash(key), toTimestamp(ctx.now()));
  return { status: 200, body: { label, revoked: true } };
}

/** Body `{enabled}`: false makes the embed-token endpoints answer 403 (U16). */
function setEmbed({ ctx, params, body }: ControlRequest): Reply {
  const { enabled } = object(body, '{enabled}');
  if (typeof enabled !== 'boolean') {
    throw new HttpError(422, 'Send {"enabled": true|false}.');
  }
  const partner = params.partnerId ?? '';
  if (!ctx.keys.setEmbed(partner, enabled)) {
    throw new HttpError(404, `Unknown partner "${partner}".`);
  }
  return { status: 200, body: { partner, embedEnabled: enabled } };
}

/** Runs a settings validator; its message (field, range, value) becomes a 422. */
function checked<T>(validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    throw new HttpError(422, (error as Error).message);
  }
}

function object(body: unknown, shape: string): Record<string, unknown> {
  if (isPlainObject(body)) return body;
  throw new HttpError(422, `The body must be a JSON object ${shape}.`);
}

function nonNegative(value: string | null, fallback: number, name: string): number {
  if (value === null || value === '') return fallback;
  if (!/^\d{1,15}$/.test(value)) {
    throw new HttpError(422, `${name} must be a non-negative integer; got "${value}".`);
  }
  return Number(value);
}
