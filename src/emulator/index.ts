/**
 * The Partner API emulator: a local, stateful stand-in for the Answering Agent
 * Partner API (reference `/work/shared/partner-api.md`), with control endpoints
 * under `/_emulator` for tests and migration rehearsals.
 */
export { startEmulator } from './server.js';
export type { RunningEmulator } from './server.js';
export { EmulatorConfigError, StateFileError } from './errors.js';
export type { SeedLoadResult } from './startup.js';
export type { PartnerKeyCount } from './auth.js';
export { EMULATOR_DEFAULTS } from './options.js';
export type { EmulatorOptions, PartnerConfig } from './options.js';
export { SeedError, loadSeedFile, validateSeedDocument } from './seed.js';
export type { SeedDocument, SeedLocation, SeedOrganization, SeedUser } from './seed.js';
export type { SeedCounts } from './seed-apply.js';
export { UNKNOWNS } from './unknowns.js';
export { ID_RANGES } from './store/schema.js';
export { PHONE_NUMBER_PATTERN } from './numbers.js';
export { DEFAULT_RATE_LIMIT } from './rate-limit.js';
export type { RateLimitSettings } from './rate-limit.js';
export type { FaultSettings } from './faults.js';
export type { CountersSnapshot, RequestLogEntry, RequestOutcome } from './request-log.js';
