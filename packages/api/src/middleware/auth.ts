import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { errorResponse } from "../errors.ts";

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Requires `Authorization: Bearer <adminKey>`; compares in constant time. */
export function requireAdmin(adminKey: string): MiddlewareHandler {
  const expected = digest(adminKey);
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match?.[1]) {
      return errorResponse(
        c,
        401,
        "unauthorized",
        "This request needs the admin API key: send the header 'Authorization: Bearer <key>'.",
      );
    }
    if (!timingSafeEqual(digest(match[1]), expected)) {
      return errorResponse(
        c,
        401,
        "unauthorized",
        "The API key is not valid. Check STORYWIRE_ADMIN_KEY (or the AdminApiKey secret).",
      );
    }
    await next();
  };
}
