import { makeFeed, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
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
});
