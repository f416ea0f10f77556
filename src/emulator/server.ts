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
import type { EmulatorOptions } from './options.js';
import { resolveOptions } from './options.js';
import { Router } from './router.js';
import { controlRouter } from './routes/control.js';
import { embedTokenRoutes } from './routes/embed-tokens.js';
import { locationRoutes } from './routes/locations.js';
import { organizationRoutes } from './routes/organizations.js';
import { partnerLinkRoutes } from './routes/partner-links.js';
import { userRoutes } from './routes/users.js';
import { applySeed, registerSeedPartners } from './seed-apply.js';

/** A listening emulator. */
export interface RunningEmulator {
  /** Origin, e.g. `http://127.0.0.1:43121`. */
  url: string;
  /** `url` + `/api/v1`. */
  baseUrl: string;
  controlToken: string;
  /** Closes the server, every socket (hung ones too), every timer and the database. */
  close(): Promise<void>;
}

/** Starts an emulator; rejects on bad options, an unusable stateFile or a busy port. */
export async function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator> {
  const ctx = createContext(resolveOptions(options));
  const sockets = new Set<Socket>();
  let server: Server;
  try {
    loadInitialSeed(ctx);
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
    close: () => (closing ??= shutdown(ctx, server, sockets)),
  };
}

/** Seed partners always register; seed data only goes into an empty store. */
function loadInitialSeed(ctx: EmulatorContext): void {
  const seed = ctx.options.seed;
  if (seed === undefined) return;
  if (ctx.store.isEmpty()) applySeed(ctx, seed);
  else registerSeedPartners(ctx, seed);
}

function requestListener(ctx: EmulatorContext) {
  const api = apiRouter();
  const control = controlRouter();
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = requestUrl(req);
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

function requestUrl(req: IncomingMessage): URL | null {
  const target = req.url ?? '';
  if (!target.startsWith('/')) return null;
  try {
    return new URL(`http://emulator${target}`);
  } catch {
    return null;
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
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
