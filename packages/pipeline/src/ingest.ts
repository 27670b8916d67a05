/**
 * Ingest one feed: conditional GET, decode, parse, skip items already stored, normalize (with full text when the
 * item carries only a summary), score, place in storyline events, raise alerts, store; then schedule the next
 * check. One bad item never loses the rest; a failing feed backs off and shows its error.
 *
 * Crash safety: a story is written LAST, after its event placement, alert and deliveries (all idempotent,
 * conditional writes). A process killed half-way leaves the story unstored, so the next poll processes the item
 * again and completes the missing writes without duplicating any of them.
 */
import {
  buildStory,
  decodeFeedBytes,
  extractArticle,
  type Feed,
  type FeedItem,
  needsFullText,
  type ParsedFeed,
  parseFeed,
  type Story,
  storyId,
} from "@storywire/core";
import type { Store } from "@storywire/store";
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

  let parsed: ParsedFeed;
  try {
    const { text } = decodeFeedBytes(response.body, response.charset);
    parsed = await parseFeed(text, response.url);
  } catch (error) {
    return recordFailure(feed, error, deps, started, response.status);
  }

  const { stories, alerts, failed } = await ingestItems(feed, parsed, deps);
  await deps.store.updateFeedFetchState(feed.id, {
    etag: response.etag,
    lastModified: response.lastModified,
    ...healthy({ itemDates: parsed.items.map((i) => i.publishedAt), ttlMinutes: parsed.ttlMinutes }),
    lastError: failed > 0 ? `${failed} item(s) could not be processed; see the logs.` : null,
    lastStatus: response.status,
    title: parsed.title || feed.title,
    ...(response.permanentRedirect ? { url: response.permanentRedirect } : {}),
  });
  const skippedItems = parsed.skipped.length + failed;
  deps.logger.info("feed checked", { feed: feed.url, newStories: stories, alerts, skippedItems });
  return { feedId, status: "ok", newStories: stories, skippedItems, alerts };
}

async function ingestItems(feed: Feed, parsed: ParsedFeed, deps: IngestDeps) {
  const withIds = dedupeById(parsed.items.map((item) => ({ item, id: storyId(item.key, feed.url) })));
  const known = await deps.store.hasStories(withIds.map((x) => x.id));
  // Oldest first, so that within one poll a story's first report is placed before its updates.
  const fresh = withIds
    .filter((x) => !known.has(x.id))
    .sort((a, b) => (a.item.publishedAt ?? "").localeCompare(b.item.publishedAt ?? ""));
  let budget = deps.fullTextBudget;
  let stories = 0;
  let alerts = 0;
  let failed = 0;
  const storylines = await deps.storylines.list();
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
          feedTitle: parsed.title || feed.title,
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
      if (placement.deliveries.length > 0) {
        await deps.queue.send(placement.deliveries.map((deliveryId) => ({ type: "deliver" as const, deliveryId })));
      }
    } catch (error) {
      failed += 1;
      deps.logger.error("item failed", { feed: feed.url, item: item.key, error: (error as Error).message });
    }
  }
  return { stories, alerts, failed };
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
  deps.logger.warn("feed check failed", {
    feed: feed.url,
    error: message,
    errorCount,
    retryInSeconds: Math.round(delay / 1000),
  });
  return { feedId: feed.id, status: "error" as const, newStories: 0, skippedItems: 0, alerts: 0, error: message };
}

function after(now: Date, ms: number): string {
  return new Date(now.getTime() + ms).toISOString();
}
