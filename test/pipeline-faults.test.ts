/**
 * BAD-INPUTS 14-16, 25-26 and 35 through the real local stack: what a failing, gone, throttling or odd feed does to
 * the feed's state, and that a process dying half-way through an item neither loses nor duplicates anything.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { LocalStack } from "storywire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeDateClock } from "./support/clock.ts";
import { rss } from "./support/feed-server.ts";
import { startTestReceiver } from "./support/receiver.ts";
import { sampleStory } from "./support/samples.ts";
import { startTestStack, subscribeWebhook, watchFeed } from "./support/stack.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe("feed faults and crash safety", () => {
  let stack: LocalStack;
  let handler: Handler = (_req, res) => res.writeHead(500).end();
  let base = "";
  const server = createServer((req, res) => handler(req, res));
  const clock = fakeDateClock();

  const addFeed = (path: string) => watchFeed(stack, `${base}${path}`);
  const feed = async (id: string) =>
    (await stack.store.getFeed(id)) as NonNullable<Awaited<ReturnType<LocalStack["store"]["getFeed"]>>>;
  const pollAgain = async (id: string) => {
    const due = Date.parse((await feed(id)).nextCheckAt);
    clock.advance(Math.max(0, due - clock.now().getTime()) + 1000);
    await stack.tick();
  };

  beforeAll(async () => {
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stack = await startTestStack(clock);
  });
  afterAll(async () => {
    clock.restore();
    await stack?.close();
    await new Promise((ok) => server.close(ok));
  });

  it("backs off on repeated 5xx, shows the feed as failing, and recovers on success", async () => {
    let ok = false;
    handler = (_req, res) =>
      ok ? res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss([])) : res.writeHead(503).end("down");
    const id = await addFeed("/flaky.xml");
    const gaps: number[] = [];
    for (let i = 0; i < 3; i++) {
      const f = await feed(id);
      gaps.push(Date.parse(f.nextCheckAt) - Date.parse(f.lastCheckedAt ?? f.nextCheckAt));
      await pollAgain(id);
    }
    const failing = await feed(id);
    expect(failing.status).toBe("failing");
    expect(failing.errorCount).toBe(4);
    expect(failing.lastError).toMatch(/503/);
    expect(gaps[2]).toBeGreaterThan(gaps[0] as number); // exponential backoff
    ok = true;
    await pollAgain(id);
    expect(await feed(id)).toMatchObject({ status: "active", errorCount: 0, lastError: null });
  });

  it("honours Retry-After on 429", async () => {
    handler = (_req, res) => res.writeHead(429, { "retry-after": "7200" }).end();
    const id = await addFeed("/throttled.xml");
    const f = await feed(id);
    expect(Date.parse(f.nextCheckAt) - Date.parse(f.lastCheckedAt as string)).toBeGreaterThanOrEqual(7200 * 1000);
  });

  it("disables a feed that answers 410 and says why", async () => {
    handler = (_req, res) => res.writeHead(410).end();
    const id = await addFeed("/gone.xml");
    const f = await feed(id);
    expect(f.status).toBe("disabled");
    expect(f.lastError).toMatch(/410/);
    const due = await stack.store.listDueFeeds(new Date(clock.now().getTime() + 86_400_000).toISOString());
    expect(due.map((d) => d.id)).not.toContain(id);
  });

  it("stores nothing new when a server ignores conditional headers, and one story per duplicate guid", async () => {
    const body = rss([
      { guid: "same", title: "A story told twice", paragraphs: ["Once."] },
      { guid: "same", title: "A story told twice (again)", paragraphs: ["Twice."] },
      { guid: "", title: "No guid and no link", paragraphs: ["Keyed by its content."] },
    ]);
    handler = (_req, res) => res.writeHead(200, { "content-type": "application/rss+xml" }).end(body);
    const id = await addFeed("/stubborn.xml");
    const first = await stack.store.listStories({ feedId: id });
    expect(first.items.map((s) => s.title).sort()).toEqual(["A story told twice", "No guid and no link"]);
    await pollAgain(id);
    await pollAgain(id);
    expect((await stack.store.listStories({ feedId: id })).items).toHaveLength(2);
    expect((await feed(id)).errorCount).toBe(0);
  });

  it("finishes an item after a crash between its alert and its story, without a second alert", async () => {
    const receiver = await startTestReceiver();
    try {
      await subscribeWebhook(stack, receiver, ["new-start"]);
      const s = sampleStory("new-start-extension");
      // Only this feed carries the story; the earlier tests' feeds (polled in the same ticks) stay empty.
      handler = (req, res) =>
        res
          .writeHead(200, { "content-type": "application/rss+xml" })
          .end(rss(req.url === "/crash.xml" ? [{ guid: s.slug, title: s.title, paragraphs: s.paragraphs }] : []));
      // The process "dies" when it writes the story: everything before it (event, alert, delivery) is written.
      const putStory = stack.store.putStory;
      stack.store.putStory = async () => {
        throw new Error("killed before the story was written");
      };
      const id = await addFeed("/crash.xml");
      stack.store.putStory = putStory;
      expect((await stack.store.listStories({ feedId: id })).items).toHaveLength(0);
      // The failed item is reported on the feed, which stays active: one item never fails the batch.
      expect(await feed(id)).toMatchObject({
        status: "active",
        lastError: expect.stringMatching(/1 item\(s\) could not be processed/),
      });

      await pollAgain(id); // restarted: the item is processed again and completed
      clock.advance(6_000); // a delivery tried before its story was stored retries 5 s later
      await stack.tick();
      const stories = (await stack.store.listStories({ feedId: id })).items;
      expect(stories).toHaveLength(1);
      expect(receiver.received.filter((r) => r.payload?.type === "storyline.first")).toHaveLength(1);
      const { events } = (await (await fetch(`${stack.url}/storylines/new-start/events`)).json()) as {
        events: { stories: unknown[] }[];
      };
      expect(events).toHaveLength(1);
      expect(events[0]?.stories).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it("alerts once when two feeds carry the same wire story in the same poll", async () => {
    const receiver = await startTestReceiver();
    try {
      await subscribeWebhook(stack, receiver, ["sco"]);
      const s = sampleStory("sco-defence-ministers");
      const wire = (req: IncomingMessage) =>
        req.url?.startsWith("/wire-") ? [{ guid: `${req.url}-copy`, title: s.title, paragraphs: s.paragraphs }] : [];
      handler = (req, res) => res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss(wire(req)));
      // Add both feeds without fetching, then let one scheduler run fetch them concurrently.
      const { newFeed } = await import("@storywire/pipeline");
      await stack.store.addFeed(newFeed(`${base}/wire-a.xml`, clock.now()));
      await stack.store.addFeed(newFeed(`${base}/wire-b.xml`, clock.now()));
      await stack.tick();
      const { events } = (await (await fetch(`${stack.url}/storylines/sco/events`)).json()) as {
        events: { stories: { relation: string }[] }[];
      };
      expect(events).toHaveLength(1);
      expect(events[0]?.stories.map((x) => x.relation).sort()).toEqual(["duplicate", "first"]);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});
