/**
 * Method + path matching for a table of routes with `:param` segments.
 * Exports: `Router`, `RouteMatch`, `splitPath`.
 */

/** The outcome of matching: a handler, a known path with another method, or nothing. */
export type RouteMatch<H> =
  | { kind: 'found'; handler: H; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

interface Route<H> {
  method: string;
  segments: string[];
  handler: H;
}

/**
 * A small route table; routes are tried in the order they were added. HEAD
 * matches a GET route (the reply is then sent without its body).
 */
export class Router<H> {
  readonly #routes: Route<H>[] = [];

  /** Adds a route; `path` like `/users/:externalId/embed-token`. */
  add(method: string, path: string, handler: H): this {
    this.#routes.push({ method, segments: path.split('/').filter(Boolean), handler });
    return this;
  }

  /** Matches decoded path segments (see `splitPath`) for a method. */
  match(method: string, segments: readonly string[]): RouteMatch<H> {
    const allow: string[] = [];
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (params === null) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
        return { kind: 'found', handler: route.handler, params };
      }
      if (!allow.includes(route.method)) allow.push(route.method);
    }
    return allow.length === 0
      ? { kind: 'not-found' }
      : { kind: 'method-not-allowed', allow };
  }
}

function matchSegments(
  pattern: readonly string[],
  actual: readonly string[],
): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i] as string;
    const value = actual[i] as string;
    if (expected.startsWith(':')) params[expected.slice(1)] = value;
    else if (expected !== value) return null;
  }
  return params;
}

/**
 * Splits a raw path into URL-decoded segments, so an encoded `/` (`%2F`) stays
 * inside its segment (U17). One trailing slash is ignored. Returns null for a
 * malformed escape or an empty segment, which no route matches.
 */
export function splitPath(rawPath: string): string[] | null {
  const trimmed =
    rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
  const parts = trimmed.split('/').slice(1);
  const segments: string[] = [];
  for (const part of parts) {
    if (part === '') return null;
    try {
      segments.push(decodeURIComponent(part));
    } catch {
      return null;
    }
  }
  return segments;
}
