/**
 * Issue 2's integration test: a loopback feed server -> the scheduler polls -> stories in dynalite -> the API
 * returns them; a second poll is answered 304 and stores nothing new; changed content stores only the new item.
 */
import { silentLogger } from "@storywire/pipeline";
import { type LocalStack, startLocalStack } from "storywire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFeedServer, type TestItem, testClock } from "./support/feed-server.ts";
import { loopbackConfig } from "./support/stack.ts";

const ADMIN = "test-admin-key-0123456789";
const item = (n: number): TestItem => ({
  guid: `item-${n}`,
  title: `Loopback story number ${n}`,
  link: `http://127.0.0.1/story-${n}?utm_source=rss&at_medium=RSS`,
  pubDate: new Date(Date.UTC(2026, 10, 25, 10, n)).toUTCString(),
  paragraphs: [
    `First paragraph of story ${n}, written for this test.`,
    `Second paragraph of story ${n} with a “curly quote”.`,
  ],
});

describe("local stack: poll -> store -> API", () => {
  let stack: LocalStack;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  const clock = testClock("2026-11-25T12:00:00.000Z");
  const api = (path: string, init?: RequestInit) => fetch(`${stack.url}${path}`, init);
  const auth = { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" };

  beforeAll(async () => {
    feeds = await startFeedServer([item(1), item(2)]);
    const config = loopbackConfig({ adminKey: ADMIN, pollIntervalSeconds: 60 });
    stack = await startLocalStack(config, { inMemory: true, scheduler: false, logger: silentLogger, clock });
  });
  afterAll(async () => {
    await stack?.close();
    await feeds?.close();
  });

  it("adds a feed through the API and stores its stories on the first poll", async () => {
    const created = await api("/feeds", { method: "POST", headers: auth, body: JSON.stringify({ url: feeds.url }) });
    expect(created.status).toBe(201);
    const feed = (await created.json()) as { id: string; url: string };
    expect(feed.id).toMatch(/^[0-9a-f]{16}$/);
    await stack.queue.idle(); // the new feed is fetched at once
    const page = (await (await api("/stories")).json()) as { stories: { id: string; title: string; url: string }[] };
    expect(page.stories.map((s) => s.title)).toEqual(["Loopback story number 2", "Loopback story number 1"]);
    expect(page.stories[0]?.url).toBe("http://127.0.0.1/story-2"); // tracking parameters removed
    const text = await (await api(`/stories/${page.stories[0]?.id}.txt`)).text();
    expect(text).toBe(
      "Loopback story number 2\n\nFirst paragraph of story 2, written for this test.\n\nSecond paragraph of story 2 with a “curly quote”.\n",
    );
    const again = await api("/feeds", {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ url: `${feeds.url}#top` }),
    });
    expect(again.status).toBe(200); // the same feed in another spelling
  });

  it("answers the second poll with 304 and stores nothing new", async () => {
    clock.advance(61 * 60_000);
    await stack.tick();
    expect(feeds.stats.notModified).toBe(1);
    const page = (await (await api("/stories")).json()) as { stories: unknown[] };
    expect(page.stories).toHaveLength(2);
    const [feed] = ((await (await api("/feeds")).json()) as { feeds: { lastStatus: number; status: string }[] }).feeds;
    expect(feed).toMatchObject({ lastStatus: 304, status: "active" });
  });

  it("stores only the new item when the feed changes", async () => {
    feeds.setItems([item(3), item(2), item(1)]);
    clock.advance(61 * 60_000);
    await stack.tick();
    const page = (await (await api("/stories?limit=2")).json()) as { stories: { title: string }[]; nextCursor: string };
    expect(page.stories.map((s) => s.title)).toEqual(["Loopback story number 3", "Loopback story number 2"]);
    // GET /feeds says what the check did with every item of the document, and that nothing needed repair.
    const [feed] = ((await (await api("/feeds")).json()) as { feeds: Record<string, unknown>[] }).feeds;
    expect(feed).toMatchObject({
      lastItems: {
        total: 3,
        stored: 1,
        known: 2,
        skipped: { overCap: 0, cutOff: 0, empty: 0, duplicate: 0, unreadable: 0, failed: 0 },
      },
      repairs: [],
    });
    const next = (await (await api(`/stories?limit=2&cursor=${encodeURIComponent(page.nextCursor)}`)).json()) as {
      stories: { title: string }[];
      nextCursor: string | null;
    };
    expect(next.stories.map((s) => s.title)).toEqual(["Loopback story number 1"]);
    expect(next.nextCursor).toBeNull();
  });

  it("filters by feed and since, and explains bad queries", async () => {
    const [feed] = ((await (await api("/feeds")).json()) as { feeds: { id: string }[] }).feeds;
    const byFeed = (await (await api(`/stories?feed=${feed?.id}`)).json()) as { stories: unknown[] };
    expect(byFeed.stories).toHaveLength(3);
    const since = (await (await api("/stories?since=2026-11-25T10:02:00Z")).json()) as { stories: { title: string }[] };
    expect(since.stories.map((s) => s.title)).toEqual(["Loopback story number 3", "Loopback story number 2"]);
    const bad = await api("/stories?since=yesterday");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/since/);
    const badCursor = await api("/stories?cursor=not-a-cursor");
    expect(badCursor.status).toBe(400);
  });
});
