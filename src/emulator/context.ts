/**
 * Everything a request handler may use, in one object per running emulator.
 * Exports: `EmulatorContext`, `ApiRequest`, `ApiHandler`, `createContext`.
 */
import { KeyRegistry } from './auth.js';
import { FaultInjector } from './faults.js';
import type { Reply } from './http-util.js';
import { Lifecycle } from './lifecycle.js';
import type { ResolvedOptions } from './options.js';
import { TokenBucketLimiter } from './rate-limit.js';
import { RequestLog } from './request-log.js';
import { Store } from './store/store.js';

/** The state of one running emulator. `limiter` and `faults` are replaced on reset. */
export interface EmulatorContext {
  readonly options: ResolvedOptions;
  readonly store: Store;
  readonly keys: KeyRegistry;
  readonly log: RequestLog;
  readonly lifecycle: Lifecycle;
  limiter: TokenBucketLimiter;
  faults: FaultInjector;
  /** The emulator's clock in ms. */
  now(): number;
}

/** An authenticated API request, body parsed, path parameters decoded. */
export interface ApiRequest {
  ctx: EmulatorContext;
  partnerId: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** Runs `action` once the request's transaction has committed (counters). */
  afterCommit(action: () => void): void;
}

/** Handles one API route; synchronous, because SQLite is, so writes never interleave. */
export type ApiHandler = (req: ApiRequest) => Reply;

/** Builds the context: opens the store, registers partners, sets up limiter and faults. */
export function createContext(options: ResolvedOptions): EmulatorContext {
  const store = new Store(options.stateFile);
  let keys: KeyRegistry;
  try {
    // Keys revoked in an earlier run on this state file stay revoked (401).
    keys = new KeyRegistry(options.partners, store.revokedKeys.hashes());
  } catch (error) {
    store.close();
    throw error;
  }
  return {
    options,
    store,
    keys,
    log: new RequestLog(options.requestLogLimit),
    lifecycle: new Lifecycle(),
    limiter: new TokenBucketLimiter(options.rateLimit, options.now),
    faults: new FaultInjector(options.faults, options.faultsByKey),
    now: options.now,
  };
}
