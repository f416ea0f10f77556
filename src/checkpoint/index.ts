/**
 * The checkpoint: the state directory's SQLite database and the planning
 * memory kept in it.
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
