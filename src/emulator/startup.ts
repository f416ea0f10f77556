/**
 * Steps of `startEmulator` before the first request: loading the seed (with
 * its outcome as a value) and binding the port (an unusable host address is an
 * EmulatorConfigError). Exports: `SeedLoadResult`, `prepareSeedPartners`,
 * `loadInitialSeed`, `listen`, `HOST_ERROR_CODES`.
 */
import type { Server } from 'node:http';
import type { EmulatorContext } from './context.js';
import { EmulatorConfigError } from './errors.js';
import { applySeed, registerSeedPartners } from './seed-apply.js';
import type { SeedCounts } from './seed-apply.js';

/** What became of the `seed` option; undefined when no seed was given. */
export type SeedLoadResult =
  { loaded: true; counts: SeedCounts } | { loaded: false; reason: string } | undefined;

/** Why a seed is skipped on a state file that already holds data. */
const SEED_SKIPPED = 'the state file already holds data; the seed was not loaded';

/**
 * Bind errors that mean the address itself is unusable (not the port):
 * invalid, not on this machine, or a name that does not resolve.
 */
export const HOST_ERROR_CODES: ReadonlySet<string> = new Set([
  'EINVAL',
  'EADDRNOTAVAIL',
  'EAFNOSUPPORT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
]);

/** Registers the seed's partners (and keys) before anything else looks at keys. */
export function prepareSeedPartners(ctx: EmulatorContext): void {
  if (ctx.options.seed !== undefined) registerSeedPartners(ctx, ctx.options.seed);
}

/** Seed data only goes into an empty store, so a restart does not duplicate it. */
export function loadInitialSeed(ctx: EmulatorContext): SeedLoadResult {
  const seed = ctx.options.seed;
  if (seed === undefined) return undefined;
  if (!ctx.store.isEmpty()) return { loaded: false, reason: SEED_SKIPPED };
  return { loaded: true, counts: applySeed(ctx, seed) };
}

/** Listens; a busy port rejects with the listen error (code EADDRINUSE) as it is. */
export function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException): void => reject(hostError(error, host));
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
}

/** An EmulatorConfigError for an unusable host; any other error unchanged. */
export function hostError(error: NodeJS.ErrnoException, host: string): Error {
  if (error.code === undefined || !HOST_ERROR_CODES.has(error.code)) return error;
  return new EmulatorConfigError(
    'host',
    `host must be an address of this machine such as 127.0.0.1 or ::1; ` +
      `cannot listen on ${JSON.stringify(host)} (${error.code})`,
    { cause: error },
  );
}
