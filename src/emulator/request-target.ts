/**
 * The request target as sent, split into its raw path and its query. The path
 * is not normalised: WHATWG URL parsing would turn `/users/%2E` and `/users/.`
 * into `/users/` (the list), so routing works on the raw segments instead (U17).
 * Exports: `RequestTarget`, `parseRequestTarget`.
 */

/** A request's path (raw, still percent-encoded) and query. */
export interface RequestTarget {
  /** The path exactly as sent, e.g. `/api/v1/users/%2E`. */
  pathname: string;
  /** The raw query with its `?`, or '' when none (like `URL.search`). */
  search: string;
  searchParams: URLSearchParams;
}

/** Splits an origin-form target (`/path?query`); null for any other form. */
export function parseRequestTarget(target: string | undefined): RequestTarget | null {
  if (target === undefined || !target.startsWith('/')) return null;
  const queryStart = target.indexOf('?');
  const pathname = queryStart === -1 ? target : target.slice(0, queryStart);
  const query = queryStart === -1 ? '' : target.slice(queryStart + 1);
  return {
    pathname,
    search: query === '' ? '' : `?${query}`,
    searchParams: new URLSearchParams(query),
  };
}
