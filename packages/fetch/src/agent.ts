/**
 * Per-call plumbing shared by fetchResource and postJson: the total deadline, and the mapping of low-level
 * failures to the typed errors. The exchange itself is transport.ts.
 */
import {
  AbortedError,
  BlockedAddressError,
  DecodeError,
  DnsError,
  displayUrl,
  FetchError,
  NetworkError,
  TimeoutError,
  TlsError,
} from "./errors.ts";

export interface Deadline {
  signal: AbortSignal;
  timeoutMs: number;
  /** True once the total deadline fired. */
  readonly expired: boolean;
  /** True once the caller's own signal fired. */
  readonly cancelled: boolean;
  clear(): void;
}

/** One total deadline for the whole call, combined with the caller's signal (if any). */
export function createDeadline(timeoutMs: number, external?: AbortSignal): Deadline {
  const controller = new AbortController();
  let expired = false;
  let cancelled = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new Error(`total deadline of ${timeoutMs} ms passed`));
  }, timeoutMs);
  const onExternalAbort = () => {
    cancelled = true;
    controller.abort(external?.reason);
  };
  if (external?.aborted) onExternalAbort();
  else external?.addEventListener("abort", onExternalAbort, { once: true });
  return {
    signal: controller.signal,
    timeoutMs,
    get expired() {
      return expired;
    },
    get cancelled() {
      return cancelled;
    },
    clear() {
      clearTimeout(timer);
      external?.removeEventListener("abort", onExternalAbort);
    },
  };
}

const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_|ERR_OSSL_|HOSTNAME_MISMATCH$)/;
const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME", "ENODATA"]);

function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current && chain.length < 5 && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/**
 * Map anything thrown while fetching `url` to a FetchError. Our own errors pass through (a connect-time
 * BlockedAddressError is re-pointed at the hop URL); deadline and caller aborts win over whatever error the
 * abort surfaced as.
 */
export function toFetchError(
  error: unknown,
  url: URL,
  deadline: Deadline,
  timeouts: { connectTimeoutMs: number; headersTimeoutMs: number },
): FetchError {
  if (deadline.expired) return new TimeoutError(url, "total", deadline.timeoutMs);
  if (deadline.cancelled) return new AbortedError(url, error);
  for (const link of errorChain(error)) {
    if (link instanceof BlockedAddressError) {
      // The transport only knows the origin; report the full URL of the hop. Syntax refusals of a redirect
      // target already name that target and are kept as they are.
      return link.url === displayUrl(url.origin) ? link.withUrl(url) : link;
    }
    if (link instanceof FetchError) return link;
  }
  const code = (error as { code?: unknown } | null)?.code;
  const errno = typeof code === "string" ? code : "";
  if (errno === "ETIMEDOUT") {
    return new TimeoutError(url, "connect", timeouts.connectTimeoutMs);
  }
  if (DNS_CODES.has(errno)) return new DnsError(url, url.hostname, error);
  if (TLS_CODES.test(errno)) return new TlsError(url, error);
  if (errno.startsWith("Z_")) return new DecodeError(url, "compressed", error);
  return new NetworkError(url, error);
}
