/** The header of a report: which run, how it was started, how it ended. */
import type { PlanOptions } from '../plan/plan-types.js';
import { VERSION } from '../version.js';
import { exitNameOf } from './exit-names.js';
import { nextStepOf } from './model-next-step.js';
import type { ReportHeader, ReportInput } from './report-types.js';

/** `merge`, `mirror`, or `mirror + prune` (prune acts only with mirror). */
export function modeOf(options: Pick<PlanOptions, 'mode' | 'prune'>): string {
  if (options.mode === 'mirror') return options.prune ? 'mirror + prune' : 'mirror';
  return 'merge';
}

/** Ms from start to finish; null when unfinished or a time is unreadable. */
export function durationOf(startedAt: string, finishedAt: string | null): number | null {
  if (finishedAt === null) return null;
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) ? ms : null;
}

/** The header of the report of `input`, whose run has `operations` of its own. */
export function buildHeader(input: ReportInput, operations: number): ReportHeader {
  const { run, plan } = input;
  return {
    runId: run.id,
    command: run.command,
    mode: modeOf(plan.options),
    syncMode: plan.options.mode,
    prune: plan.options.prune,
    inputs: run.inputs.map((entry) => ({ ...entry })),
    baseUrl: run.baseUrl,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: durationOf(run.startedAt, run.finishedAt),
    exitCode: run.exitCode,
    exitName: exitNameOf(run.exitCode),
    parentRunId: run.parentRunId,
    rate: run.options?.rate ?? null,
    generatedAt: input.generatedAt,
    aaSyncVersion: VERSION,
    nextStep: nextStepOf(run, operations),
  };
}
