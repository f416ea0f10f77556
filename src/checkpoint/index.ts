/**
 * The checkpoint: the state directory's SQLite database, the planning
 * memory kept in it, the runs with their operations, the run lock, and what
 * the run reports need (plans, input records, traffic).
 */
export { openStateDir, STATE_DIR_MODE } from './state-dir.js';
export {
  BUSY_TIMEOUT_MS,
  CHECKPOINT_FILE,
  CHECKPOINT_FILE_MODE,
  openCheckpoint,
} from './database.js';
export type { Checkpoint } from './database.js';
export { CHECKPOINT_APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.js';
export type { Migration } from './schema.js';
export { environmentOf } from './environment.js';
export {
  forgetOrganization,
  loadPlanMemory,
  recordInputSize,
  recordLastApplied,
  rememberOrganization,
} from './memory-store.js';
export {
  FINAL_OPERATION_STATUSES,
  OPERATION_STATUSES,
  RUN_STATUSES,
} from './run-types.js';
export type {
  LockHolder,
  NewOperation,
  NewRun,
  OperationRecord,
  OperationResult,
  OperationStatus,
  RunOptions,
  RunRecord,
  RunStatus,
} from './run-types.js';
export {
  DEFAULT_RUN_LIST_LIMIT,
  createRun,
  finishRun,
  getRun,
  latestRun,
  listRuns,
  loadOperations,
  loadRunPlan,
  markInFlight,
  markSkipped,
  recordOutcome,
} from './run-store.js';
export type { RecordedOutcome } from './run-store.js';
export { acquireRunLock, forceUnlock } from './run-lock.js';
export type { RunLock, RunLockRequest } from './run-lock.js';
export { isHolderAlive, processStartOf } from './process-identity.js';
export {
  createPlanRun,
  finishPlanRun,
  listReportIds,
  findPlanSources,
  loadReportRecords,
  loadReportInput,
  recordReportSources,
  recordTraffic,
} from './report-store.js';
export type {
  NewPlanRun,
  PlanRunEnd,
  ReportListing,
  ReportSources,
} from './report-store.js';
