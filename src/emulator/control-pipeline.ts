/**
 * Serves `/_emulator/*`: `health` is open; everything else needs the header
 * `X-Emulator-Token`. Never rate limited, never faulted, not in the request log.
 * Exports: `CONTROL_PREFIX`, `handleControlRequest`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './context.js';
import {
  BODY_METHODS,
  ClientGoneError,
  HttpError,
  errorReply,
  readBody,
  writeReply,
} from './http-util.js';
import type { Reply } from './http-util.js';
import { EMULATOR_DEFAULTS } from './options.js';
import type { ControlHandler } from './routes/control-data.js';
import type { RequestTarget } from './request-target.js';
import type { Router } from './router.js';
import { splitPath } from './router.js';

/** Control endpoints live under this path. */
export const CONTROL_PREFIX = '/_emulator';

const TOKEN_HEADER = 'x-emulator-token';

/** Serves one control request. */
export async function handleControlRequest(
  ctx: EmulatorContext,
  router: Router<ControlHandler>,
  req: IncomingMessage,
  res: ServerResponse,
  url: RequestTarget,
): Promise<void> {
  const reply = await controlReply(ctx, router, req, url);
  if (reply !== null && !ctx.lifecycle.closed) writeReply(res, reply);
}

async function controlReply(
  ctx: EmulatorContext,
  router: Router<ControlHandler>,
  req: IncomingMessage,
  url: RequestTarget,
): Promise<Reply | null> {
  const method = req.method ?? '';
  const segments = splitPath(url.pathname.slice(CONTROL_PREFIX.length)) ?? [];
  const isRead = method === 'GET' || method === 'HEAD';
  if (isRead && segments.length === 1 && segments[0] === 'health') {
    return { status: 200, body: { ok: true } };
  }
  if (!tokenMatches(req.headers[TOKEN_HEADER], ctx.options.controlToken)) {
    return errorReply(401, missingTokenMessage(req));
  }
  const match = router.match(method, segments);
  if (match.kind === 'not-found') return errorReply(404, 'No such control endpoint.');
  if (match.kind === 'method-not-allowed') {
    const allow = match.allow.join(', ');
    return errorReply(405, `Use ${allow} here.`, { Allow: allow });
  }
  try {
    const body = BODY_METHODS.has(method)
      ? parseAny(await readBody(req, EMULATOR_DEFAULTS.maxBodyBytes))
      : undefined;
    if (ctx.lifecycle.closed) return null;
    return match.handler({ ctx, params: match.params, query: url.searchParams, body });
  } catch (error) {
    return failure(error);
  }
}

function failure(error: unknown): Reply | null {
  if (error instanceof HttpError) {
    return errorReply(error.status, error.message, error.headers);
  }
  if (error instanceof ClientGoneError) return null;
  const reason = error instanceof Error ? error.message : String(error);
  return errorReply(500, `Emulator bug while handling a control request: ${reason}`);
}

function parseAny(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(
      400,
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function tokenMatches(header: string | string[] | undefined, token: string): boolean {
  const given = Buffer.from(Array.isArray(header) ? (header[0] ?? '') : (header ?? ''));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function missingTokenMessage(req: IncomingMessage): string {
  const apiKeyNote =
    req.headers['x-api-key'] === undefined
      ? ''
      : ' A partner X-API-KEY is not accepted here.';
  return `Control endpoints need the header X-Emulator-Token with the emulator's control token.${apiKeyNote}`;
}
