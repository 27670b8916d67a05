/**
 * The feed claim through the local stack: a new feed is fetched once at creation, however the scheduler races
 * it; a worker that died holding a claim blocks its feed for one claim timeout (60 s), not ten minutes; and the
 * local data folder is owner-only.
 */
import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "@storywire/pipeline";
import { type LocalStack, loadConfig, startLocalStack } from "storywire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeDateClock } from "./support/clock.ts";
import { startFeedServer } from "./support/feed-server.ts";
import { sampleItem } from "./support/samples.ts";
import { adminHeaders, startTestStack } from "./support/stack.ts";

describe("feed claims through the local stack", () => {
  let stack: LocalStack;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  const clock = fakeDateClock();

  beforeAll(async () => {
    feeds = await startFeedServer([sampleItem("sco-defence-ministers")]);
    stack = await startTestStack(clock);
  });
  afterAll(async () => {
    clock.restore();
    await stack?.close();
    await feeds?.close();
  });

  it("fetches a new feed once at creation, even with scheduler runs at the same moment", async () => {
    const [res] = await Promise.all([
      fetch(`${stack.url}/feeds`, { method: "POST", headers: adminHeaders, body: JSON.stringify({ url: feeds.url }) }),
      stack.tick(),
      stack.tick(),
    ]);
    expect(res?.status).toBe(201);
    await stack.tick();
    await stack.queue.idle();
    expect(feeds.stats.requests).toBe(1);
    expect((await stack.store.listStories()).items).toHaveLength(1);
  });

  it("a claim left by a worker that died blocks the feed for one claim timeout, then the next run fetches it", async () => {
    const [feed] = await stack.store.listFeeds();
    const id = feed?.id ?? "";
    // Due now, and claimed by a worker that then died (never renewed, never released).
    await stack.store.updateFeedFetchState(id, { nextCheckAt: clock.now() });
    expect(await stack.store.claimFeed(id, { owner: "worker-dead", now: clock.now(), leaseMs: 60_000 })).not.toBeNull();
    const before = feeds.stats.requests;
    clock.advance(59_000);
    await stack.tick();
    expect(feeds.stats.requests).toBe(before);
    clock.advance(2_000);
    await stack.tick();
    expect(feeds.stats.requests).toBe(before + 1);
    expect(await stack.store.getFeed(id)).toMatchObject({ lastStatus: expect.any(Number), errorCount: 0 });
  });
});

describe("the local data folder on disk", () => {
  it("is owner-only: the folder, the embedded DynamoDB's files and the kept admin key", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "storywire-perms-")), ".storywire");
    const config = loadConfig({ env: {}, overrides: { port: 0, feeds: [], dataDir, adminKey: undefined } });
    const stack = await startLocalStack(config, { scheduler: false, logger: silentLogger });
    try {
      await stack.store.addFeed({
        id: "f000000000000001",
        url: "https://news.example/feed.xml",
        title: null,
        createdAt: new Date().toISOString(),
        status: "active",
        etag: null,
        lastModified: null,
        lastCheckedAt: null,
        nextCheckAt: new Date().toISOString(),
        errorCount: 0,
        lastError: null,
        lastStatus: null,
      });
      expect(stack.adminKeyFile).toBe(join(dataDir, "admin-key"));
    } finally {
      await stack.close();
    }
    const walk = (path: string): string[] =>
      statSync(path).isDirectory() ? [path, ...readdirSync(path).flatMap((e) => walk(join(path, e)))] : [path];
    const entries = walk(dataDir);
    expect(entries.length).toBeGreaterThan(3);
    for (const entry of entries) {
      const mode = statSync(entry).mode & 0o777;
      expect(mode & 0o077, `${entry} is ${mode.toString(8)}`).toBe(0);
    }
    // The same key on the next start: stored secrets stay readable.
    const again = await startLocalStack(config, { scheduler: false, logger: silentLogger });
    try {
      expect(again.adminKey).toBe(stack.adminKey);
    } finally {
      await again.close();
    }
  });
});
