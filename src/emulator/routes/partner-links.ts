/**
 * `POST /partner-links` (§9.1, U15): an account-linking invite, always pending.
 * Exports: `partnerLinkRoutes`.
 */
import type { ApiHandler, ApiRequest } from '../context.js';
import type { Reply } from '../http-util.js';
import { must, readPartnerLink } from '../inputs.js';
import { userExternalIdError } from '../operations.js';
import type { Router } from '../router.js';
import { partnerLinkJson } from '../serialize.js';
import { UNKNOWNS } from '../unknowns.js';
import { Validator } from '../validation.js';
import { stamp } from './common.js';

/** Adds the partner-link route to an API router. */
export function partnerLinkRoutes(router: Router<ApiHandler>): void {
  router.add('POST', '/partner-links', create);
}

/** The same answer whether or not the email belongs to an AA user (no probing). */
function create(req: ApiRequest): Reply {
  const { ctx, partnerId } = req;
  const v = new Validator();
  const draft = readPartnerLink(v, req.body);
  const taken = userExternalIdError(ctx, partnerId, draft.externalId, 'external_id');
  if (taken !== null) v.fail('external_id', taken);
  v.throwIfFailed();
  const row = ctx.store.partnerLinks.insert(
    partnerId,
    must(draft.email, 'email'),
    must(draft.externalId, 'external_id'),
    stamp(ctx),
  );
  return { status: UNKNOWNS.U15.createStatus, body: partnerLinkJson(row) };
}
