/**
 * A tiny loopback HTTP server for the client tests: records every request, counts
 * connections, and answers with whatever handler the current test installs.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Path prefix the tests use as the API base path. */
export const BASE_PATH = '/api/v1';

/** How long `close()` waits for clients to hang up before calling it a leak. */
const HANG_UP_GRACE_MS = 1000;
const POLL_INTERVAL_MS = 10;

export interface RecordedRequest {
  method: string;
  /** Path and query as received, e.g. `/api/v1/users?organization_id=4`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface TestServer {
  /** `http://127.0.0.1:<port>/api/v1`. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Number of TCP connections accepted so far. */
  connectionCount(): number;
  /** Number of accepted connections not yet closed. */
  openSocketCount(): number;
  /** Replaces the handler for the following requests. */
  handle(handler: Handler): void;
  /**
   * Waits for clients to close their connections, then stops the server. Rejects if
   * a connection stayed open: the client under test leaked a socket.
   */
  close(): Promise<void>;
}

/** Answers `status` with `body` serialised as JSON (or sent as is when a string). */
export function reply(
  response: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  const text =
    body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain' : 'application/json';
  response.writeHead(
    status,
    text === undefined ? headers : { 'content-type': type, ...headers },
  );
  response.end(text);
}

/** Starts a server on 127.0.0.1 and an ephemeral port. */
export async function startTestServer(initial: Handler = notFound): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  let handler = initial;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const { method = '', url = '', headers } = request;
      requests.push({ method, url, headers, body });
      handler(request, response);
    });
  });
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${BASE_PATH}`,
    requests,
    connectionCount: () => connections,
    openSocketCount: () => sockets.size,
    handle: (next) => {
      handler = next;
    },
    close: async () => {
      const leaked = !(await waitFor(() => sockets.size === 0, HANG_UP_GRACE_MS));
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
      if (leaked) throw new Error('a client left a connection open after close()');
    },
  };
}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** Polls `condition` until it holds or `timeoutMs` passes; resolves whether it held. */
export async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  return true;
}

function notFound(_request: IncomingMessage, response: ServerResponse): void {
  reply(response, 404, { message: 'Not Found' });
}
