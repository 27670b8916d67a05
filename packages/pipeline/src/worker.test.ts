/**
 * The fetch job's claim (worker.ts): a job for a feed another worker is fetching does nothing; a live worker keeps
 * its claim past the lease by renewing it; the claim is released when the fetch is done.
 */

import { staticStorylines } from "@storywire/pipeline/test-support/storylines";
import type { Store } from "@storywire/store";
import { makeFeed, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FetchedBody, Fetcher } from "./fetcher.ts";
import { silentLogger, systemClock } from "./ports.ts";
import { handleJob, parseJob, type WorkerDeps } from "./worker.ts";

const ID = "f000000000000001";
const LEASE_MS = 300;
const EMPTY_RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

/** A fetcher that takes `ms` to answer, counting its fetches. */
function slowFetcher(ms: number) {
  const stats = { fetches: 0 };
  const fetcher: Fetcher = {
    async fetchFeed(url) {
      stats.fetches += 1;
      await new Promise((ok) => setTimeout(ok, ms));
      const body: FetchedBody = {
        status: 200,
        url,
        body: new TextEncoder().encode(EMPTY_RSS),
        charset: "utf-8",
        etag: null,
        lastModified: null,
        retryAfterMs: null,
        maxAgeMs: null,
        permanentRedirect: null,
        notModified: false,
      };
      return body;
    },
    fetchPage: async () => {
      throw new Error("no pages here");
    },
  };
  return { fetcher, stats };
}

function deps(store: Store, fetcher: Fetcher): WorkerDeps {
  return {
    store,
    queue: { send: async () => {} },
    fetcher,
    clock: systemClock,
    logger: silentLogger,
    storylines: staticStorylines(),
    pollIntervalMs: 60_000,
    fullTextBudget: 0,
    post: async () => ({ ok: true, status: 204, retryAfterMs: null }),
    publicUrl: "http://localhost",
    allowPrivateNetworks: true,
    claimTimeoutMs: LEASE_MS,
  };
}

describe("fetch jobs and the feed claim", () => {
  it("a live worker keeps its claim past the lease (renewed), so a second job for the feed does nothing", async () => {
    const store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: new Date(Date.now() - 1000).toISOString() }));
    const { fetcher, stats } = slowFetcher(4 * LEASE_MS);
    const first = handleJob({ type: "fetch", feedId: ID }, deps(store, fetcher));
    await new Promise((ok) => setTimeout(ok, 2 * LEASE_MS));
    // Two leases in, the first worker still fetches: a second job must not fetch the feed again.
    await handleJob({ type: "fetch", feedId: ID }, deps(store, fetcher));
    await first;
    expect(stats.fetches).toBe(1);
    // Released and rescheduled: the feed is due again only at its next check.
    const feed = await store.getFeed(ID);
    expect(Date.parse(feed?.nextCheckAt ?? "")).toBeGreaterThan(Date.now());
    expect(await store.claimFeed(ID, { owner: "late", now: new Date(), leaseMs: LEASE_MS })).toBeNull();
  });

  it("parses fetch jobs with and without their queued claim, and refuses a malformed claim", () => {
    expect(parseJob(JSON.stringify({ type: "fetch", feedId: ID }))).toEqual({ type: "fetch", feedId: ID });
    expect(parseJob(JSON.stringify({ type: "fetch", feedId: ID, claim: "queued-1f2e" }))).toEqual({
      type: "fetch",
      feedId: ID,
      claim: "queued-1f2e",
    });
    expect(() => parseJob(JSON.stringify({ type: "fetch", feedId: ID, claim: "x y" }))).toThrow(/not a Storywire job/);
  });
});
