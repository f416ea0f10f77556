/**
 * Settles an unknown outcome: the lookup of `lookup.ts`, sent through the gate
 * and retried by the same table and bounds as any request.
 * Exports: `Unsettled`, `Settlement`, `settleOutcome`.
 */
import type { AnyApiError } from '../api/index.js';
import { Attempts } from './perform-attempts.js';
import type { PerformContext } from './perform-context.js';
import { findLanded } from './lookup.js';
import type { LookupFinding } from './lookup.js';
import type { CreateOperation } from './operation-call.js';
import { FailureHandling, handlingOf } from './retry-policy.js';

/**
 * The lookup could not be completed. `refused`: the API refused the read (a
 * 403, or a 401 with `stopRun`); `exhausted`: it kept failing within the bounds;
 * `stopping`: the run is stopping or the gate refused the read. `reads`: the
 * reads sent.
 */
export type Unsettled =
  | {
      found: 'unsettled';
      why: 'refused' | 'exhausted';
      error: AnyApiError;
      stopRun: boolean;
      reads: number;
    }
  | { found: 'unsettled'; why: 'stopping'; error: Error | null; reads: number };

export type Settlement = LookupFinding | Unsettled;

/** Looks up whether `op` landed, retrying the read; never sends the operation itself. */
export async function settleOutcome(
  op: CreateOperation,
  ctx: PerformContext,
): Promise<Settlement> {
  const attempts = new Attempts(ctx);
  const stopped = (error: Error | null): Unsettled => ({
    found: 'unsettled',
    why: 'stopping',
    error,
    reads: attempts.count,
  });
  const gaveUp = (why: 'refused' | 'exhausted', error: AnyApiError): Unsettled => ({
    found: 'unsettled',
    why,
    error,
    stopRun: handlingOf(error) === FailureHandling.StopRun,
    reads: attempts.count,
  });
  for (;;) {
    if (ctx.stopping()) return stopped(null);
    const attempt = await attempts.send(() =>
      findLanded(op, ctx.client, ctx.organizationOf),
    );
    if (attempt.kind === 'answered') return attempt.value;
    if (attempt.kind === 'gate-closed') return stopped(attempt.error);
    const { error, handling } = attempt;
    if (handling !== FailureHandling.Retry) return gaveUp('refused', error);
    const verdict = await attempts.beforeRetry(error);
    if (verdict === 'stopping') return stopped(error);
    if (verdict === 'exhausted') return gaveUp('exhausted', error);
  }
}
