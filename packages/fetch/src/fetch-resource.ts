/**
 * fetchResource: the hardened GET used for feeds and article pages.
 *
 * Outcome design: the promise RESOLVES for 2xx (`notModified: false`, with the decoded body) and for 304
 * (`notModified: true`, no body); EVERY other outcome REJECTS with a typed FetchError (HttpStatusError for
 * other statuses, carrying status and Retry-After). Callers branch on `error.code` / `error.retryable`.
 */
import type { Readable } from "node:stream";
import { createDeadline, toFetchError } from "./agent.ts";
import { type ContentCoding, parseContentEncoding, readBody } from "./body.ts";
import {
  ACCEPT_ENCODING,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_RAW_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
} from "./constants.ts";
import {
  HttpStatusError,
  InvalidRedirectError,
  RedirectDowngradeError,
  TooLargeError,
  TooManyRedirectsError,
} from "./errors.ts";
import { parseCacheControlMaxAge, parseContentType, parseRetryAfter } from "./http-caching.ts";
import { checkUrlSyntax, resolveGuard } from "./ssrf.ts";
import { exchange, type GuardedConnectorOptions } from "./transport.ts";

export interface FetchOptions extends GuardedConnectorOptions {
  /** Stored validator from the previous fetch: sent as If-None-Match. */
  etag?: string | null;
  /** Stored validator from the previous fetch: sent as If-Modified-Since. */
  lastModified?: string | null;
  /** Accept header (default `*\/*`; see ACCEPT_FEED / ACCEPT_HTML). */
  accept?: string;
  /** User-Agent (default `Storywire/<version> (+<homepage>)`). */
  userAgent?: string;
  /** Extra request headers. Host, Accept-Encoding and hop-by-hop headers are ignored. */
  headers?: Record<string, string>;
  /** Cap on decoded body bytes (default 10 MiB). */
  maxBytes?: number;
  /** Cap on wire bytes and on an announced Content-Length (default 10 MiB). */
  maxRawBytes?: number;
  /** Total deadline for the whole call, redirects included (default 20 s). */
  timeoutMs?: number;
  /** Connect timeout per connection, DNS included (default 5 s). */
  connectTimeoutMs?: number;
  /** Time allowed between sending a request and receiving its response headers (default 10 s). */
  headersTimeoutMs?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** The caller's cancellation signal. */
  signal?: AbortSignal;
}

interface ResultBase {
  status: number;
  /** The final URL, after redirects. */
  url: string;
  /** Response headers, names lowercased, repeated headers joined with ", ". */
  headers: Record<string, string>;
  etag: string | null;
  lastModified: string | null;
  /** Retry-After as a delay (clamped to [1 s, 24 h]) or null. */
  retryAfterMs: number | null;
  /** Cache-Control max-age in ms (0 for no-cache / no-store) or null. */
  maxAgeMs: number | null;
  /**
   * Where the resource permanently moved: the target of the last 301/308 in the unbroken run of permanent
   * redirects at the start of the chain (A -301-> B -302-> C gives B), or null. Every hop passed the guard,
   * so this is never a private address; the caller may store it as the feed's new URL.
   */
  permanentRedirect: string | null;
  /** Every URL requested, the first one included. */
  redirectChain: string[];
}

export interface FetchSuccess extends ResultBase {
  notModified: false;
  body: Buffer;
  /** Media type without parameters, lowercased, or null. */
  contentType: string | null;
  /** Charset parameter of Content-Type, lowercased, or null. */
  charset: string | null;
}

export interface FetchNotModified extends ResultBase {
  status: 304;
  notModified: true;
}

export type FetchResult = FetchSuccess | FetchNotModified;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_STATUSES = new Set([301, 308]);
const IGNORED_REQUEST_HEADERS = new Set([
  "host",
  "accept-encoding",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "upgrade",
  "content-length",
  "proxy-authorization",
  "proxy-connection",
]);
/** Dropped when a redirect leaves the original origin. */
const CREDENTIAL_HEADERS = new Set(["authorization", "cookie"]);

/** Drop a response body we will not read (a destroyed body may still report an 'error': swallow it). */
function discard(body: Readable): void {
  body.on("error", () => undefined);
  body.destroy();
}

export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function buildRequestHeaders(options: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const lower = name.toLowerCase();
    if (!IGNORED_REQUEST_HEADERS.has(lower)) headers[lower] = value;
  }
  headers["user-agent"] = options.userAgent ?? headers["user-agent"] ?? DEFAULT_USER_AGENT;
  headers.accept = options.accept ?? headers.accept ?? "*/*";
  headers["accept-encoding"] = ACCEPT_ENCODING;
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) headers["if-modified-since"] = options.lastModified;
  return headers;
}

/**
 * GET `url` with conditional headers, decoding, caps, one total deadline, manual redirects (each hop
 * re-checked by the SSRF guard) and typed errors. See the module comment for the outcome design.
 */
export async function fetchResource(url: string | URL, options: FetchOptions = {}): Promise<FetchResult> {
  const guard = resolveGuard(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const limits = {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    maxRawBytes: options.maxRawBytes ?? DEFAULT_MAX_RAW_BYTES,
  };

  let current = checkUrlSyntax(url, guard); // throws before any network activity
  const headers = buildRequestHeaders(options);
  const deadline = createDeadline(timeoutMs, options.signal);
  const chain = [current.href];
  let permanentRedirect: string | null = null;
  let permanentRun = true;

  try {
    for (;;) {
      const response = await exchange(current, {
        ...options,
        method: "GET",
        headers,
        signal: deadline.signal,
        connectTimeoutMs,
        headersTimeoutMs,
      });
      const status = response.statusCode;
      const responseHeaders = flattenHeaders(response.headers);
      const location = responseHeaders.location;

      if (REDIRECT_STATUSES.has(status) && location) {
        discard(response.body);
        if (chain.length > maxRedirects) {
          throw new TooManyRedirectsError(chain[0] ?? current, maxRedirects, chain);
        }
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new InvalidRedirectError(current, `the Location header "${location.slice(0, 200)}" is not a valid URL`);
        }
        if (current.protocol === "https:" && next.protocol === "http:") {
          throw new RedirectDowngradeError(current, next);
        }
        next = checkUrlSyntax(next, guard); // scheme, userinfo, private IP literal: refused before connecting
        if (next.origin !== current.origin) {
          for (const name of CREDENTIAL_HEADERS) delete headers[name];
        }
        if (permanentRun && PERMANENT_STATUSES.has(status)) permanentRedirect = next.href;
        else permanentRun = false;
        current = next;
        chain.push(current.href);
        continue;
      }

      const base = {
        url: current.href,
        headers: responseHeaders,
        etag: responseHeaders.etag ?? null,
        lastModified: responseHeaders["last-modified"] ?? null,
        retryAfterMs: parseRetryAfter(responseHeaders["retry-after"]),
        maxAgeMs: parseCacheControlMaxAge(responseHeaders["cache-control"]),
        permanentRedirect,
        redirectChain: chain,
      };

      if (status === 304) {
        discard(response.body);
        return { ...base, status: 304, notModified: true };
      }
      if (status < 200 || status > 299) {
        discard(response.body);
        throw new HttpStatusError(current, status, base.retryAfterMs);
      }

      const declared = responseHeaders["content-length"];
      if (declared !== undefined && /^\d+$/.test(declared.trim()) && Number(declared) > limits.maxRawBytes) {
        discard(response.body);
        throw new TooLargeError(current, "content-length", limits.maxRawBytes, Number(declared));
      }
      let coding: ContentCoding | null;
      try {
        coding = parseContentEncoding(current, responseHeaders["content-encoding"]);
      } catch (error) {
        discard(response.body);
        throw error;
      }
      const { body } = await readBody(current, response.body, coding, limits);
      const contentType = parseContentType(responseHeaders["content-type"]);
      return {
        ...base,
        status,
        notModified: false,
        body,
        contentType: contentType.mediaType,
        charset: contentType.charset,
      };
    }
  } catch (error) {
    throw toFetchError(error, current, deadline, { connectTimeoutMs, headersTimeoutMs });
  } finally {
    deadline.clear();
  }
}
