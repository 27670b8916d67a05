/**
 * Rate limits: a fixed window of `windowSeconds` per API key (requests with a key) and per client address (requests
 * without one). The count lives in the store (one atomic ADD per request, store/rate-limits.ts), so the limit holds
 * across every process and Lambda container at once. Over the limit: 429 with Retry-After.
 *
 * Headers (draft-ietf-httpapi-ratelimit-headers-10, structured fields): every limited response carries
 * `RateLimit-Policy: "key";q=<limit>;w=<window>` (or "address") and `RateLimit: "key";r=<remaining>;t=<seconds to reset>`.
 *
 * A request with a key that is not valid counts against its address, like one without a key; the routes that need
 * a key answer it with their own 401.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { ApiDeps } from "../deps.ts";
import { errorResponse } from "../errors.ts";
import { bearerKey, principalFor } from "./auth.ts";

export interface RateLimitSettings {
  /** Requests per window per API key; 0 turns the per-key limit off. */
  perKey: number;
  /** Requests per window per client address, for requests without a key; 0 turns it off. */
  perAddress: number;
  windowSeconds: number;
  /** Count loopback clients too (off by default: locally, the only client is the machine's own user). */
  limitLoopback: boolean;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  perKey: 600,
  perAddress: 300,
  windowSeconds: 60,
  limitLoopback: false,
};

/** How long requests go uncounted after the store failed to count one. */
export const UNCOUNTED_AFTER_FAILURE_MS = 5000;

/** Paths never limited: liveness checks come from monitors that poll on their own schedule. */
const EXEMPT = new Set(["/health"]);

/**
 * The client's address: the socket's peer under @hono/node-server, the Function URL / API Gateway source IP on
 * Lambda. Forwarding headers are not trusted (anyone can send them).
 */
export function clientAddress(c: Context): string | null {
  const env = c.env as
    | {
        incoming?: { socket?: { remoteAddress?: string } };
        event?: { requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } } };
      }
    | undefined;
  return (
    env?.incoming?.socket?.remoteAddress ??
    env?.event?.requestContext?.http?.sourceIp ??
    env?.event?.requestContext?.identity?.sourceIp ??
    null
  );
}

/** One bucket per IPv4 address; per /64 for IPv6 (one subscriber's network), IPv4-mapped IPv6 as IPv4. */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

function isLoopback(address: string): boolean {
  return /^(127\.|::1$|::ffff:127\.)/i.test(address);
}

export function rateLimit(deps: ApiDeps, settings: RateLimitSettings): MiddlewareHandler {
  /** Buckets known to be over their limit until a time: answered here without touching the store. */
  const blocked = new Map<string, number>();
  let uncountedUntil = 0;

  return async (c, next) => {
    // Locally the only client is usually the machine's own user: loopback is not counted unless asked for.
    const address = clientAddress(c);
    if (address !== null && isLoopback(address) && !settings.limitLoopback) return next();
    // A valid key is counted as itself; anything else (no key, or one that is not valid, which the routes that
    // need a key answer with 401) is counted against the client's address.
    const key = bearerKey(c);
    const principal = key === null ? null : principalFor(deps.adminKey, key);
    let bucket: string;
    let limit: number;
    let policy: "key" | "address";
    if (principal) {
      bucket = principal.kind === "admin" ? "key:admin" : `key:sub:${principal.subscriptionId}`;
      limit = settings.perKey;
      policy = "key";
    } else {
      bucket = `address:${address === null ? "unknown" : addressBucket(address)}`;
      limit = settings.perAddress;
      policy = "address";
    }
    if (limit <= 0 || EXEMPT.has(c.req.path)) return next();

    const nowMs = (deps.now?.() ?? new Date()).getTime();
    const windowMs = settings.windowSeconds * 1000;
    const windowStart = Math.floor(nowMs / windowMs) * windowMs;
    const reset = Math.max(1, Math.ceil((windowStart + windowMs - nowMs) / 1000));
    const headers = (remaining: number): Record<string, string> => ({
      "ratelimit-policy": `"${policy}";q=${limit};w=${settings.windowSeconds}`,
      ratelimit: `"${policy}";r=${remaining};t=${reset}`,
    });
    const tooMany = () =>
      errorResponse(
        c,
        429,
        "rate_limited",
        `Too many requests: the limit is ${limit} per ${settings.windowSeconds} seconds ${
          policy === "key" ? "for this API key" : "for your address without an API key"
        }. Try again in ${reset} seconds.`,
        undefined,
        { ...headers(0), "retry-after": String(reset) },
      );

    if ((blocked.get(bucket) ?? 0) > nowMs) return tooMany();
    // After the store failed to count, requests are served uncounted for a few seconds rather than each waiting
    // for the store's deadline first (the routes meet the same store and answer 503 themselves).
    if (uncountedUntil > nowMs) return next();
    let count: number;
    try {
      count = await deps.store.hitRateLimit(bucket, new Date(windowStart), settings.windowSeconds);
    } catch (error) {
      uncountedUntil = Date.now() + UNCOUNTED_AFTER_FAILURE_MS;
      console.warn(
        JSON.stringify({ level: "warn", message: "rate limit not counted", error: (error as Error).message }),
      );
      return next();
    }
    if (count > limit) {
      blocked.set(bucket, windowStart + windowMs);
      if (blocked.size > 10_000) blocked.clear();
      return tooMany();
    }
    await next();
    for (const [name, value] of Object.entries(headers(limit - count))) c.res.headers.set(name, value);
  };
}
