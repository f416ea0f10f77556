/**
 * One API request from arrival to log entry: route, key, rate limit, faults,
 * body, handler (in one transaction), answer. Exports: `API_PREFIX`,
 * `handleApiRequest`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { KeyIdentity } from './auth.js';
import type { ApiHandler, ApiRequest, EmulatorContext } from './context.js';
import type { FaultDecision } from './faults.js';
import {
  BODY_METHODS,
  ClientGoneError,
  HttpError,
  errorReply,
  parseJsonObject,
  readBody,
  writeReply,
} from './http-util.js';
import type { Reply } from './http-util.js';
import { EMULATOR_DEFAULTS } from './options.js';
import { retryAfterSeconds } from './rate-limit.js';
import type { RequestLogEntry, RequestOutcome } from './request-log.js';
import type { RequestTarget } from './request-target.js';
import type { Router } from './router.js';
import { splitPath } from './router.js';
import { UNKNOWNS } from './unknowns.js';
import { ValidationError, validationReply } from './validation.js';

/** Every reference path is relative to this (§1). */
export const API_PREFIX = '/api/v1';

/** What the pipeline hands back to be logged. */
interface Outcome {
  status: RequestOutcome;
  fault: FaultDecision['kind'] | null;
  error?: string;
}

interface Exchange {
  ctx: EmulatorContext;
  req: IncomingMessage;
  res: ServerResponse;
  url: RequestTarget;
  identity: KeyIdentity | null;
  headers: Record<string, string>;
}

/** Serves one request under `/api/v1` (or any unknown path) and logs it. */
export async function handleApiRequest(
  ctx: EmulatorContext,
  router: Router<ApiHandler>,
  req: IncomingMessage,
  res: ServerResponse,
  url: RequestTarget,
): Promise<void> {
  const startedMs = performance.now();
  const seq = ctx.log.nextSeq();
  const time = new Date(ctx.now()).toISOString();
  const identity = ctx.keys.identify(headerValue(req, 'x-api-key'));
  const headers: Record<string, string> = ctx.options.strict
    ? {}
    : { 'X-Request-Id': String(seq) };
  const exchange: Exchange = { ctx, req, res, url, identity, headers };
  const outcome = await serve(exchange, router);
  if (outcome === null) return; // the emulator closed mid-request
  // A client may put a key in the path or query (`?api_key=...`): never log it.
  const redact = (text: string): string => ctx.keys.redact(text);
  const entry: RequestLogEntry = {
    seq,
    time,
    method: req.method ?? '',
    path: redact(url.pathname),
    query: redact(url.search.slice(1)),
    keyLabel: identity?.label ?? null,
    partnerId: identity?.partnerId ?? null,
    status: outcome.status,
    fault: outcome.fault,
    durationMs: Math.round((performance.now() - startedMs) * 1000) / 1000,
    ...errorField(outcome.error === undefined ? undefined : redact(outcome.error)),
  };
  ctx.log.add(entry);
}

async function serve(ex: Exchange, router: Router<ApiHandler>): Promise<Outcome | null> {
  const path = ex.url.pathname;
  const segments = path.startsWith(`${API_PREFIX}/`)
    ? splitPath(path.slice(API_PREFIX.length))
    : null;
  const match = segments === null ? null : router.match(ex.req.method ?? '', segments);
  if (match === null || match.kind === 'not-found') {
    return answer(ex, errorReply(404, UNKNOWNS.U1.notFound), null);
  }
  if (match.kind === 'method-not-allowed') {
    const allow = { Allow: match.allow.join(', ') };
    return answer(ex, errorReply(405, UNKNOWNS.U1.methodNotAllowed, allow), null);
  }
  if (ex.identity === null) {
    return answer(ex, errorReply(401, UNKNOWNS.U1.unauthenticated), null);
  }
  const limited = rateLimit(ex, ex.identity.label);
  if (limited !== null) return answer(ex, limited, null);
  return serveWithFaults(ex, ex.identity, match.handler, match.params);
}

/** Rate limiting passed: faults are decided and waited for, then the work is done. */
async function serveWithFaults(
  ex: Exchange,
  identity: KeyIdentity,
  handler: ApiHandler,
  params: Record<string, string>,
): Promise<Outcome | null> {
  const fault = ex.ctx.faults.decide(identity.label, ex.req.method ?? '');
  await ex.ctx.lifecycle.sleep(fault.delayMs);
  if (ex.ctx.lifecycle.closed) return null;
  if (fault.kind === 'reset') {
    ex.req.socket.destroy();
    return { status: 'reset', fault: fault.kind };
  }
  if (fault.kind === 'error') {
    return answer(ex, errorReply(fault.status, UNKNOWNS.U1.serverError), fault.kind);
  }
  const result = await run(ex, handler, params, identity.partnerId);
  if (result === null) return null;
  const faultKind = fault.kind === 'none' ? null : fault.kind;
  if (result === 'aborted') return { status: 'aborted', fault: faultKind };
  if (fault.kind === 'drop-after-commit') {
    if (isSuccess(result.reply.status)) return drop(ex, fault, result.error);
    // Nothing was committed, so there is no answer to lose: answer normally and
    // count (and log) the decided drop as not applied.
    ex.ctx.faults.withdrawDrop();
    return answer(ex, result.reply, 'none', result.error);
  }
  return answer(ex, result.reply, faultKind, result.error);
}

/** The write committed; only its answer is lost (socket destroyed, or held then destroyed). */
function drop(
  ex: Exchange,
  fault: Extract<FaultDecision, { kind: 'drop-after-commit' }>,
  error: string | undefined,
): Outcome {
  if (fault.mode === 'hang') {
    ex.ctx.lifecycle.holdThenDestroy(ex.req.socket, fault.hangMs);
  } else {
    ex.req.socket.destroy();
  }
  return { status: 'dropped', fault: fault.kind, ...errorField(error) };
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Reads the body and runs the handler in one transaction; null when the emulator closed. */
async function run(
  ex: Exchange,
  handler: ApiHandler,
  params: Record<string, string>,
  partnerId: string,
): Promise<{ reply: Reply; error?: string } | 'aborted' | null> {
  const method = ex.req.method ?? '';
  let body: Record<string, unknown> = {};
  try {
    if (BODY_METHODS.has(method)) {
      body = parseJsonObject(await readBody(ex.req, EMULATOR_DEFAULTS.maxBodyBytes));
    }
  } catch (error) {
    if (ex.ctx.lifecycle.closed) return null;
    if (error instanceof ClientGoneError) return 'aborted';
    if (error instanceof HttpError) return { reply: httpErrorReply(error) };
    throw error;
  }
  if (ex.ctx.lifecycle.closed) return null;
  return invoke(ex, handler, { params, partnerId, body });
}

function invoke(
  ex: Exchange,
  handler: ApiHandler,
  input: {
    params: Record<string, string>;
    partnerId: string;
    body: Record<string, unknown>;
  },
): { reply: Reply; error?: string } {
  const afterCommit: (() => void)[] = [];
  const request: ApiRequest = {
    ctx: ex.ctx,
    query: ex.url.searchParams,
    ...input,
    afterCommit: (action) => afterCommit.push(action),
  };
  try {
    const reply = ex.ctx.store.transaction(() => handler(request));
    afterCommit.forEach((action) => action());
    return { reply };
  } catch (error) {
    if (error instanceof ValidationError) return { reply: validationReply(error.errors) };
    if (error instanceof HttpError) return { reply: httpErrorReply(error) };
    const message =
      error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { reply: errorReply(500, UNKNOWNS.U1.serverError), error: message };
  }
}

/** 429 when the key's bucket is empty (U4); in default mode also X-RateLimit-* headers. */
function rateLimit(ex: Exchange, label: string): Reply | null {
  const decision = ex.ctx.limiter.take(label);
  const settings = ex.ctx.limiter.settings;
  if (settings !== null && !ex.ctx.options.strict) {
    ex.headers['X-RateLimit-Limit'] = String(settings.burst);
    ex.headers['X-RateLimit-Remaining'] = String(
      decision.allowed ? decision.remaining : 0,
    );
  }
  if (decision.allowed) return null;
  const retryAfter = { 'Retry-After': String(retryAfterSeconds(decision.retryAfterMs)) };
  return errorReply(UNKNOWNS.U4.status, UNKNOWNS.U4.message, retryAfter);
}

function answer(
  ex: Exchange,
  reply: Reply,
  fault: FaultDecision['kind'] | null,
  error?: string,
): Outcome {
  writeReply(ex.res, reply, ex.headers);
  return { status: reply.status, fault, ...errorField(error) };
}

function httpErrorReply(error: HttpError): Reply {
  return errorReply(error.status, error.message, error.headers);
}

function errorField(error: string | undefined): { error?: string } {
  return error === undefined ? {} : { error };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
