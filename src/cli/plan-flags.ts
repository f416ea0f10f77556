/** The flags that shape a plan, shared by plan and apply. */
import type { Argv } from 'yargs';
import type { PlanOptions } from '../plan/index.js';
import {
  DEFAULT_MAX_DELETE_PERCENT,
  DEFAULT_MAX_DELETES,
  SYNC_MODES,
} from '../plan/index.js';
import { checkNumber } from './option-checks.js';

export interface PlanFlags {
  mode: PlanOptions['mode'];
  prune: boolean;
  matchByName: boolean;
  maxDeletes?: string;
  maxDeletePercent?: string;
}

export const PLAN_SWITCHES = ['prune', 'match-by-name'] as const;

export function withPlanFlags<T>(argv: Argv<T>): Argv<T & PlanFlags> {
  return argv
    .option('mode', {
      choices: SYNC_MODES,
      default: 'merge' as const,
      describe:
        'merge: create and update only; mirror: also remove what the export lacks',
    })
    .option('prune', {
      type: 'boolean',
      default: false,
      describe: 'With --mode mirror: delete locations and organizations the export lacks',
    })
    .option('match-by-name', {
      type: 'boolean',
      default: false,
      describe: 'Adopt an unclaimed organization with the same name (first migration)',
    })
    .option('max-deletes', {
      requiresArg: true,
      describe: `Most deletions of one kind a plan may hold (default ${DEFAULT_MAX_DELETES})`,
    })
    .option('max-delete-percent', {
      requiresArg: true,
      describe: `Most deletions of one kind, in % of the live count (default ${DEFAULT_MAX_DELETE_PERCENT})`,
    }) as unknown as Argv<T & PlanFlags>;
}

/** The planner's options from the flags; numbers are checked with their ranges. */
export function planOptionsOf(flags: PlanFlags): PlanOptions {
  return {
    mode: flags.mode,
    prune: flags.prune,
    matchByName: flags.matchByName,
    maxDeletes:
      flags.maxDeletes === undefined
        ? DEFAULT_MAX_DELETES
        : checkNumber('max-deletes', flags.maxDeletes, { min: 0, integer: true }),
    maxDeletePercent:
      flags.maxDeletePercent === undefined
        ? DEFAULT_MAX_DELETE_PERCENT
        : checkNumber('max-delete-percent', flags.maxDeletePercent, { min: 0, max: 100 }),
  };
}
