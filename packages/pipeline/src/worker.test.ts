/**
 * The fetch job's claim (worker.ts): a job for a feed another worker is fetching does nothing (a second job, or the
 * same message delivered twice); a live worker keeps its claim past the lease by renewing it; the claim is released
 * by the write that records the result, or at once when the check fails before it; and a 304 costs three writes.
 */

import { fetchedBody } from "@storywire/pipeline/test-support/fetched";
import { staticStorylines } from "@storywire/pipeline/test-support/storylines";
import type { Store } from "@storywire/store";
import { makeFeed, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fetcher } from "./fetcher.ts";
import { type Job, silentLogger, systemClock } from "./ports.ts";
import { runSchedule } from "./schedule.ts";
import { handleJob, parseJob, type WorkerDeps } from "./worker.ts";

const ID = "f000000000000001";
const LEASE_MS = 300;
const EMPTY_RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

/** A fetcher that takes `ms` to answer, counting its fetches; `status` 304 answers "not modified". */
function slowFetcher(ms: number, status: 200 | 304 = 200) {
  const stats = { fetches: 0 };
  const fetcher: Fetcher = {
    async fetchFeed(url) {
      stats.fetches += 1;
      await new Promise((ok) => setTimeout(ok, ms));
      return fetchedBody(EMPTY_RSS, { url, status, charset: "utf-8", notModified: status === 304 });
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

  it("the same job delivered twice while the first runs (an at-least-once queue) fetches once", async () => {
    const store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: new Date(Date.now() - 1000).toISOString() }));
    const jobs: Job[] = [];
    const queue = { send: async (sent: Job[]) => void jobs.push(...sent) };
    await runSchedule({ store, queue, clock: systemClock, logger: silentLogger, claimTimeoutMs: LEASE_MS });
    const [job] = jobs;
    expect(job).toMatchObject({ type: "fetch", feedId: ID, claim: expect.stringMatching(/^queued-/) });
    const { fetcher, stats } = slowFetcher(LEASE_MS / 2);
    await Promise.all([handleJob(job as Job, deps(store, fetcher)), handleJob(job as Job, deps(store, fetcher))]);
    expect(stats.fetches).toBe(1);
  });

  it("a 304 costs three conditional writes (claim, takeover, record-and-release) and no other read or write", async () => {
    const real = await env.freshStore();
    await real.addFeed(makeFeed({ nextCheckAt: new Date(Date.now() - 1000).toISOString(), etag: '"e1"' }));
    const calls: string[] = [];
    const store = new Proxy(real, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          calls.push(String(name));
          return value.apply(target, args);
        };
      },
    }) as Store;
    const jobs: Job[] = [];
    const queue = { send: async (sent: Job[]) => void jobs.push(...sent) };
    await runSchedule({ store, queue, clock: systemClock, logger: silentLogger, claimTimeoutMs: 60_000 });
    const { fetcher } = slowFetcher(1, 304);
    for (const job of jobs) await handleJob(job, { ...deps(store, fetcher), claimTimeoutMs: 60_000 });
    const perFeed = calls.filter((name) => name !== "listDueFeedPage" && name !== "listDueDeliveries");
    expect(perFeed).toEqual(["claimFeed", "claimFeed", "finishFeedFetch"]);
    const feed = await real.getFeed(ID);
    expect(feed).toMatchObject({ lastStatus: 304, etag: '"e1"' });
    expect(Date.parse(feed?.nextCheckAt ?? "")).toBeGreaterThan(Date.now());
  });

  it("a check that fails before it records anything frees the feed at once, so the job's retry can take it", async () => {
    const store = await env.freshStore();
    await store.addFeed(makeFeed({ nextCheckAt: new Date(Date.now() - 1000).toISOString() }));
    const { fetcher } = slowFetcher(1);
    const broken = new Proxy(store, {
      get(target, name, receiver) {
        if (name === "getSeenItems") return async () => Promise.reject(new Error("store unavailable"));
        return Reflect.get(target, name, receiver);
      },
    }) as Store;
    await expect(handleJob({ type: "fetch", feedId: ID }, deps(broken, fetcher))).rejects.toThrow(/store unavailable/);
    // The retry (same job) claims the feed and completes the check.
    await handleJob({ type: "fetch", feedId: ID }, deps(store, fetcher));
    expect(await store.getFeed(ID)).toMatchObject({ lastStatus: 200, errorCount: 0 });
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
