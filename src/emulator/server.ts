/**
 * Starts and stops the emulator: a node:http server on loopback by default,
 * dispatching to the API and the control endpoints. Exports: `RunningEmulator`,
 * `startEmulator`.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { API_PREFIX, handleApiRequest } from './api-pipeline.js';
import type { ApiHandler, EmulatorContext } from './context.js';
import { createContext } from './context.js';
import { CONTROL_PREFIX, handleControlRequest } from './control-pipeline.js';
import { errorReply, writeReply } from './http-util.js';
import type { PartnerKeyCount } from './auth.js';
import { checkFaultLabels } from './faults.js';
import type { EmulatorOptions } from './options.js';
import { resolveOptions } from './options.js';
import { parseRequestTarget } from './request-target.js';
import { Router } from './router.js';
import { controlRouter } from './routes/control.js';
import { embedTokenRoutes } from './routes/embed-tokens.js';
import { locationRoutes } from './routes/locations.js';
import { organizationRoutes } from './routes/organizations.js';
import { partnerLinkRoutes } from './routes/partner-links.js';
import { userRoutes } from './routes/users.js';
import type { SeedLoadResult } from './startup.js';
import { listen, loadInitialSeed, prepareSeedPartners } from './startup.js';

/** A listening emulator. */
export interface RunningEmulator {
  /** Origin, e.g. `http://127.0.0.1:43121`. */
  url: string;
  /** `url` + `/api/v1`. */
  baseUrl: string;
  controlToken: string;
  /** The partners served now (options, seed, control), with their usable keys, by id. */
  partners(): PartnerKeyCount[];
  /** What became of the `seed` option; undefined when none was given. */
  readonly seed: SeedLoadResult;
  /** Closes the server, every socket (hung ones too), every timer and the database. */
  close(): Promise<void>;
}

/**
 * Starts an emulator. Rejects with an EmulatorConfigError for a bad option (or
 * an unusable host), a StateFileError for an unusable stateFile, a SeedError for
 * a bad seed, and the listen error (code EADDRINUSE) for a busy port.
 */
export async function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator> {
  const ctx = createContext(resolveOptions(options));
  const sockets = new Set<Socket>();
  let server: Server;
  let seed: SeedLoadResult;
  try {
    prepareSeedPartners(ctx);
    checkFaultLabels(ctx.options.faultsByKey, ctx.keys.labels(), 'faultsByKey');
    seed = loadInitialSeed(ctx);
    server = createServer(requestListener(ctx));
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await listen(server, ctx.options.host, ctx.options.port);
  } catch (error) {
    ctx.store.close();
    throw error;
  }
  const url = originOf(server.address() as AddressInfo);
  let closing: Promise<void> | undefined;
  return {
    url,
    baseUrl: `${url}${API_PREFIX}`,
    controlToken: ctx.options.controlToken,
    partners: () => ctx.keys.keyCounts(),
    seed,
    close: () => (closing ??= shutdown(ctx, server, sockets)),
  };
}

function requestListener(ctx: EmulatorContext) {
  const api = apiRouter();
  const control = controlRouter();
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = parseRequestTarget(req.url);
    const work =
      url === null
        ? Promise.resolve(
            writeReply(res, errorReply(400, 'The request target is not a valid path.')),
          )
        : url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)
          ? handleControlRequest(ctx, control, req, res, url)
          : handleApiRequest(ctx, api, req, res, url);
    work.catch(() => res.destroy());
  };
}

function apiRouter(): Router<ApiHandler> {
  const router = new Router<ApiHandler>();
  organizationRoutes(router);
  userRoutes(router);
  embedTokenRoutes(router);
  locationRoutes(router);
  partnerLinkRoutes(router);
  return router;
}

function originOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

async function shutdown(
  ctx: EmulatorContext,
  server: Server,
  sockets: Set<Socket>,
): Promise<void> {
  ctx.lifecycle.shutdown();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const socket of sockets) socket.destroy();
  server.closeAllConnections();
  await closed;
  ctx.store.close();
}
