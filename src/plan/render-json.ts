/**
 * The `--json` output: the plan object itself, byte for byte what `--out`
 * writes, so that scripts can treat a saved plan and printed output alike.
 */
import { serialisePlan } from './plan-file.js';
import type { Plan } from './plan-types.js';

export function renderPlanJson(plan: Plan): string {
  return serialisePlan(plan);
}
