/**
 * Embed-token endpoints (§7, U14, U16): get the current token, rotate it,
 * invalidate it. Exports: `embedTokenRoutes`.
 */
import type { ApiHandler, ApiRequest } from '../context.js';
import { HttpError } from '../http-util.js';
import type { Reply } from '../http-util.js';
import type { Router } from '../router.js';
import type { UserRow } from '../store/rows.js';
import { embedToken, newEmbedSecret } from '../tokens.js';
import { UNKNOWNS } from '../unknowns.js';
import { requireUser } from './common.js';

const PATH = '/users/:externalId/embed-token';

/** Adds the embed-token routes to an API router. */
export function embedTokenRoutes(router: Router<ApiHandler>): void {
  router
    .add('GET', PATH, current)
    .add('POST', PATH, rotate)
    .add('DELETE', PATH, invalidate);
}

/** The current token; after an invalidation a fresh one is issued (U14). */
function current(req: ApiRequest): Reply {
  const user = embeddableUser(req);
  let secret = user.embed_secret;
  if (secret === null) {
    if (!UNKNOWNS.U14.issueAfterInvalidate) {
      throw new HttpError(404, UNKNOWNS.U1.notFound);
    }
    secret = newEmbedSecret();
    req.ctx.store.users.setEmbedSecret(user.id, secret);
  }
  return {
    status: 200,
    body: { embed_token: embedToken(user.id, secret), user_id: user.external_id },
  };
}

/** A new secret, so every earlier token stops working. */
function rotate(req: ApiRequest): Reply {
  const user = embeddableUser(req);
  const secret = newEmbedSecret();
  req.ctx.store.users.setEmbedSecret(user.id, secret);
  return {
    status: UNKNOWNS.U14.generateStatus,
    body: {
      embed_token: embedToken(user.id, secret),
      user_id: user.external_id,
      message: 'New embed token generated successfully',
    },
  };
}

/** Drops the secret without issuing a token. */
function invalidate(req: ApiRequest): Reply {
  const user = embeddableUser(req);
  req.ctx.store.users.setEmbedSecret(user.id, null);
  return {
    status: UNKNOWNS.U14.invalidateStatus,
    body: { user_id: user.external_id, message: 'Embed token invalidated successfully' },
  };
}

/** 403 first when the partner may not embed (U16), then 404 for an unknown user. */
function embeddableUser(req: ApiRequest): UserRow {
  const partner = req.ctx.keys.partner(req.partnerId);
  if (partner !== undefined && !partner.embedEnabled) {
    throw new HttpError(
      UNKNOWNS.U16.embedDisabledStatus,
      UNKNOWNS.U16.embedDisabledMessage,
    );
  }
  return requireUser(req);
}
