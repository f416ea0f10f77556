/**
 * Safety guards on deletions. A tripped guard is a value in the plan, not an
 * exception: the CLI shows every trip and exits with `EXIT.guard` before any
 * write, so a person sees the whole picture at once.
 */
import { usageError } from '../cli/errors.js';
import type { GuardKind, GuardTrip, PlanOptions } from './plan-types.js';
import { SYNC_MODES } from './plan-types.js';

/** Most deletions of one kind per plan (`--max-deletes`). */
export const DEFAULT_MAX_DELETES = 10;
/** Most deletions of one kind, in percent of that kind's live count (`--max-delete-percent`). */
export const DEFAULT_MAX_DELETE_PERCENT = 10;
/** Pruning is refused when the input holds fewer than this share of the previous run's customers. */
export const MIN_INPUT_SHARE = 0.5;

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  mode: 'merge',
  prune: false,
  matchByName: false,
  maxDeletes: DEFAULT_MAX_DELETES,
  maxDeletePercent: DEFAULT_MAX_DELETE_PERCENT,
};

/** Deletions are planned only in mirror mode with prune: two flags for one dangerous act. */
export function isPruning(options: PlanOptions): boolean {
  return options.mode === 'mirror' && options.prune;
}

/** The usage error text for invalid options, or null when they are valid. */
export function planOptionsProblem(options: PlanOptions): string | null {
  if (!SYNC_MODES.includes(options.mode)) {
    return `--mode must be one of ${SYNC_MODES.join(', ')}; got ${JSON.stringify(options.mode)}.`;
  }
  if (options.prune && options.mode !== 'mirror') {
    return '--prune deletes what the export lacks and needs --mode mirror; add --mode mirror or drop --prune.';
  }
  if (!Number.isInteger(options.maxDeletes) || options.maxDeletes < 0) {
    return `--max-deletes must be a whole number of 0 or more; got ${String(options.maxDeletes)}.`;
  }
  const percent = options.maxDeletePercent;
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    return `--max-delete-percent must be a number from 0 to 100; got ${String(percent)}.`;
  }
  return null;
}

/** Throws the usage error (exit 64) for invalid options. */
export function assertPlanOptions(options: PlanOptions): void {
  const problem = planOptionsProblem(options);
  if (problem !== null) throw usageError(problem);
}

export interface GuardInput {
  options: PlanOptions;
  planned: { organization: number; location: number };
  liveCount: { organization: number; location: number };
  customers: number;
  previousInputCustomers: number | null;
}

/** Every guard the plan trips; empty when it may run. */
export function checkGuards(input: GuardInput): GuardTrip[] {
  if (!isPruning(input.options)) return [];
  const trips: GuardTrip[] = [];
  const shrunk = shrunkenInput(input.customers, input.previousInputCustomers);
  if (shrunk !== null) trips.push(shrunk);
  for (const kind of ['organization', 'location'] as const) {
    const trip = deleteLimit(
      kind,
      input.planned[kind],
      input.liveCount[kind],
      input.options,
    );
    if (trip !== null) trips.push(trip);
  }
  return trips;
}

function shrunkenInput(customers: number, previous: number | null): GuardTrip | null {
  if (previous === null || customers >= previous * MIN_INPUT_SHARE) return null;
  const limit = Math.ceil(previous * MIN_INPUT_SHARE);
  return {
    kind: 'shrunken-input',
    limit,
    planned: customers,
    message:
      `The input holds ${customers} customer${customers === 1 ? '' : 's'}, fewer than half of the previous run's ` +
      `${previous}; pruning is refused so that a truncated export cannot delete ` +
      'customers. Check the export, or run without --prune.',
  };
}

function deleteLimit(
  kind: Exclude<GuardKind, 'shrunken-input'>,
  planned: number,
  live: number,
  options: PlanOptions,
): GuardTrip | null {
  const byPercent = Math.floor((live * options.maxDeletePercent) / 100);
  const limit = Math.min(options.maxDeletes, byPercent);
  if (planned <= limit) return null;
  const flags: string[] = [];
  if (planned > options.maxDeletes) flags.push('--max-deletes');
  if (planned > byPercent) flags.push('--max-delete-percent');
  const basis =
    byPercent < options.maxDeletes
      ? `${options.maxDeletePercent}% of ${live} live ${kind}s`
      : `--max-deletes ${options.maxDeletes}`;
  const message =
    `${planned} ${kind} deletion${planned === 1 ? '' : 's'} planned, over the limit of ` +
    `${limit} (${basis}); nothing was changed. Raise it with ${flags.join(' and ')} ` +
    'if these deletions are intended.';
  return { kind, limit, planned, message };
}
