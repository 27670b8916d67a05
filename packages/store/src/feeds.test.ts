import { makeFeed, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInput, NotFound } from "./errors.ts";

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

describe("feeds", () => {
  it("adds a feed once: a second add returns the stored feed", async () => {
    const store = await env.freshStore();
    const first = await store.addFeed(makeFeed({ title: "First" }));
    const second = await store.addFeed(makeFeed({ title: "Second spelling", createdAt: "2025-02-01T00:00:00Z" }));
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.feed.title).toBe("First");
    expect(await store.listFeeds()).toHaveLength(1);
    expect(await store.getFeed("f000000000000001")).toEqual(first.feed);
  });

  it("adds a feed under the user's name in the same write, which a later add does not change", async () => {
    const store = await env.freshStore();
    const added = await store.addFeed(makeFeed({ title: null }), { userTitle: "  My wire " });
    expect(added.feed.title).toBe("My wire");
    expect((await store.getFeed(added.feed.id))?.title).toBe("My wire");
    const again = await store.addFeed(makeFeed({ title: null }), { userTitle: "Other name" });
    expect(again).toMatchObject({ created: false, feed: { title: "My wire" } });
    // Back to the feed's own title, as a rename to null does.
    expect((await store.renameFeed(added.feed.id, null)).title).toBeNull();
    await expect(
      store.addFeed(makeFeed({ id: "f000000000000009", url: "https://y.example/" }), { userTitle: "x".repeat(201) }),
    ).rejects.toThrow(InvalidInput);
  });

  it("keeps a feed's folder from its creation, moves it and takes it out", async () => {
    const store = await env.freshStore();
    const added = await store.addFeed(makeFeed({}), { folder: " Wires & world " });
    expect(added.feed.folder).toBe("Wires & world");
    expect((await store.listFeeds())[0]?.folder).toBe("Wires & world");
    expect((await store.setFeedFolder(added.feed.id, "Arms control")).folder).toBe("Arms control");
    expect((await store.setFeedFolder(added.feed.id, "  ")).folder).toBeUndefined();
    expect((await store.getFeed(added.feed.id))?.folder ?? null).toBeNull();
    await expect(store.setFeedFolder(added.feed.id, "x".repeat(201))).rejects.toThrow(InvalidInput);
    await expect(store.setFeedFolder("f0000000000000ff", "Other")).rejects.toThrow(NotFound);
  });

  it("lists due feeds by nextCheckAt, most overdue first", async () => {
    const store = await env.freshStore();
    const times = ["2025-01-01T10:00:00.000Z", "2025-01-01T09:00:00.000Z", "2025-01-01T11:00:00.000Z"];
    for (const [i, nextCheckAt] of times.entries()) {
      await store.addFeed(makeFeed({ id: `f00000000000000${i}`, url: `https://x.example/${i}`, nextCheckAt }));
    }
    const due = await store.listDueFeeds("2025-01-01T10:00:00.000Z");
    expect(due.map((f) => f.id)).toEqual(["f000000000000001", "f000000000000000"]);
    expect(await store.listDueFeeds("2025-01-01T08:59:59.999Z")).toEqual([]);
    expect((await store.listDueFeeds(new Date("2025-01-02T00:00:00Z"), 2)).map((f) => f.id)).toEqual([
      "f000000000000001",
      "f000000000000000",
    ]);
  });

  it("never lists disabled feeds as due, and re-enabling makes them due again", async () => {
    const store = await env.freshStore();
    await store.addFeed(makeFeed({ id: "f0000000000000d1", status: "disabled" }));
    await store.addFeed(makeFeed({ id: "f0000000000000a1" }));
    const later = "2025-06-01T00:00:00.000Z";
    expect((await store.listDueFeeds(later)).map((f) => f.id)).toEqual(["f0000000000000a1"]);

    await store.setFeedStatus("f0000000000000a1", "disabled");
    expect(await store.listDueFeeds(later)).toEqual([]);

    const enabled = await store.setFeedStatus("f0000000000000d1", "active", { nextCheckAt: "2025-03-01T00:00:00Z" });
    expect(enabled.status).toBe("active");
    expect((await store.listDueFeeds(later)).map((f) => f.id)).toEqual(["f0000000000000d1"]);
  });

  it("a 410 disables the feed; a fetch finishing afterwards does not re-enable it", async () => {
    const store = await env.freshStore();
    await store.addFeed(makeFeed());
    await store.updateFeedFetchState("f000000000000001", { status: "disabled", lastStatus: 410, lastError: "Gone" });
    expect(await store.listDueFeeds("2030-01-01T00:00:00Z")).toEqual([]);

    const after = await store.updateFeedFetchState("f000000000000001", {
      status: "active",
      nextCheckAt: "2025-01-01T01:00:00Z",
      lastCheckedAt: "2025-01-01T00:30:00Z",
      etag: '"v2"',
    });
    expect(after.status).toBe("disabled");
    expect(after.etag).toBe('"v2"');
    expect(await store.listDueFeeds("2030-01-01T00:00:00Z")).toEqual([]);
  });

  it("round-trips the fetch state, including a permanent redirect", async () => {
    const store = await env.freshStore();
    await store.addFeed(makeFeed());
    const state = {
      etag: 'W/"abc"',
      lastModified: "Wed, 01 Jan 2025 00:00:00 GMT",
      lastCheckedAt: "2025-01-01T00:00:05.000Z",
      nextCheckAt: "2025-01-01T00:15:00.000Z",
      status: "failing" as const,
      errorCount: 2,
      lastError: "HTTP 503 from news.example",
      lastStatus: 503,
      title: "Example News (renamed)",
      url: "https://news.example/rss",
    };
    const updated = await store.updateFeedFetchState("f000000000000001", state);
    expect(updated).toMatchObject(state);
    expect(await store.getFeed("f000000000000001")).toEqual(updated);
    expect((await store.listDueFeeds("2025-01-01T00:15:00.000Z")).map((f) => f.id)).toEqual(["f000000000000001"]);
    expect(await store.listDueFeeds("2025-01-01T00:14:59.999Z")).toEqual([]);
  });

  it("cuts long error texts and keeps the other fields when only some are given", async () => {
    const store = await env.freshStore();
    await store.addFeed(makeFeed({ etag: '"keep"' }));
    const updated = await store.updateFeedFetchState("f000000000000001", { lastError: "x".repeat(5000) });
    expect(updated.lastError?.length).toBe(500);
    expect(updated.etag).toBe('"keep"');
  });

  it.each([
    [
      "updateFeedFetchState",
      (s: Awaited<ReturnType<TestDynamo["freshStore"]>>) =>
        s.updateFeedFetchState("f0000000000000ff", { errorCount: 1 }),
    ],
    [
      "setFeedStatus",
      (s: Awaited<ReturnType<TestDynamo["freshStore"]>>) => s.setFeedStatus("f0000000000000ff", "active"),
    ],
  ])("%s on a missing feed throws NotFound", async (_name, call) => {
    const store = await env.freshStore();
    await expect(call(store)).rejects.toBeInstanceOf(NotFound);
  });

  it("deletes a feed", async () => {
    const store = await env.freshStore();
    await store.addFeed(makeFeed());
    expect(await store.deleteFeed("f000000000000001")).toBe(true);
    expect(await store.deleteFeed("f000000000000001")).toBe(false);
    expect(await store.getFeed("f000000000000001")).toBeNull();
    expect(await store.listDueFeeds("2030-01-01T00:00:00Z")).toEqual([]);
  });

  it.each([
    ["an id with #", makeFeed({ id: "a#b" }), /contains "#"/],
    ["an empty id", makeFeed({ id: "" }), /non-empty/],
    ["an unparseable nextCheckAt", makeFeed({ nextCheckAt: "soon" }), /nextCheckAt "soon" is not a usable date/],
    ["an unknown status", makeFeed({ status: "sleeping" as never }), /status must be one of/],
  ])("refuses %s with a clear message", async (_name, feed, message) => {
    const store = await env.freshStore();
    const attempt = store.addFeed(feed);
    await expect(attempt).rejects.toBeInstanceOf(InvalidInput);
    await expect(attempt).rejects.toThrow(message);
  });
});

describe("pausing and renaming", () => {
  it("keeps a paused feed off the due list, and fetches that were under way leave it paused", async () => {
    const store = await env.freshStore();
    await store.addFeed(makeFeed());
    await store.setFeedStatus("f000000000000001", "paused");
    expect(await store.listDueFeeds("2030-01-01T00:00:00.000Z")).toEqual([]);
    const after = await store.updateFeedFetchState("f000000000000001", { status: "failing", errorCount: 1 });
    expect(after).toMatchObject({ status: "paused", errorCount: 1 });
    const resumed = await store.setFeedStatus("f000000000000001", "active", { nextCheckAt: "2025-02-01T00:00:00Z" });
    expect(resumed.status).toBe("active");
    expect((await store.listDueFeeds("2025-02-01T00:00:00.000Z")).map((f) => f.id)).toEqual(["f000000000000001"]);
  });

  it("shows the user's name over the feed's own title until it is cleared", async () => {
    const store = await env.freshStore();
    await store.addFeed(makeFeed({ title: "Own" }));
    expect((await store.renameFeed("f000000000000001", " Mine ")).title).toBe("Mine");
    await store.updateFeedFetchState("f000000000000001", { title: "Own, updated" });
    expect((await store.listFeeds())[0]?.title).toBe("Mine");
    expect((await store.renameFeed("f000000000000001", null)).title).toBe("Own, updated");
    await expect(store.renameFeed("ffffffffffffffff", "x")).rejects.toBeInstanceOf(NotFound);
    await expect(store.renameFeed("f000000000000001", "x".repeat(201))).rejects.toBeInstanceOf(InvalidInput);
  });
});
