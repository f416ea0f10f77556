/**
 * The planner: pure functions from the desired state, the live state, memory
 * and options to a deterministic, serialisable plan; its text and JSON
 * renderings; and the versioned plan file with its checked read-back.
 */
export { buildPlan } from './build-plan.js';
export type { BuildPlanInput } from './build-plan.js';
export {
  DEFAULT_MAX_DELETE_PERCENT,
  DEFAULT_MAX_DELETES,
  DEFAULT_PLAN_OPTIONS,
  assertPlanOptions,
  isPruning,
  planOptionsProblem,
} from './guards.js';
export { matchIdentities } from './identity.js';
export type { CustomerIdentity, IdentityMatch, IdentityResult } from './identity.js';
export {
  areaCodeOf,
  indexLiveState,
  liveFingerprint,
  organizationFingerprint,
} from './live-state.js';
export type { LiveState, LiveUser } from './live-state.js';
export { EMPTY_MEMORY } from './memory.js';
export type { LastApplied, PlanMemory } from './memory.js';
export { checkPlanFreshness, parsePlan, serialisePlan } from './plan-file.js';
export type { Freshness, StaleTenant } from './plan-file.js';
export { hasChanges } from './plan-summary.js';
export * from './plan-types.js';
export { renderPlanText, summaryLine } from './render-text.js';
export type { RenderTextOptions } from './render-text.js';
