import { createHash } from "node:crypto";
import { canonicalizeUrl, type Feed } from "@storywire/core";
import type { Store } from "@storywire/store";
import type { JobQueue } from "./ports.ts";

/**
 * A feed's id: 16 hex characters of the SHA-256 of its identity, the canonical URL without a trailing slash, so
 * every spelling (case of the host, fragment, tracking parameters, trailing slash) maps to one feed.
 */
export function feedIdFor(url: string): string {
  const identity = canonicalizeUrl(url, { stripTrailingSlash: true }) ?? url;
  return createHash("sha256").update(identity).digest("hex").slice(0, 16);
}

export function newFeed(canonicalUrl: string, now: Date): Feed {
  return {
    id: feedIdFor(canonicalUrl),
    url: canonicalUrl,
    title: null,
    createdAt: now.toISOString(),
    status: "active",
    etag: null,
    lastModified: null,
    lastCheckedAt: null,
    nextCheckAt: now.toISOString(),
    errorCount: 0,
    lastError: null,
    lastStatus: null,
  };
}

/**
 * Watches a feed given its canonical URL (the caller has validated it). Adding the same feed twice returns the
 * stored one; a new feed is queued for an immediate first fetch.
 */
export async function addFeed(
  deps: { store: Store; queue: JobQueue },
  canonicalUrl: string,
  now: Date,
): Promise<{ feed: Feed; created: boolean }> {
  const result = await deps.store.addFeed(newFeed(canonicalUrl, now));
  if (result.created) await deps.queue.send([{ type: "fetch", feedId: result.feed.id }]);
  return result;
}

/** The canonical form of a checked URL (tracking parameters and fragment removed), or an error naming it. */
export function canonicalUrl(url: string): string {
  const canonical = canonicalizeUrl(url);
  if (!canonical) throw new Error(`${url} is not an http(s) URL; give the full address, starting with https://.`);
  return canonical;
}
