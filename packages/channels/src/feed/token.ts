/** Unguessable tokens for per-subscription feed URLs (e.g. /feeds/<token>.atom). */
import { randomBytes } from "node:crypto";

/** 32 random bytes, base64url: 43 URL-safe characters. */
export function generateFeedToken(): string {
  return randomBytes(32).toString("base64url");
}
