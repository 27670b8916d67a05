/**
 * Typed errors of the hardened HTTP client. Every error:
 * - has a `code` (stable, snake_case) for APIs and stored feed/endpoint state,
 * - names the URL (credentials and overlong tails redacted) and says what to do, in one sentence,
 * - says whether trying again later can help (`retryable`), so the scheduler can back off or give up.
 *
 * Design: `fetchResource` resolves for 2xx and 304 only; every other outcome is thrown as one of these.
 * `postJson` (webhooks) resolves with `{ status, ok, retryAfterMs }` for any HTTP status and throws only
 * for failures below HTTP (guard, DNS, connect, timeout, TLS).
 */
import { ALLOW_PRIVATE_NETWORKS_ENV } from "./constants.ts";

export type FetchErrorCode =
  | "invalid_url"
  | "unsupported_scheme"
  | "url_credentials"
  | "blocked_address"
  | "dns_failure"
  | "too_large"
  | "timeout"
  | "too_many_redirects"
  | "redirect_downgrade"
  | "invalid_redirect"
  | "http_status"
  | "unsupported_encoding"
  | "decode_failed"
  | "tls_error"
  | "network_error"
  | "aborted";

const MAX_URL_IN_MESSAGE = 200;

/** The URL as it may appear in messages and logs: no userinfo, at most 200 characters. */
export function displayUrl(input: string | URL): string {
  let text: string;
  if (input instanceof URL) {
    text = input.href;
  } else {
    text = String(input);
  }
  try {
    const url = new URL(text);
    if (url.username || url.password) {
      url.username = "";
      url.password = "";
      text = url.href.replace("://", "://***@");
    } else {
      text = url.href;
    }
  } catch {
    // Unparseable: strip anything that looks like userinfo before the first slash after the scheme.
    text = text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1***@");
  }
  return text.length > MAX_URL_IN_MESSAGE ? `${text.slice(0, MAX_URL_IN_MESSAGE)}…` : text;
}

export abstract class FetchError extends Error {
  abstract readonly code: FetchErrorCode;
  /** The URL concerned (redacted with displayUrl). For redirects, the hop that failed. */
  readonly url: string;
  /** Whether the same request may succeed later (timeouts, 5xx, DNS hiccups) or never will (blocked, 404). */
  readonly retryable: boolean;

  constructor(url: string | URL, message: string, retryable: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.url = displayUrl(url);
    this.retryable = retryable;
  }

  /** Plain JSON for API responses and stored error state (never includes a stack or a response body). */
  toJSON(): { code: FetchErrorCode; message: string; url: string; retryable: boolean } {
    return { code: this.code, message: this.message, url: this.url, retryable: this.retryable };
  }
}

/** The URL is not a well-formed absolute http(s) URL (or is too long). API: 400. */
export class InvalidUrlError extends FetchError {
  override name = "InvalidUrlError";
  readonly code: FetchErrorCode = "invalid_url";
  constructor(url: string | URL, detail: string) {
    super(url, `${displayUrl(url)} is not a usable URL: ${detail}.`, false);
  }
}

/** file:, ftp:, gopher:, data:, javascript: ... API: 400. Refused even with the guard off. */
export class UnsupportedSchemeError extends InvalidUrlError {
  override name = "UnsupportedSchemeError";
  override readonly code: FetchErrorCode = "unsupported_scheme";
  readonly scheme: string;
  constructor(url: string | URL, scheme: string) {
    super(url, `the scheme "${scheme}" is not allowed; Storywire only fetches http:// and https:// URLs`);
    this.scheme = scheme;
  }
}

/** `http://user:pass@host/`. API: 400. Refused even with the guard off. */
export class CredentialsInUrlError extends InvalidUrlError {
  override name = "CredentialsInUrlError";
  override readonly code: FetchErrorCode = "url_credentials";
  constructor(url: string | URL) {
    super(url, "it contains a user name or password; remove the credentials from the URL");
  }
}

/** The SSRF guard refused a destination address. API: 400. */
export class BlockedAddressError extends FetchError {
  override name = "BlockedAddressError";
  readonly code: FetchErrorCode = "blocked_address";
  /** The refused IP address (canonical form), or the refused host name (e.g. "localhost"). */
  readonly address: string;
  /** What the address is, e.g. "a private network address". */
  readonly description: string;
  /** The host name as written in the URL. */
  readonly hostname: string;
  /** True when the refusal came from DNS (a name that resolves to a non-public address). */
  readonly resolved: boolean;

  constructor(init: { url: string | URL; hostname: string; address: string; description: string; resolved: boolean }) {
    const verb = init.resolved ? "resolves to" : "points to";
    super(
      init.url,
      `${displayUrl(init.url)} ${verb} ${init.description} (${init.address}); Storywire only fetches public addresses. ` +
        `Set ${ALLOW_PRIVATE_NETWORKS_ENV}=1 for local testing.`,
      false,
    );
    this.address = init.address;
    this.description = init.description;
    this.hostname = init.hostname;
    this.resolved = init.resolved;
  }

  /** The same refusal, reported against another URL (the hop being fetched rather than the bare origin). */
  withUrl(url: string | URL): BlockedAddressError {
    return new BlockedAddressError({
      url,
      hostname: this.hostname,
      address: this.address,
      description: this.description,
      resolved: this.resolved,
    });
  }
}

/** The host name does not resolve (or DNS failed). Retryable: DNS hiccups happen. */
export class DnsError extends FetchError {
  override name = "DnsError";
  readonly code: FetchErrorCode = "dns_failure";
  readonly hostname: string;
  constructor(url: string | URL, hostname: string, cause?: unknown) {
    const errno = (cause as { code?: string } | undefined)?.code;
    super(
      url,
      `${displayUrl(url)} cannot be reached: the host name ${hostname} does not resolve${errno ? ` (${errno})` : ""}; check the address and this machine's network connection.`,
      true,
      { cause },
    );
    this.hostname = hostname;
  }
}

export type SizeLimitKind = "content-length" | "raw" | "decoded";

/** The response is larger than the cap (announced Content-Length, wire bytes, or decompressed bytes). */
export class TooLargeError extends FetchError {
  override name = "TooLargeError";
  readonly code: FetchErrorCode = "too_large";
  readonly limitBytes: number;
  readonly kind: SizeLimitKind;
  /** For content-length: the announced length. Otherwise the bytes counted when reading stopped. */
  readonly observedBytes: number;
  constructor(url: string | URL, kind: SizeLimitKind, limitBytes: number, observedBytes: number) {
    const what =
      kind === "content-length"
        ? `announces ${observedBytes} bytes, more`
        : kind === "raw"
          ? "sent more bytes"
          : "decompresses to more bytes";
    super(
      url,
      `${displayUrl(url)} ${what} than the limit of ${limitBytes} bytes; Storywire stopped reading it. ` +
        "If this is a real feed, ask its publisher for a smaller one (fewer or shorter items).",
      false,
    );
    this.kind = kind;
    this.limitBytes = limitBytes;
    this.observedBytes = observedBytes;
  }
}

export type TimeoutPhase = "connect" | "headers" | "total";

export class TimeoutError extends FetchError {
  override name = "TimeoutError";
  readonly code: FetchErrorCode = "timeout";
  readonly phase: TimeoutPhase;
  readonly timeoutMs: number;
  constructor(url: string | URL, phase: TimeoutPhase, timeoutMs: number) {
    const what =
      phase === "connect"
        ? `did not accept a connection within ${timeoutMs} ms`
        : phase === "headers"
          ? `accepted the connection but sent no response headers within ${timeoutMs} ms`
          : `did not deliver a complete response within ${timeoutMs} ms`;
    super(url, `${displayUrl(url)} ${what}; Storywire will try again later.`, true);
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}

export class TooManyRedirectsError extends FetchError {
  override name = "TooManyRedirectsError";
  readonly code: FetchErrorCode = "too_many_redirects";
  readonly maxRedirects: number;
  /** Every URL visited, the first one included. */
  readonly chain: readonly string[];
  constructor(url: string | URL, maxRedirects: number, chain: readonly string[]) {
    super(
      url,
      `${displayUrl(url)} redirected more than ${maxRedirects} times (a redirect loop?); use the final address of the feed instead.`,
      false,
    );
    this.maxRedirects = maxRedirects;
    this.chain = chain.map((u) => displayUrl(u));
  }
}

/** An https:// URL redirected to plain http://. */
export class RedirectDowngradeError extends FetchError {
  override name = "RedirectDowngradeError";
  readonly code: FetchErrorCode = "redirect_downgrade";
  readonly location: string;
  constructor(url: string | URL, location: string | URL) {
    super(
      url,
      `${displayUrl(url)} redirects from https to insecure http (${displayUrl(location)}); Storywire does not follow such redirects. ` +
        "Use the http:// address directly if you trust it.",
      false,
    );
    this.location = displayUrl(location);
  }
}

/** A redirect whose Location cannot be used (unparseable). */
export class InvalidRedirectError extends FetchError {
  override name = "InvalidRedirectError";
  readonly code: FetchErrorCode = "invalid_redirect";
  constructor(url: string | URL, detail: string) {
    super(url, `${displayUrl(url)} sent a redirect Storywire cannot follow: ${detail}.`, false);
  }
}

/** A final HTTP status other than 2xx / 304 (fetchResource only). */
export class HttpStatusError extends FetchError {
  override name = "HttpStatusError";
  readonly code: FetchErrorCode = "http_status";
  readonly status: number;
  /** Parsed Retry-After (clamped to [1 s, 24 h]) or null. */
  readonly retryAfterMs: number | null;
  /** True for 404 and 410: the resource is gone (410 = gone for good; disable the feed, tell the owner). */
  readonly gone: boolean;

  constructor(url: string | URL, status: number, retryAfterMs: number | null) {
    const retryable = status === 408 || status === 425 || status === 429 || status >= 500;
    super(url, `${displayUrl(url)} answered HTTP ${status}${HttpStatusError.advice(status)}`, retryable);
    this.status = status;
    this.retryAfterMs = retryAfterMs;
    this.gone = status === 404 || status === 410;
  }

  private static advice(status: number): string {
    if (status === 410) return " (gone): the publisher removed it for good; remove it from Storywire.";
    if (status === 404) return " (not found); check the address.";
    if (status === 401 || status === 403) return " (access denied); Storywire only reads public feeds.";
    if (status === 429) return " (too many requests); Storywire will slow down and try again later.";
    if (status >= 500) return " (server error); Storywire will try again later.";
    if (status >= 300 && status < 400) return " (a redirect without a usable Location header).";
    return ".";
  }
}

/** Content-Encoding Storywire cannot or will not decode (unknown coding, or codings stacked). */
export class UnsupportedEncodingError extends FetchError {
  override name = "UnsupportedEncodingError";
  readonly code: FetchErrorCode = "unsupported_encoding";
  readonly encoding: string;
  constructor(url: string | URL, encoding: string, detail: string) {
    super(url, `${displayUrl(url)} sent a body with Content-Encoding "${encoding}", which ${detail}.`, false);
    this.encoding = encoding;
  }
}

/** The compressed body is corrupt. */
export class DecodeError extends FetchError {
  override name = "DecodeError";
  readonly code: FetchErrorCode = "decode_failed";
  constructor(url: string | URL, encoding: string, cause?: unknown) {
    super(url, `${displayUrl(url)} sent a corrupt ${encoding}-compressed body; Storywire will try again later.`, true, {
      cause,
    });
  }
}

export class TlsError extends FetchError {
  override name = "TlsError";
  readonly code: FetchErrorCode = "tls_error";
  constructor(url: string | URL, cause?: unknown) {
    const errno = (cause as { code?: string } | undefined)?.code;
    super(
      url,
      `${displayUrl(url)} failed the TLS (https) check${errno ? ` (${errno})` : ""}; its certificate is invalid or untrusted.`,
      true,
      { cause },
    );
  }
}

/** Connection refused / reset, malformed HTTP, and other failures below HTTP. */
export class NetworkError extends FetchError {
  override name = "NetworkError";
  readonly code: FetchErrorCode = "network_error";
  /** The underlying error code (ECONNREFUSED, UND_ERR_SOCKET, ...), if any. */
  readonly errno: string | null;
  constructor(url: string | URL, cause?: unknown) {
    const errno = (cause as { code?: string } | undefined)?.code ?? null;
    const detail = (cause as { message?: string } | undefined)?.message;
    super(
      url,
      `${displayUrl(url)} could not be fetched: ${errno ?? detail ?? "network error"}; Storywire will try again later.`,
      true,
      { cause },
    );
    this.errno = errno;
  }
}

/** The caller's own AbortSignal fired. */
export class AbortedError extends FetchError {
  override name = "AbortedError";
  readonly code: FetchErrorCode = "aborted";
  constructor(url: string | URL, cause?: unknown) {
    super(url, `The request to ${displayUrl(url)} was cancelled.`, true, { cause });
  }
}

/** The clause a retryable error ends with, promising the service's own retry ("; Storywire will try again later."). */
const RETRY_LATER = /;\s*Storywire will (?:slow down and )?try again later\.?$/;

/**
 * The message without its promise of a retry: for a caller that says when (the scheduler, with the real delay) or
 * that does not retry at all (a one-off CLI command).
 */
export function withoutRetryPromise(message: string): string {
  return message.replace(RETRY_LATER, "");
}
