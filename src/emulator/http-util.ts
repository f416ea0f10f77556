/**
 * HTTP plumbing shared by the API and the control endpoints: replies as values,
 * errors that carry their status, bounded JSON body reading, writing JSON.
 * Exports: `Reply`, `HttpError`, `errorReply`, `readBody`, `parseJsonObject`,
 * `writeReply`, `BODY_METHODS`, `ClientGoneError`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UNKNOWNS } from './unknowns.js';

/** An answer as a value; `body` undefined means an empty body (204). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** An error that is answered as `{message}` with its status (U1). */
export class HttpError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.headers = headers;
  }
}

/** The client closed the connection before its request body was complete. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection before the request body was complete');
    this.name = 'ClientGoneError';
  }
}

/** Methods whose body is read and parsed; others are ignored like Laravel does. */
export const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH', 'PUT']);

/**
 * Past the limit the rest of an oversized body is still read (and discarded) so
 * the client sees the 413 instead of a reset; beyond this it is cut off.
 */
const DISCARD_LIMIT_BYTES = 64 * 1_048_576;
const NO_CONTENT = 204;

/** A `{message}` reply. */
export function errorReply(
  status: number,
  message: string,
  headers?: Record<string, string>,
): Reply {
  return { status, body: { message }, ...(headers === undefined ? {} : { headers }) };
}

/**
 * Reads the whole body, up to `limitBytes`. Rejects with a 413 HttpError for a
 * larger body (after draining it), or with a ClientGoneError when the client
 * goes away first.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // The client may have gone while a fault delay kept us from listening; a
    // destroyed stream emits nothing more, so waiting for it would never end.
    if (req.destroyed) {
      reject(new ClientGoneError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DISCARD_LIMIT_BYTES) req.destroy();
      else if (size <= limitBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limitBytes) reject(tooLarge(limitBytes));
      else resolve(Buffer.concat(chunks, size));
    });
    req.on('error', () => reject(new ClientGoneError()));
    req.on('close', () => {
      if (!req.complete) reject(new ClientGoneError());
    });
  });
}

function tooLarge(limitBytes: number): HttpError {
  return new HttpError(
    413,
    `The request body is too large: the limit is ${limitBytes} bytes.`,
    { Connection: 'close' },
  );
}

/**
 * Parses a body that must be a JSON object; an empty body is `{}`. Anything else
 * is a 400 `The request body is not valid JSON: <reason>`.
 */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalidJson(error instanceof Error ? error.message : 'unparseable');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind =
      value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw invalidJson(`expected a JSON object, got ${kind}`);
  }
  return value as Record<string, unknown>;
}

function invalidJson(reason: string): HttpError {
  return new HttpError(400, `The request body is not valid JSON: ${reason}`);
}

/** Writes a reply as JSON; `Content-Type: application/json` always (U19). */
export function writeReply(
  res: ServerResponse,
  reply: Reply,
  extraHeaders: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
  // A 204 must not carry Content-Length (RFC 9110 §8.6); Content-Type stays (U19).
  const length: Record<string, number> =
    reply.status === NO_CONTENT ? {} : { 'Content-Length': Buffer.byteLength(payload) };
  res.writeHead(reply.status, {
    'Content-Type': UNKNOWNS.U19.contentType,
    ...length,
    ...extraHeaders,
    ...reply.headers,
  });
  // HEAD answers like GET, headers (Content-Length included) without the body.
  res.end(res.req.method === 'HEAD' ? undefined : payload);
}
