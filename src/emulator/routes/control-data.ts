/**
 * Control endpoints that touch partner data: reset, seed, state, activation
 * of pending numbers, acceptance of partner links.
 * Exports: `ControlRequest`, `ControlHandler`, `reset`, `seed`, `state`,
 * `activateLocations`, `acceptPartnerLink`.
 */
import type { EmulatorContext } from '../context.js';
import { HttpError } from '../http-util.js';
import type { Reply } from '../http-util.js';
import { createUser } from '../operations.js';
import { applySeed } from '../seed-apply.js';
import { SeedError, validateSeedDocument } from '../seed.js';
import { toTimestamp } from '../time.js';
import { locationsOf, organizationsOf, userView, usersOf } from '../views.js';

/** A control request: token checked, body parsed (any JSON value). */
export interface ControlRequest {
  ctx: EmulatorContext;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export type ControlHandler = (req: ControlRequest) => Reply;

/** Deletes all data; keeps partners and keys; clears counters, log and rate buckets. */
export function reset({ ctx }: ControlRequest): Reply {
  ctx.store.reset();
  ctx.log.reset();
  ctx.limiter.configure(ctx.limiter.settings);
  const faults = ctx.faults.describe();
  ctx.faults.configure(faults.global, faults.perKey);
  return { status: 200, body: { ok: true } };
}

/** Loads a seed document; 422 listing every problem when it is bad. */
export function seed({ ctx, body }: ControlRequest): Reply {
  try {
    return { status: 200, body: applySeed(ctx, validateSeedDocument(body)) };
  } catch (error) {
    if (!(error instanceof SeedError)) throw error;
    return { status: 422, body: { message: error.message, problems: error.problems } };
  }
}

/** Every partner's data as the API would list it, plus partner links and keys by label. */
export function state({ ctx }: ControlRequest): Reply {
  const partners = ctx.keys.summaries().map((partner) => ({
    ...partner,
    organizations: organizationsOf(ctx, partner.id),
    users: usersOf(ctx, partner.id),
    locations: locationsOf(ctx, partner.id),
    partnerLinks: ctx.store.partnerLinks.list(partner.id).map((link) => ({
      id: link.id,
      email: link.email,
      external_id: link.external_id,
      status: link.status,
    })),
  }));
  return { status: 200, body: { partners } };
}

/** Activates every pending location that holds a number, now. */
export function activateLocations({ ctx }: ControlRequest): Reply {
  const nowMs = ctx.now();
  const activated = ctx.store.transaction(() =>
    ctx.store.locations.activatePending(toTimestamp(nowMs), nowMs),
  );
  return { status: 200, body: { activated } };
}

/** Accepts a pending link: its user appears in `/users`, with no organization (U15). */
export function acceptPartnerLink({ ctx, params }: ControlRequest): Reply {
  const id = Number(params.linkId);
  const link = Number.isSafeInteger(id) ? ctx.store.partnerLinks.find(id) : undefined;
  if (link === undefined) {
    throw new HttpError(404, `No partner link ${params.linkId ?? ''}.`);
  }
  if (link.status !== 'pending') {
    throw new HttpError(409, `Partner link ${id} is already accepted.`);
  }
  const user = ctx.store.transaction(() => {
    ctx.store.partnerLinks.markAccepted(id);
    const person = { externalId: link.external_id, email: link.email, name: null };
    return createUser(ctx, link.partner_id, person, toTimestamp(ctx.now()));
  });
  return {
    status: 200,
    body: {
      link: { ...linkFields(link), status: 'accepted' },
      user: userView(ctx, user),
    },
  };
}

function linkFields(link: { id: number; email: string; external_id: string }): object {
  return { id: link.id, email: link.email, external_id: link.external_id };
}
