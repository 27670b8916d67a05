/**
 * Story ids: 16 lowercase hex characters of a SHA-256. An http(s) URL key names the article everywhere, so it
 * is hashed alone (the same article in two feeds gets one id); any other key (a guid, a content hash) is only
 * unique within its feed, so the feed URL is hashed with it.
 */
import { createHash } from "node:crypto";
import { isHttpUrl } from "../article/http-url.ts";

export const STORY_ID_LENGTH = 16;

/** An absolute http(s) URL written out in full ("http:example.com" parses, but is not a URL key). */
function isUrlKey(key: string): boolean {
  return /^https?:\/\//i.test(key) && isHttpUrl(key);
}

export function storyId(key: string, feedUrl?: string | null): string {
  const trimmed = key.trim();
  const material = isUrlKey(trimmed) || !feedUrl ? trimmed : `${feedUrl.trim()}\n${trimmed}`;
  return createHash("sha256").update(material, "utf8").digest("hex").slice(0, STORY_ID_LENGTH);
}
