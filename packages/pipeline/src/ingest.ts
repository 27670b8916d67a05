/**
 * Ingest one feed: conditional GET, decode, parse, skip items already stored, normalize (with full text when the
 * item carries only a summary), score, place in storyline events, raise alerts, store; then schedule the next
 * check. One bad item never loses the rest; a failing feed backs off and shows its error.
 *
 * Only new items cost anything: the document is read up to each item's key (openFeed), the keys are checked
 * against the feed's record of recently seen story ids (one read, no read per item), and only the items not in
 * it are normalized, scored and stored. A feed without a record yet (its first poll) asks the table once which
 * items are stored. Every item is accounted for: stored, known, or skipped with its reason (Feed.lastItems, the
 * log line).
 *
 * Crash safety: a story is written LAST, after its event placement, alert and deliveries (all idempotent,
 * conditional writes). A process killed half-way leaves the story unstored, so the next poll processes the item
 * again and completes the missing writes without duplicating any of them.
 */
import {
  buildStory,
  decodeFeedBytes,
  entryPublishedAt,
  extractArticle,
  type Feed,
  type FeedDocument,
  type FeedEntry,
  type FeedItem,
  type FeedItemCounts,
  needsFullText,
  openFeed,
  type Story,
  storyId,
} from "@storywire/core";
import type { Store } from "@storywire/store";
import { feedFailureSentence } from "./feed-failure.ts";
import type { Fetcher } from "./fetcher.ts";
import { nextCheckDelay } from "./next-check.ts";
import { placeStory } from "./placement.ts";
import type { Clock, JobQueue, Logger } from "./ports.ts";
import { scoreStory } from "./score.ts";
import type { StorylineSource } from "./storylines.ts";

export interface IngestDeps {
  store: Store;
  queue: JobQueue;
  fetcher: Fetcher;
  clock: Clock;
  logger: Logger;
  storylines: StorylineSource;
  /** The configured poll interval for healthy feeds. */
  pollIntervalMs: number;
  /** Linked pages fetched per feed check for summary-only items. */
  fullTextBudget: number;
}

export interface IngestResult {
  feedId: string;
  status: "ok" | "not-modified" | "error" | "skipped";
  newStories: number;
  skippedItems: number;
  alerts: number;
  error?: string;
}

/** Failures after which a feed is shown as "failing" rather than "active". */
export const FAILING_AFTER = 3;

export async function ingestFeed(feedId: string, deps: IngestDeps): Promise<IngestResult> {
  const feed = await deps.store.getFeed(feedId);
  if (!feed || feed.status === "disabled" || feed.status === "paused") {
    return { feedId, status: "skipped", newStories: 0, skippedItems: 0, alerts: 0 };
  }
  const started = deps.clock.now();
  let response: Awaited<ReturnType<Fetcher["fetchFeed"]>>;
  try {
    response = await deps.fetcher.fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified });
  } catch (error) {
    return recordFailure(feed, error, deps, started);
  }
  // A success (200 or 304): the feed is healthy again, and its next check follows its cadence and hints.
  const healthy = (extra: { itemDates?: (string | null)[]; ttlMinutes?: number | null }) => ({
    lastCheckedAt: started.toISOString(),
    nextCheckAt: after(
      started,
      nextCheckDelay({
        baseMs: deps.pollIntervalMs,
        errorCount: 0,
        now: started,
        retryAfterMs: response.retryAfterMs,
        maxAgeMs: response.maxAgeMs,
        ...extra,
      }),
    ),
    status: "active" as const,
    errorCount: 0,
  });
  if (response.notModified) {
    await deps.store.updateFeedFetchState(feed.id, { ...healthy({}), lastError: null, lastStatus: 304 });
    deps.logger.info("feed not modified", { feed: feed.url });
    return { feedId, status: "not-modified", newStories: 0, skippedItems: 0, alerts: 0 };
  }

  let document: FeedDocument;
  try {
    document = await openFeed(response.body, response.charset, response.url);
  } catch (error) {
    return recordFailure(feed, error, deps, started, response.status);
  }

  const { stories, alerts, counts, itemDates } = await ingestItems(feed, document, deps);
  const failed = counts.skipped.failed;
  await deps.store.updateFeedFetchState(feed.id, {
    etag: response.etag,
    lastModified: response.lastModified,
    ...healthy({ itemDates, ttlMinutes: document.ttlMinutes }),
    lastError: failed > 0 ? `${failed} item(s) could not be processed; see the logs.` : null,
    lastStatus: response.status,
    title: document.title || feed.title,
    lastItems: counts,
    repairs: document.repairs ?? [],
    ...(response.permanentRedirect ? { url: response.permanentRedirect } : {}),
  });
  const skippedItems = Object.values(counts.skipped).reduce((sum, n) => sum + n, 0);
  deps.logger.info("feed checked", {
    feed: feed.url,
    newStories: stories,
    alerts,
    skippedItems,
    items: counts.total,
    known: counts.known,
    skipped: counts.skipped,
    ...(document.repairs?.length ? { repairs: document.repairs } : {}),
  });
  return { feedId, status: "ok", newStories: stories, skippedItems, alerts };
}

/** Counts of a document's items before any is processed: what the reader itself skipped, by reason. */
function countItems(document: FeedDocument): FeedItemCounts {
  const skipped: FeedItemCounts["skipped"] = {
    overCap: document.itemsOverCap ?? 0,
    cutOff: 0,
    empty: 0,
    duplicate: 0,
    unreadable: 0,
    failed: 0,
  };
  for (const item of document.skipped) skipped[item.kind] += 1;
  const total = document.entries.length + document.skipped.length + skipped.overCap;
  return { total, stored: 0, known: 0, skipped };
}

/** The entries whose story ids the feed has not stored, deciding with the feed's seen record (see module comment). */
async function newEntries(feed: Feed, entries: { entry: FeedEntry; id: string }[], deps: IngestDeps) {
  const seen = await deps.store.getSeenItems(feed.id);
  const seenIds = new Set(seen.ids);
  let fresh = entries.filter((x) => !seenIds.has(x.id));
  if (!seen.exists && fresh.length > 0) {
    const stored = await deps.store.hasStories(fresh.map((x) => x.id));
    fresh = fresh.filter((x) => !stored.has(x.id));
  }
  const unrecorded = entries.some((x) => !seenIds.has(x.id));
  return { fresh, unrecorded };
}

async function ingestItems(feed: Feed, document: FeedDocument, deps: IngestDeps) {
  const counts = countItems(document);
  const withIds = dedupeById(document.entries.map((entry) => ({ entry, id: storyId(entry.key, feed.url) })));
  counts.skipped.duplicate += document.entries.length - withIds.length;
  const { fresh: entries, unrecorded } = await newEntries(feed, withIds, deps);
  counts.known = withIds.length - entries.length;
  // Normalization is paid only now, for new items. Oldest first, so that within one poll a story's first
  // report is placed before its updates.
  const fresh = entries
    // Bodies are only turned into text (which drops everything active): no sanitizing DOM.
    .map(({ entry, id }) => ({ item: document.finish(entry, { sanitize: false }), id }))
    .sort((a, b) => (a.item.publishedAt ?? "").localeCompare(b.item.publishedAt ?? ""));
  let budget = deps.fullTextBudget;
  let stories = 0;
  let alerts = 0;
  const failedIds = new Set<string>();
  const storylines = fresh.length > 0 ? await deps.storylines.list() : [];
  for (const { item, id } of fresh) {
    try {
      let extracted: string[] | undefined;
      if (budget > 0 && needsFullText(item)) {
        budget -= 1;
        extracted = await fullText(item, deps);
      }
      const fetchedAt = deps.clock.now().toISOString();
      const story: Story = {
        ...buildStory(item, {
          feedId: feed.id,
          feedUrl: feed.url,
          feedTitle: document.title || feed.title,
          fetchedAt,
          extracted,
        }),
        id,
      };
      scoreStory(story, storylines);
      let created = false;
      const placement = await placeStory(story, deps, async () => {
        created = await deps.store.putStory(story);
      });
      alerts += placement.alerts;
      if (created) stories += 1;
      else counts.known += 1; // stored meanwhile by a concurrent poll, or evicted from the seen record
      if (placement.deliveries.length > 0) {
        await deps.queue.send(placement.deliveries.map((deliveryId) => ({ type: "deliver" as const, deliveryId })));
      }
    } catch (error) {
      failedIds.add(id);
      deps.logger.error("item failed", { feed: feed.url, item: item.key, error: (error as Error).message });
    }
  }
  counts.stored = stories;
  counts.skipped.failed = failedIds.size;
  // Remember what this document showed (failed items excepted: the next poll tries them again).
  if (unrecorded || failedIds.size > 0) {
    await deps.store.recordSeenItems(
      feed.id,
      withIds.filter((x) => !failedIds.has(x.id)).map((x) => x.id),
    );
  }
  return { stories, alerts, counts, itemDates: document.entries.map(entryPublishedAt) };
}

/** The article behind a summary-only item; undefined when the page cannot be fetched or has no article. */
async function fullText(item: FeedItem, deps: IngestDeps): Promise<string[] | undefined> {
  if (!item.url) return undefined;
  try {
    const page = await deps.fetcher.fetchPage(item.url);
    const { text } = decodeFeedBytes(page.body, page.charset);
    const article = extractArticle(text, page.url);
    return article && article.paragraphs.length > 0 ? article.paragraphs : undefined;
  } catch (error) {
    deps.logger.warn("full text unavailable", { url: item.url, error: (error as Error).message });
    return undefined;
  }
}

function dedupeById<T extends { id: string }>(entries: T[]): T[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    if (seen.has(e.id)) return false;
    seen.add(e.id);
    return true;
  });
}

async function recordFailure(feed: Feed, error: unknown, deps: IngestDeps, now: Date, httpStatus?: number) {
  const err = error as { message?: string; status?: number; retryAfterMs?: number | null };
  const message = err.message ?? String(error);
  const status = err.status ?? httpStatus ?? null;
  const errorCount = feed.errorCount + 1;
  if (status === 410) {
    await deps.store.updateFeedFetchState(feed.id, {
      status: "disabled",
      lastCheckedAt: now.toISOString(),
      lastError: `The server says the feed is gone for good (HTTP 410); it was disabled. Remove it or add its new URL.`,
      lastStatus: 410,
      errorCount,
    });
    deps.logger.warn("feed gone, disabled", { feed: feed.url });
    return { feedId: feed.id, status: "error" as const, newStories: 0, skippedItems: 0, alerts: 0, error: message };
  }
  const delay = nextCheckDelay({
    baseMs: deps.pollIntervalMs,
    errorCount,
    now,
    retryAfterMs: err.retryAfterMs ?? null,
  });
  await deps.store.updateFeedFetchState(feed.id, {
    status: errorCount >= FAILING_AFTER ? "failing" : feed.status === "failing" ? "failing" : "active",
    lastCheckedAt: now.toISOString(),
    nextCheckAt: after(now, delay),
    errorCount,
    lastError: message,
    lastStatus: status,
  });
  // The message is the sentence people read (the terminal prints it alone); the fields are for structured logs.
  deps.logger.warn(feedFailureSentence(feed.url, message, delay), {
    event: "feed check failed",
    feed: feed.url,
    status,
    errorCount,
    retryInSeconds: Math.round(delay / 1000),
  });
  return { feedId: feed.id, status: "error" as const, newStories: 0, skippedItems: 0, alerts: 0, error: message };
}

function after(now: Date, ms: number): string {
  return new Date(now.getTime() + ms).toISOString();
}
