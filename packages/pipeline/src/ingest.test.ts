/**
 * ingestFeed on the real store (dynalite) with a stand-in fetcher: every item accounted for (stored, known or
 * skipped by reason) on the feed record and the log line; the item cap keeps the newest items whatever the
 * order; a re-poll decides what is new from the feed's seen record (no per-item table read); concurrent polls
 * and evicted keys never store a story twice; repairs are recorded on the feed.
 */
import type { Feed } from "@storywire/core";
import { staticStorylines } from "@storywire/pipeline/test-support/storylines";
import type { Store } from "@storywire/store";
import { makeFeed, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FetchedBody, Fetcher } from "./fetcher.ts";
import { type IngestDeps, ingestFeed } from "./ingest.ts";
import type { Logger } from "./ports.ts";

const FEED_URL = "http://127.0.0.1:9/feed.xml";

function rssItems(count: number, order: "oldest-first" | "newest-first" = "newest-first", start = 0): string {
  const items = Array.from({ length: count }, (_, i) => {
    const n = start + i;
    const date = new Date(Date.UTC(2024, 0, 1) + n * 3_600_000).toUTCString();
    return `<item><guid>item-${n}</guid><title>Item ${n}</title><pubDate>${date}</pubDate><description>Body of item ${n}, long enough to stand alone as a sentence.</description></item>`;
  });
  if (order === "newest-first") items.reverse();
  return `<rss version="2.0"><channel><title>Test feed</title><link>http://127.0.0.1:9/</link>${items.join("")}</channel></rss>`;
}

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

interface Harness {
  store: Store;
  feed: Feed;
  logs: { message: string; fields?: Record<string, unknown> }[];
  reads: { hasStories: number };
  body: string;
  deps: IngestDeps;
}

let h: Harness;

beforeEach(async () => {
  const real = await env.freshStore();
  const reads = { hasStories: 0 };
  // Count the per-item table reads ingest makes.
  const store = new Proxy(real, {
    get(target, name, receiver) {
      if (name === "hasStories") {
        return (ids: string[]) => {
          reads.hasStories += ids.length;
          return target.hasStories(ids);
        };
      }
      return Reflect.get(target, name, receiver);
    },
  }) as Store;
  const feed = makeFeed({ id: "feed00000000000a", url: FEED_URL, nextCheckAt: "2024-01-01T00:00:00.000Z" });
  await store.addFeed(feed);
  const logs: Harness["logs"] = [];
  const logger: Logger = {
    info: (message, fields) => logs.push({ message, fields }),
    warn: (message, fields) => logs.push({ message, fields }),
    error: (message, fields) => logs.push({ message, fields }),
  };
  const fetcher: Fetcher = {
    fetchFeed: async (): Promise<FetchedBody> => ({
      status: 200,
      url: FEED_URL,
      body: Buffer.from(h.body),
      charset: null,
      etag: null,
      lastModified: null,
      retryAfterMs: null,
      maxAgeMs: null,
      permanentRedirect: null,
      notModified: false,
    }),
    fetchPage: async () => {
      throw new Error("no article pages in this test");
    },
  };
  h = {
    store,
    feed,
    logs,
    reads,
    body: "",
    deps: {
      store,
      queue: { send: async () => {} },
      fetcher,
      clock: { now: () => new Date("2024-06-01T00:00:00.000Z") },
      logger,
      storylines: staticStorylines(),
      pollIntervalMs: 300_000,
      fullTextBudget: 0,
    },
  };
});

const record = async () => (await h.store.getFeed(h.feed.id)) as Feed;
const lastLog = () => h.logs.filter((line) => line.message === "feed checked").at(-1)?.fields;

describe("ingest: every item accounted for", () => {
  it.each(["oldest-first", "newest-first"] as const)(
    "a feed over the item cap (%s) keeps the newest 500 and says how many it dropped",
    async (order) => {
      h.body = rssItems(510, order);
      const result = await ingestFeed(h.feed.id, h.deps);
      expect(result).toMatchObject({ status: "ok", newStories: 500, skippedItems: 10 });
      const counts = (await record()).lastItems;
      expect(counts).toEqual({
        total: 510,
        stored: 500,
        known: 0,
        skipped: { overCap: 10, cutOff: 0, empty: 0, duplicate: 0, unreadable: 0, failed: 0 },
      });
      expect(lastLog()).toMatchObject({ items: 510, skippedItems: 10, skipped: { overCap: 10 } });
      const stored = await h.store.listStories({ feedId: h.feed.id, limit: 100 });
      const titles = new Set(stored.items.map((story) => story.title));
      expect(titles.has("Item 509")).toBe(true);
      expect([...titles].some((title) => /^Item [0-9]$/.test(title))).toBe(false);
    },
  );

  it("empty, duplicate and cut-off items are counted by reason, and repairs are recorded", async () => {
    h.body = rssItems(3).replace(
      "</channel></rss>",
      `<item></item><item><guid>item-0</guid><title>Again</title></item><item><guid>x</guid><title>Tom & Jerry</title></item><item><guid>cut</guid><title>Cut`,
    );
    await ingestFeed(h.feed.id, h.deps);
    const feed = await record();
    expect(feed.lastItems).toEqual({
      total: 7,
      stored: 4,
      known: 0,
      skipped: { overCap: 0, cutOff: 1, empty: 1, duplicate: 1, unreadable: 0, failed: 0 },
    });
    expect(feed.repairs?.sort()).toEqual(["bare-ampersands", "truncated"]);
  });

  it("an empty feed or a channel with only a title is 0 stories, not an error", async () => {
    h.body = `<rss version="2.0"><channel><title>Only a title</title></channel></rss>`;
    expect(await ingestFeed(h.feed.id, h.deps)).toMatchObject({ status: "ok", newStories: 0, skippedItems: 0 });
    expect(await record()).toMatchObject({ status: "active", lastError: null, lastItems: { total: 0 } });
  });
});

describe("ingest: only new items cost anything", () => {
  it("a re-poll decides from the feed's seen record: no per-item read, nothing normalized again", async () => {
    h.body = rssItems(20);
    await ingestFeed(h.feed.id, h.deps);
    expect(h.reads.hasStories).toBe(20); // the first poll of a feed without a record asks the table once
    h.reads.hasStories = 0;
    const again = await ingestFeed(h.feed.id, h.deps);
    expect(again).toMatchObject({ newStories: 0, skippedItems: 0 });
    expect(h.reads.hasStories).toBe(0);
    expect((await record()).lastItems).toMatchObject({ total: 20, stored: 0, known: 20 });
    h.body = rssItems(22);
    expect(await ingestFeed(h.feed.id, h.deps)).toMatchObject({ newStories: 2 });
    expect(h.reads.hasStories).toBe(0);
  });

  it("concurrent polls of one feed store each story once and lose no seen id", async () => {
    h.body = rssItems(30);
    const results = await Promise.all([ingestFeed(h.feed.id, h.deps), ingestFeed(h.feed.id, h.deps)]);
    expect(results.reduce((sum, r) => sum + r.newStories, 0)).toBe(30);
    const seen = await h.store.getSeenItems(h.feed.id);
    expect(new Set(seen.ids).size).toBe(30);
    const stored = await h.store.listStories({ feedId: h.feed.id, limit: 100 });
    expect(stored.items).toHaveLength(30);
  });

  it("a story whose key was evicted from the record is caught by the conditional put, never stored twice", async () => {
    h.body = rssItems(5);
    await ingestFeed(h.feed.id, h.deps);
    // Eviction: the feed's record no longer holds any of the five ids.
    const evicted = {
      ...h.deps,
      store: new Proxy(h.store, {
        get: (target, name, receiver) =>
          name === "getSeenItems" ? async () => ({ ids: [], exists: true }) : Reflect.get(target, name, receiver),
      }) as Store,
    };
    const result = await ingestFeed(h.feed.id, evicted);
    expect(result.newStories).toBe(0);
    expect((await record()).lastItems).toMatchObject({ total: 5, stored: 0, known: 5 });
    expect((await h.store.listStories({ feedId: h.feed.id, limit: 100 })).items).toHaveLength(5);
  });
});
