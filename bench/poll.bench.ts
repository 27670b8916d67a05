/**
 * Polling: 1,000 feeds on 10 loopback hosts (127.0.0.1-10, 100 feeds each, 2 items per feed, every answer after
 * 5 ms, so that requests to one host overlap and the per-host limit has work to do) through the real
 * pipeline of the local runtime: one scheduler run queues every due feed, the in-process queue runs the ingests
 * (conditional GET through the hardened fetcher, parse, normalize, score, store in embedded DynamoDB). Round 1:
 * every feed answers 200 and its items are stored. The clock then moves past the poll interval and round 2 asks
 * again: every feed answers 304 (the ETag matched) and nothing is parsed. Seconds per round; the queue's
 * concurrency; the most requests any one host served at once, counted at the servers, against the fetcher's
 * per-host limit. Target (issue 10): the all-304 round <= 5 s.
 *
 *   npx tsx bench/poll.bench.ts
 */
import { pathToFileURL } from "node:url";
import { canonicalUrl, newFeed, PER_HOST_CONCURRENCY, silentLogger } from "@storywire/pipeline";
import { QUEUE_CONCURRENCY, startLocalStack } from "storywire";
import { loopbackConfig } from "../test/support/stack.ts";
import { type BenchContext, consoleContext } from "./context.ts";
import { startFeedFarm } from "./support/feed-farm.ts";

const HOSTS = 10;
const FEEDS_PER_HOST = 100;
const ITEMS = 2;
const SERVER_DELAY_MS = 5;
const HOUR = 3_600_000;

export async function run({ print, record }: BenchContext): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const farm = await startFeedFarm({
    hosts: HOSTS,
    feedsPerHost: FEEDS_PER_HOST,
    items: ITEMS,
    delayMs: SERVER_DELAY_MS,
  });
  let offset = 0;
  const clock = { now: () => new Date(Date.now() + offset) };
  const config = loopbackConfig({ pollIntervalSeconds: 300, fullTextBudget: 0 });
  const stack = await startLocalStack(config, {
    inMemory: true,
    scheduler: false,
    seedFeeds: false,
    logger: silentLogger,
    clock,
    queueSchedule: () => undefined,
  });
  try {
    const added = clock.now();
    for (let i = 0; i < farm.urls.length; i += 50) {
      const urls = farm.urls.slice(i, i + 50);
      await Promise.all(urls.map((url) => stack.store.addFeed(newFeed(canonicalUrl(url), added))));
    }
    const feeds = farm.urls.length;
    print(
      `${feeds} feeds on ${HOSTS} loopback hosts answering after ${SERVER_DELAY_MS} ms, ${ITEMS} items each; queue concurrency ${QUEUE_CONCURRENCY}, per-host limit ${PER_HOST_CONCURRENCY}`,
    );

    const round = async (label: string, expect: "ok" | "notModified") => {
      farm.resetStats();
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      await stack.tick();
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      const stats = farm.stats();
      if (stats[expect] !== feeds) {
        throw new Error(`${label}: expected ${feeds} answers of ${expect}, got ${JSON.stringify(stats)}.`);
      }
      print(
        `${label}: ${seconds.toFixed(2)} s (${(feeds / seconds).toFixed(0)} feeds/s, ${cpuSeconds.toFixed(2)} s of CPU); at most ${stats.maxPerHost} requests per host at once (${stats.maxSocketsPerHost} sockets, closing ones included)`,
      );
      return { seconds, cpuSeconds, maxPerHost: stats.maxPerHost };
    };

    const first = await round("round 1, all 200", "ok");
    const stories = (await stack.store.listStories({ limit: 1 })).items.length;
    if (stories === 0) throw new Error("round 1 stored no story.");
    offset += 2 * HOUR; // past the poll interval, and past the longest wait of a quiet feed
    const second = await round("round 2, all 304", "notModified");

    record("poll_feeds", feeds);
    record("poll_200_s", first.seconds);
    record("poll_304_s", second.seconds);
    record("poll_304_cpu_s", second.cpuSeconds);
    record("poll_concurrency", QUEUE_CONCURRENCY);
    record("poll_per_host_limit", PER_HOST_CONCURRENCY);
    record("poll_max_per_host", Math.max(first.maxPerHost, second.maxPerHost));
    print(`target: the all-304 round <= 5 s; no host above ${PER_HOST_CONCURRENCY} requests at once`);
  } finally {
    await stack.close();
    await farm.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(consoleContext()).catch((error: unknown) => {
    console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
