import { canonicalizeUrl, type Feed } from "@storywire/core";
import { feedId } from "@storywire/core/ids";
import type { Store } from "@storywire/store";
import { type ClaimSettings, claimTimeoutOf, type JobQueue } from "./ports.ts";
import { queuedClaimOwner } from "./schedule.ts";

export function newFeed(canonicalUrl: string, now: Date): Feed {
  return {
    id: feedId(canonicalUrl),
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
 * stored one. A new feed is stored already claimed for its first fetch and that fetch is queued with the claim,
 * so the scheduler, which sees the new feed due, leaves it alone: one fetch at creation. When the job cannot be
 * queued, the claim lapses after the claim timeout and the scheduler fetches the feed then. `title` is the user's
 * name for a feed this call adds (an OPML outline's text) and `folder` its folder, stored in the same write.
 */
export async function addFeed(
  deps: { store: Store; queue: JobQueue } & ClaimSettings,
  canonicalUrl: string,
  now: Date,
  options: { title?: string | null; folder?: string | null } = {},
): Promise<{ feed: Feed; created: boolean }> {
  const owner = queuedClaimOwner();
  const claim = { owner, now, leaseMs: claimTimeoutOf(deps) };
  const result = await deps.store.addFeed(newFeed(canonicalUrl, now), {
    claim,
    userTitle: options.title,
    folder: options.folder,
  });
  if (result.created) {
    await deps.queue.send([{ type: "fetch", feedId: result.feed.id, claim: owner }]).catch(() => {
      // Not lost: the claim lapses and the scheduler queues the first fetch.
    });
  }
  return result;
}

/** The canonical form of a checked URL (tracking parameters and fragment removed), or an error naming it. */
export function canonicalUrl(url: string): string {
  const canonical = canonicalizeUrl(url);
  if (!canonical) throw new Error(`${url} is not an http(s) URL; give the full address, starting with https://.`);
  return canonical;
}
