/**
 * postJson: webhook delivery. Same SSRF guard at every send, redirects NOT followed (a 3xx is a failed
 * attempt), the response body read up to a small cap and thrown away (never stored, never returned).
 * Resolves with `{ status, ok, retryAfterMs }` for any HTTP status; rejects with a typed FetchError for
 * failures below HTTP (blocked address, DNS, connect, timeout, TLS, reset).
 */
import type { Readable } from "node:stream";
import { createDeadline, toFetchError } from "./agent.ts";
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_POST_MAX_RESPONSE_BYTES,
  DEFAULT_POST_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
} from "./constants.ts";
import { parseRetryAfter } from "./http-caching.ts";
import { checkUrlSyntax, resolveGuard } from "./ssrf.ts";
import { exchange, type GuardedConnectorOptions } from "./transport.ts";

export interface PostJsonOptions extends GuardedConnectorOptions {
  /** Extra headers (e.g. webhook-id, webhook-timestamp, webhook-signature). */
  headers?: Record<string, string>;
  /** Total deadline (default 15 s). */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  userAgent?: string;
  /** Response bytes read before closing (default 64 KiB). They are discarded either way. */
  maxResponseBytes?: number;
  signal?: AbortSignal;
}

export interface PostResult {
  status: number;
  /** 2xx. A 3xx is NOT ok: redirects are never followed for webhooks. */
  ok: boolean;
  /** Retry-After (clamped to [1 s, 24 h]) or null. */
  retryAfterMs: number | null;
}

/**
 * POST a JSON body. A string or Buffer body is sent byte-for-byte (so a signature computed over exactly
 * those bytes stays valid); anything else is JSON.stringify'd.
 */
export async function postJson(url: string | URL, body: unknown, options: PostJsonOptions = {}): Promise<PostResult> {
  const guard = resolveGuard(options);
  const target = checkUrlSyntax(url, guard);
  const timeoutMs = options.timeoutMs ?? DEFAULT_POST_TIMEOUT_MS;
  const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, timeoutMs);
  const headersTimeoutMs = timeoutMs;
  const payload =
    typeof body === "string" || Buffer.isBuffer(body) ? Buffer.from(body) : Buffer.from(JSON.stringify(body) ?? "null");

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower !== "host" && lower !== "content-length" && lower !== "transfer-encoding" && lower !== "connection") {
      headers[lower] = value;
    }
  }
  headers["content-type"] ??= "application/json";
  headers["user-agent"] = options.userAgent ?? headers["user-agent"] ?? DEFAULT_USER_AGENT;
  headers["content-length"] = String(payload.length);

  const deadline = createDeadline(timeoutMs, options.signal);
  try {
    const response = await exchange(target, {
      ...options,
      method: "POST",
      headers,
      body: payload,
      signal: deadline.signal,
      connectTimeoutMs,
      headersTimeoutMs,
    });
    const retryHeader = response.headers["retry-after"];
    const result: PostResult = {
      status: response.statusCode,
      ok: response.statusCode >= 200 && response.statusCode <= 299,
      retryAfterMs: parseRetryAfter(Array.isArray(retryHeader) ? retryHeader[0] : retryHeader),
    };
    // Read a little (lets a well-behaved server finish) and throw it away; a huge or endless body is cut off.
    await drain(response.body, options.maxResponseBytes ?? DEFAULT_POST_MAX_RESPONSE_BYTES);
    return result;
  } catch (error) {
    throw toFetchError(error, target, deadline, { connectTimeoutMs, headersTimeoutMs });
  } finally {
    deadline.clear();
  }
}

/** Reads and discards up to `limit` bytes of a response body, then closes it; read errors do not matter here. */
async function drain(body: Readable, limit: number): Promise<void> {
  let read = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      read += chunk.length;
      if (read >= limit) break;
    }
  } catch {
    // A reset while reading a response we throw away changes nothing: the status is already known.
  } finally {
    body.on("error", () => undefined);
    body.destroy();
  }
}
