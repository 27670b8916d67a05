/**
 * API keys. The admin key (STORYWIRE_ADMIN_KEY locally, the AdminApiKey secret in AWS) may do everything. Each
 * subscription also has its own key, returned once when it is created: `swsub_<subscriptionId>_<HMAC>`, derived
 * from the admin key, so nothing extra is stored and rotating the admin key rotates every subscription key. A
 * subscription key reads and manages only its own subscription; another subscription looks like a 404.
 *
 * One rule for every route: no key, or a key that is not valid -> 401; a valid subscription key on a route that
 * needs the admin key -> 403; a subscription key naming another subscription -> 404 (its existence is not told).
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { bearerChallenge, errorResponse } from "../errors.ts";

export type Principal = { kind: "admin" } | { kind: "subscription"; subscriptionId: string };

const principals = new WeakMap<Request, Principal>();

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

function same(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** The key of one subscription, derived from the admin key. */
export function subscriptionKey(adminKey: string, subscriptionId: string): string {
  const mac = createHmac("sha256", adminKey).update(`storywire subscription ${subscriptionId}`).digest("base64url");
  return `swsub_${subscriptionId}_${mac}`;
}

/** Who a key belongs to, or null when it is no valid key. */
export function principalFor(adminKey: string, key: string): Principal | null {
  if (same(key, adminKey)) return { kind: "admin" };
  const match = /^swsub_([0-9a-f]{16})_[A-Za-z0-9_-]+$/.exec(key);
  if (match?.[1] && same(key, subscriptionKey(adminKey, match[1]))) {
    return { kind: "subscription", subscriptionId: match[1] };
  }
  return null;
}

/** The key of an `Authorization: Bearer <key>` header; null without one (an empty or other scheme counts as a key). */
export function bearerKey(c: Context): string | null {
  const header = c.req.header("authorization");
  if (header === undefined) return null;
  return /^Bearer\s+(.+)$/i.exec(header.trim())?.[1] ?? header;
}

function authenticate(adminKey: string, adminOnly: boolean): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match?.[1]) {
      return errorResponse(
        c,
        401,
        "unauthorized",
        "This request needs an API key: send the header 'Authorization: Bearer <key>'.",
      );
    }
    const principal = principalFor(adminKey, match[1]);
    if (!principal) {
      return errorResponse(
        c,
        401,
        "unauthorized",
        adminOnly
          ? "The API key is not valid; this request needs the admin API key (STORYWIRE_ADMIN_KEY, or the AdminApiKey secret in AWS)."
          : "The API key is not valid. Use the admin key or the key returned when the subscription was created.",
        undefined,
        { "www-authenticate": bearerChallenge("invalid_token") },
      );
    }
    if (adminOnly && principal.kind !== "admin") {
      return errorResponse(
        c,
        403,
        "forbidden",
        `This subscription key may read and manage only subscription ${principal.subscriptionId} ` +
          `(/subscriptions/${principal.subscriptionId}/...); ${c.req.method} ${c.req.path} needs the admin API key.`,
        undefined,
        { "www-authenticate": bearerChallenge("insufficient_scope") },
      );
    }
    principals.set(c.req.raw, principal);
    await next();
  };
}

/** Requires the admin key; compares in constant time. */
export function requireAdmin(adminKey: string): MiddlewareHandler {
  return authenticate(adminKey, true);
}

/** Requires the admin key or a subscription's own key (routes then check which subscription it may see). */
export function requireKey(adminKey: string): MiddlewareHandler {
  return authenticate(adminKey, false);
}

/** The principal the request authenticated as (after requireKey / requireAdmin), or null. */
export function principalOf(c: Context): Principal | null {
  return principals.get(c.req.raw) ?? null;
}

/** True when the request's key may act on this subscription. */
export function mayAccess(c: Context, subscriptionId: string): boolean {
  const principal = principals.get(c.req.raw);
  return (
    principal?.kind === "admin" || (principal?.kind === "subscription" && principal.subscriptionId === subscriptionId)
  );
}
