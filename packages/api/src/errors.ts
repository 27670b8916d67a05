/**
 * Every error the API answers is an RFC 9457 problem document (`application/problem+json`): `type`, `title`,
 * `status`, `detail` (a sentence that names the input and says what to do), plus two extension members: `code`, a
 * stable machine-readable name, and `field`, the path of the request field that is wrong when there is one.
 * The `type` is a relative URI, `/problems/<code>`, that the API itself answers with the problem type's title.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  field?: string;
}

/** The problem types the API answers with: code -> title (one line, the same for every occurrence). */
export const PROBLEM_TITLES: Record<string, string> = {
  bad_request: "The request is malformed",
  invalid_request: "A request field is not valid",
  invalid_cursor: "The pagination cursor is not valid",
  invalid_url: "The URL is not allowed",
  invalid_storyline: "The storyline is not valid",
  invalid_query: "The search query is not valid",
  invalid_opml: "The OPML document is not valid",
  unknown_storyline: "The storyline does not exist",
  unauthorized: "An API key is needed",
  forbidden: "The API key may not do this",
  not_found: "Not found",
  method_not_allowed: "The method is not allowed here",
  conflict: "The request conflicts with the current state",
  precondition_failed: "The resource changed since it was read",
  not_failed: "Only failed deliveries can be replayed",
  body_too_large: "The request body is too large",
  headers_too_large: "The request headers are too large",
  uri_too_long: "The request URL is too long",
  rate_limited: "Too many requests",
  store_unavailable: "The store is unavailable",
  internal: "Internal error",
  http_error: "The request could not be handled",
};

export function problemType(code: string): string {
  return `/problems/${code}`;
}

export function problem(status: number, code: string, detail: string, field?: string): Problem {
  return {
    type: problemType(code),
    title: PROBLEM_TITLES[code] ?? PROBLEM_TITLES.http_error ?? "Error",
    status,
    detail,
    code,
    ...(field ? { field } : {}),
  };
}

/** An error a route throws to answer with a problem document; `field` names the request field that is wrong. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Extra response headers (Retry-After, Allow, ...). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The realm of the API's bearer challenge (RFC 6750). */
export const AUTH_REALM = "Storywire";

/**
 * The challenge of a 401 answer: RFC 9110 section 15.5.2 requires a WWW-Authenticate header on every 401, and the
 * API's scheme is Bearer (RFC 6750). `error` says why a key that was sent is refused.
 */
export function bearerChallenge(error?: "invalid_token" | "insufficient_scope"): string {
  return `Bearer realm="${AUTH_REALM}"${error ? `, error="${error}"` : ""}`;
}

export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  detail: string,
  field?: string,
  headers: Record<string, string> = {},
) {
  const challenge: Record<string, string> =
    status === 401 && !Object.keys(headers).some((name) => name.toLowerCase() === "www-authenticate")
      ? { "www-authenticate": bearerChallenge() }
      : {};
  return c.body(JSON.stringify(problem(status, code, detail, field)), status, {
    ...challenge,
    ...headers,
    "content-type": PROBLEM_CONTENT_TYPE,
  });
}
