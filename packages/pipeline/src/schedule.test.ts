import type { Store } from "@storywire/store";
import { startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newFeed } from "./feeds.ts";
import { type Job, silentLogger } from "./ports.ts";
import { runSchedule } from "./schedule.ts";

/** A small page, so that a few hundred feeds take several pages. */
const PAGE = 100;

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});

const NOW = new Date("2026-11-25T12:00:00.000Z");

function recordingQueue() {
  const sent: Job[][] = [];
  return { sent, send: async (jobs: Job[]) => void sent.push(jobs) };
}

async function storeWithFeeds(count: number): Promise<Store> {
  const store = await dynamo.freshStore();
  for (let i = 0; i < count; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, count - i) }, (_, n) =>
        store.addFeed(newFeed(`http://127.0.0.1:9/feed/${i + n}`, new Date(NOW.getTime() - 60_000))),
      ),
    );
  }
  return store;
}

describe("runSchedule", () => {
  it("queues every due feed in one run, a page at a time, each once with its claim", async () => {
    const count = 2 * PAGE + 50;
    const store = await storeWithFeeds(count);
    const queue = recordingQueue();
    const deps = { store, queue, clock: { now: () => NOW }, logger: silentLogger, feedPageSize: PAGE };
    const result = await runSchedule(deps);
    expect(result).toEqual({ feeds: count, deliveries: 0 });
    expect(queue.sent.map((jobs) => jobs.length)).toEqual([PAGE, PAGE, 50]);
    const jobs = queue.sent.flat().filter((job) => job.type === "fetch");
    expect(new Set(jobs.map((job) => job.feedId)).size).toBe(count);
    expect(jobs.every((job) => typeof job.claim === "string" && job.claim.startsWith("queued-"))).toBe(true);

    // Every feed is claimed: a second run (or another scheduler) queues none of them again.
    const again = await runSchedule(deps);
    expect(again).toEqual({ feeds: 0, deliveries: 0 });
  }, 60_000);
});
