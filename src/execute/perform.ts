/**
 * Performs one operation: its API call, retried by the retry table within the
 * bounds, and never a blind resend of a create whose outcome is unknown (it is
 * looked up first and adopted when found). Exports: `PerformContext`,
 * `PerformOptions`, `performOperation`.
 */
import type { AnyApiError } from '../api/index.js';
import type { OperationResult } from '../checkpoint/run-types.js';
import type { Operation } from '../plan/plan-types.js';
import { Attempts } from './perform-attempts.js';
import type { PerformContext } from './perform-context.js';
import {
  exhaustedMessage,
  refusalMessage,
  unsettledMessage,
} from './perform-messages.js';
import { settleOutcome } from './perform-settle.js';
import type { Unsettled } from './perform-settle.js';
import { callOperation, isCreate } from './operation-call.js';
import type { CreateOperation } from './operation-call.js';
import { FailureHandling } from './retry-policy.js';
import type { PerformOutcome } from './types.js';

export type { PerformContext } from './perform-context.js';

export interface PerformOptions {
  /**
   * The operation was recorded in flight by an earlier process: a create is
   * looked up first (and adopted when found); other kinds are sent again.
   */
  reconcileFirst: boolean;
}

/** The state of one operation being performed. */
interface Performance {
  op: Operation;
  ctx: PerformContext;
  attempts: Attempts;
  /** Some attempt got as far as the server in this process. */
  reached: boolean;
  /**
   * An attempt (in this process, or in an earlier one when reconciling) may
   * have taken effect without our seeing its answer, and no lookup has told.
   */
  unsettled: boolean;
}

/**
 * Performs `op` and says how it ended. Resolves in every case an API failure
 * can cause; rejects only for a bug (an error that is not the client's or the
 * gate's, or an organization reference that cannot be resolved).
 */
export async function performOperation(
  op: Operation,
  ctx: PerformContext,
  options: PerformOptions,
): Promise<PerformOutcome> {
  const state: Performance = {
    op,
    ctx,
    attempts: new Attempts(ctx),
    reached: false,
    unsettled: options.reconcileFirst,
  };
  if (options.reconcileFirst && isCreate(op)) {
    const settled = await settle(state, op);
    if (settled !== null) return settled;
  }
  for (;;) {
    if (ctx.stopping()) return interrupted(state, null);
    const attempt = await state.attempts.send(() =>
      callOperation(op, ctx.client, ctx.organizationOf),
    );
    if (attempt.kind === 'answered') return succeeded(state, attempt.value);
    if (attempt.kind === 'gate-closed') return interrupted(state, attempt.error);
    const ended = await afterFailure(state, attempt.error, attempt.handling);
    if (ended !== null) return ended;
  }
}

/** The outcome when `error` ends the operation, or null to send it again. */
async function afterFailure(
  state: Performance,
  error: AnyApiError,
  handling: FailureHandling,
): Promise<PerformOutcome | null> {
  if (error.requestSent) state.reached = true;
  if (handling === FailureHandling.StopRun) {
    return failed(state, refusalMessage(error), true);
  }
  if (handling === FailureHandling.Fail) {
    return alreadyGone(state, error) ?? failed(state, refusalMessage(error), false);
  }
  if (isUnknownOutcome(error)) state.unsettled = true;
  const verdict = await state.attempts.beforeRetry(error);
  if (verdict === 'stopping') return interrupted(state, error);
  if (verdict === 'exhausted') return exhausted(state, error);
  const { op } = state;
  return state.unsettled && isCreate(op) ? settle(state, op) : null;
}

/**
 * The request reached the server and no answer says it was not carried out. A
 * 429 says exactly that (the server refused before doing any work), so it is
 * not an unknown outcome and needs no lookup.
 */
function isUnknownOutcome(error: AnyApiError): boolean {
  return error.requestSent && error.kind !== 'rate-limited';
}

/** Retries used up: the server is down (interrupted) or the operation failed. */
async function exhausted(
  state: Performance,
  error: AnyApiError,
): Promise<PerformOutcome> {
  if (state.ctx.gate.degraded) return interrupted(state, error);
  // One last lookup: a create that did land must be adopted, not failed and sent again.
  const { op } = state;
  if (state.unsettled && isCreate(op)) {
    const settled = await settle(state, op);
    if (settled !== null) return settled;
  }
  return failed(state, exhaustedMessage(error, state.attempts.count), false);
}

/**
 * Looks up whether the create landed: the outcome when that ends the operation
 * (adopted, conflict, lookup impossible), or null when it is absent.
 */
async function settle(
  state: Performance,
  op: CreateOperation,
): Promise<PerformOutcome | null> {
  const settlement = await settleOutcome(op, state.ctx);
  switch (settlement.found) {
    case 'absent':
      state.unsettled = false;
      return null;
    case 'landed': {
      const { result, note } = settlement;
      return { status: 'adopted', result, attempts: state.attempts.count, note };
    }
    case 'conflict':
      return failed(state, settlement.message, false);
    case 'unsettled':
      return unsettledOutcome(state, settlement);
  }
}

/** A lookup that could not tell: never resend; leave it in flight when stopping. */
function unsettledOutcome(state: Performance, unsettled: Unsettled): PerformOutcome {
  if (unsettled.why === 'stopping') return interrupted(state, unsettled.error);
  if (unsettled.why === 'exhausted' && state.ctx.gate.degraded) {
    return interrupted(state, unsettled.error);
  }
  return failed(state, unsettledMessage(unsettled), unsettled.stopRun);
}

/** A delete answered 404 after an earlier attempt may have deleted it: it is gone. */
function alreadyGone(state: Performance, error: AnyApiError): PerformOutcome | null {
  const { op } = state;
  if (error.kind !== 'not-found' || !state.unsettled) return null;
  if (op.kind === 'delete-location') {
    const note = `location ${op.locationId} was already gone: an earlier attempt deleted it`;
    return succeeded(state, { locationId: op.locationId }, note);
  }
  if (op.kind === 'delete-organization') {
    const note =
      `organization ${op.organizationId} was already gone: ` +
      'an earlier attempt deleted it';
    return succeeded(state, { organizationId: op.organizationId }, note);
  }
  return null;
}

function succeeded(
  state: Performance,
  result: OperationResult,
  note?: string,
): PerformOutcome {
  const outcome = {
    status: 'succeeded' as const,
    result,
    attempts: state.attempts.count,
  };
  return note === undefined ? outcome : { ...outcome, note };
}

function failed(state: Performance, error: string, stopRun: boolean): PerformOutcome {
  return { status: 'failed', error, attempts: state.attempts.count, stopRun };
}

/**
 * Stopped before the end. `maybeSent` keeps the operation in flight, so that it
 * is looked up before it is sent again, whenever a request of it may have
 * reached the server or an earlier process's attempt is still unsettled.
 */
function interrupted(state: Performance, error: Error | null): PerformOutcome {
  return {
    status: 'interrupted',
    attempts: state.attempts.count,
    maybeSent: state.reached || state.unsettled,
    error: error === null ? null : error.message,
  };
}
