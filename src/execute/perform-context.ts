/**
 * What performing an operation needs from the executor. Exports: `PerformContext`.
 */
import type { PartnerApiClient } from '../api/index.js';
import type { OrgTarget } from '../plan/plan-types.js';
import type { RetryBounds } from './retry-policy.js';
import type { RequestGate } from './types.js';

/** The executor's services for one operation; shared by every operation of a run. */
export interface PerformContext {
  client: PartnerApiClient;
  /** Every request, lookups included, goes through `gate.run`. */
  gate: RequestGate;
  bounds: RetryBounds;
  /** Uniform in [0, 1): the jitter of backoff waits. */
  random: () => number;
  /** Backoff waits; the executor's version ends early when the run is stopping. */
  sleep: (ms: number) => Promise<void>;
  /** True once the run is stopping: no new attempt starts. */
  stopping: () => boolean;
  /** Resolves `{ref}` to the id of the organization that operation created. */
  organizationOf: (target: OrgTarget) => number;
}
