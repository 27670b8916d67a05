import { hexId, makeFeed, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./types.ts";

let env: TestDynamo;
let store: Store;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

const T0 = "2025-01-01T10:00:00.000Z";
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();
const ID = "f000000000000001";
const LEASE = 30_000;

describe("feed claims: one fetch per due time, and a crashed holder blocks the feed for one lease", () => {
  it("lets exactly one of many concurrent claimers take a due feed", async () => {
    store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: T0 }));
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => store.claimFeed(ID, { owner: `w${i}`, now: at(1), leaseMs: LEASE })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("does not claim a feed that is not due yet, or is disabled", async () => {
    store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: at(60) }));
    expect(await store.claimFeed(ID, { owner: "early", now: at(59), leaseMs: LEASE })).toBeNull();
    await store.addFeed(makeFeed({ id: "f0000000000000d1", status: "disabled", nextCheckAt: T0 }));
    expect(await store.claimFeed("f0000000000000d1", { owner: "w", now: at(1), leaseMs: LEASE })).toBeNull();
  });

  it("hides a claimed feed from the due list until its claim lapses, then lists and hands it over", async () => {
    store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: T0 }));
    expect(await store.claimFeed(ID, { owner: "crashed", now: at(1), leaseMs: LEASE })).not.toBeNull();
    expect(await store.listDueFeeds(at(2))).toEqual([]);
    expect(await store.listDueFeeds(at(30))).toEqual([]);
    expect(await store.claimFeed(ID, { owner: "next", now: at(30), leaseMs: LEASE })).toBeNull();
    // 30 s lease from second 1: free at second 32, not ten minutes later.
    expect((await store.listDueFeeds(at(32))).map((f) => f.id)).toEqual([ID]);
    expect(await store.claimFeed(ID, { owner: "next", now: at(32), leaseMs: LEASE })).not.toBeNull();
    expect(await store.renewFeedClaim(ID, "crashed", at(33), LEASE)).toBe(false);
    expect(await store.releaseFeedClaim(ID, "crashed")).toBe(false);
  });

  it("hands a claim waiting in the queue to the first worker with a job for the feed, and never a worker's live claim", async () => {
    store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: T0 }), { claim: { owner: "queued-a", now: T0, leaseMs: LEASE } });
    expect(await store.listDueFeeds(at(1))).toEqual([]);
    // Not the scheduler (or anyone without a job) while the job waits...
    expect(await store.claimFeed(ID, { owner: "queued-b", now: at(1), leaseMs: LEASE })).toBeNull();
    // ...but the worker that got a job for the feed, whichever job it is (a slow queue may deliver a later one first).
    const mine = await store.claimFeed(ID, { owner: "w-a", now: at(1), leaseMs: LEASE, takeOverQueued: true });
    expect(mine?.id).toBe(ID);
    // A second job for the same due time finds a worker's claim, and does nothing.
    expect(await store.claimFeed(ID, { owner: "w-b", now: at(2), leaseMs: LEASE, takeOverQueued: true })).toBeNull();
  });

  it("keeps a renewed claim alive past its first lease, and frees the feed on release", async () => {
    store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: T0 }));
    await store.claimFeed(ID, { owner: "live", now: at(1), leaseMs: LEASE });
    expect(await store.renewFeedClaim(ID, "live", at(20), LEASE)).toBe(true);
    expect(await store.claimFeed(ID, { owner: "thief", now: at(40), leaseMs: LEASE })).toBeNull();
    // The fetch recorded its next check, then released: due again only at that time.
    await store.updateFeedFetchState(ID, { nextCheckAt: at(300), lastCheckedAt: at(41) });
    expect(await store.releaseFeedClaim(ID, "live")).toBe(true);
    expect(await store.listDueFeeds(at(299))).toEqual([]);
    expect((await store.listDueFeeds(at(300))).map((f) => f.id)).toEqual([ID]);
    expect(await store.claimFeed(ID, { owner: "late-duplicate", now: at(60), leaseMs: LEASE })).toBeNull();
  });

  it("never shows the claim in the feed record", async () => {
    store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: T0 }), { claim: { owner: "queued-x", now: T0, leaseMs: LEASE } });
    const feed = (await store.getFeed(ID)) as unknown as Record<string, unknown>;
    expect(feed).not.toHaveProperty("claimOwner");
    expect(feed).not.toHaveProperty("claimUntil");
  });

  it("refuses a claim without an owner or with a lease that is not positive, naming the feed", async () => {
    store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: T0 }));
    await expect(store.claimFeed(ID, { owner: "", now: at(1), leaseMs: LEASE })).rejects.toThrow(
      /feed f0+1 needs an owner/,
    );
    await expect(store.claimFeed(ID, { owner: "w", now: at(1), leaseMs: 0 })).rejects.toThrow(/positive number/);
  });

  it("takes a queued claim over with one write that returns the feed as stored, validators included", async () => {
    store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: T0, etag: '"v1"', lastModified: "Wed, 01 Jan 2025 09:00:00 GMT" }));
    expect(await store.claimFeed(ID, { owner: "queued-a", now: at(1), leaseMs: LEASE })).not.toBeNull();
    const feed = await store.claimFeed(ID, { owner: "worker-a", now: at(2), leaseMs: LEASE, takeOverQueued: true });
    expect(feed).toMatchObject({ id: ID, etag: '"v1"', lastModified: "Wed, 01 Jan 2025 09:00:00 GMT" });
    expect(feed).not.toHaveProperty("claimOwner");
  });

  it("pages through the due feeds behind a cursor, each once, leaving out the claimed ones", async () => {
    store = await env.freshStore();
    for (let i = 1; i <= 5; i++) await store.addFeed(makeFeed({ id: hexId(i), nextCheckAt: at(-i) }));
    for (const i of [1, 3, 5]) {
      expect(await store.claimFeed(hexId(i), { owner: `queued-${i}`, now: at(1), leaseMs: LEASE })).not.toBeNull();
    }
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await store.listDueFeedPage(at(2), { limit: 1, cursor });
      ids.push(...page.items.map((f) => f.id));
      cursor = page.cursor;
      pages += 1;
    } while (cursor);
    expect(ids).toEqual([hexId(4), hexId(2)]);
    expect(pages).toBe(2);
    // When the claims lapse (their holders died), all five are due again, most overdue first.
    expect((await store.listDueFeedPage(at(31), { limit: 10 })).items.map((f) => f.id)).toEqual([
      hexId(5),
      hexId(4),
      hexId(3),
      hexId(2),
      hexId(1),
    ]);
  });

  it("records the result and releases the claim in one write; the feed is due again at its next check", async () => {
    store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: T0 }));
    await store.claimFeed(ID, { owner: "worker-a", now: at(1), leaseMs: LEASE });
    const recorded = await store.finishFeedFetch(ID, "worker-a", {
      lastCheckedAt: at(1),
      nextCheckAt: at(300),
      status: "active",
      errorCount: 0,
      lastStatus: 304,
    });
    expect(recorded).toBe(true);
    expect(await store.getFeed(ID)).toMatchObject({ id: ID, lastStatus: 304, nextCheckAt: at(300) });
    // Released: the holder cannot renew or release it again, and nobody can claim it before its next check.
    expect(await store.renewFeedClaim(ID, "worker-a", at(2), LEASE)).toBe(false);
    expect(await store.claimFeed(ID, { owner: "queued-b", now: at(299), leaseMs: LEASE })).toBeNull();
    expect(await store.listDueFeeds(at(299))).toEqual([]);
    expect((await store.listDueFeeds(at(300))).map((f) => f.id)).toEqual([ID]);
    expect(await store.claimFeed(ID, { owner: "queued-b", now: at(300), leaseMs: LEASE })).not.toBeNull();
  });

  it("records nothing for a holder whose claim lapsed and was taken: the new holder's result stands", async () => {
    store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: T0 }));
    await store.claimFeed(ID, { owner: "worker-slow", now: at(1), leaseMs: LEASE });
    await store.claimFeed(ID, { owner: "worker-next", now: at(40), leaseMs: LEASE });
    await store.finishFeedFetch(ID, "worker-next", { etag: '"new"', nextCheckAt: at(340), lastStatus: 200 });
    expect(await store.finishFeedFetch(ID, "worker-slow", { etag: '"old"', nextCheckAt: at(301) })).toBe(false);
    expect(await store.getFeed(ID)).toMatchObject({ etag: '"new"', nextCheckAt: at(340) });
    expect(await store.finishFeedFetch("f0000000000000ff", "worker-slow", { lastStatus: 200 })).toBe(false);
  });

  it("a holder whose lease lapsed but was not taken still records and releases (nobody else fetched)", async () => {
    store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: T0 }));
    await store.claimFeed(ID, { owner: "worker-late", now: at(1), leaseMs: LEASE });
    expect(await store.finishFeedFetch(ID, "worker-late", { nextCheckAt: at(400), lastStatus: 304 })).toBe(true);
    expect(await store.getFeed(ID)).toMatchObject({ lastStatus: 304 });
    expect(await store.listDueFeeds(at(399))).toEqual([]);
  });

  it("a feed paused while its fetch ran keeps its status and stays off the due list; the rest is recorded", async () => {
    store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: T0 }));
    await store.claimFeed(ID, { owner: "worker-a", now: at(1), leaseMs: LEASE });
    await store.setFeedStatus(ID, "paused");
    const recorded = await store.finishFeedFetch(ID, "worker-a", {
      status: "active",
      nextCheckAt: at(300),
      lastStatus: 200,
      title: "Learnt meanwhile",
    });
    expect(recorded).toBe(true);
    expect(await store.getFeed(ID)).toMatchObject({ status: "paused", lastStatus: 200, title: "Learnt meanwhile" });
    expect(await store.listDueFeeds(at(10_000))).toEqual([]);
    // Released: resuming makes it claimable at once.
    await store.setFeedStatus(ID, "active", { nextCheckAt: at(5) });
    expect(await store.claimFeed(ID, { owner: "queued-b", now: at(5), leaseMs: LEASE })).not.toBeNull();
  });

  it("a fetch that disables the feed (410) takes it off the due list and releases the claim", async () => {
    store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: T0 }));
    await store.claimFeed(ID, { owner: "worker-a", now: at(1), leaseMs: LEASE });
    expect(await store.finishFeedFetch(ID, "worker-a", { status: "disabled", lastStatus: 410 })).toBe(true);
    expect(await store.getFeed(ID)).toMatchObject({ status: "disabled" });
    expect(await store.listDueFeeds(at(10_000))).toEqual([]);
    expect(await store.renewFeedClaim(ID, "worker-a", at(2), LEASE)).toBe(false);
  });

  it("a release without a result frees the feed at once: listed and claimable while it is still due", async () => {
    store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: T0 }));
    await store.claimFeed(ID, { owner: "worker-a", now: at(1), leaseMs: LEASE });
    expect(await store.listDueFeeds(at(2))).toEqual([]);
    expect(await store.releaseFeedClaim(ID, "worker-a")).toBe(true);
    expect((await store.listDueFeeds(at(2))).map((f) => f.id)).toEqual([ID]);
    expect(await store.claimFeed(ID, { owner: "worker-b", now: at(2), leaseMs: LEASE })).not.toBeNull();
  });
});
