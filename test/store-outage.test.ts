/**
 * BAD-INPUTS 36 and issue 11: the embedded store frozen, then stopped and restarted, while the local stack is under
 * load (API reads and writes from several clients, a feed being ingested, alerts being delivered). No answer is a
 * 500: the API says 503 with Retry-After and a store_unavailable problem document, or succeeds; every write that
 * was acknowledged is there afterwards, every write retried after a 503 lands, the pipeline catches up (every item
 * stored, every alert delivered once), and the scheduler says once that it backs off and once that the store is back.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "@storywire/pipeline";
import { type LocalDynamo, startLocalDynamo } from "@storywire/store/local";
import { type FaultProxy, startFaultProxy } from "@storywire/store/test-support/fault-proxy";
import { type LocalStack, startLocalStack } from "storywire";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startFeedServer, type TestItem } from "./support/feed-server.ts";
import { startTestReceiver } from "./support/receiver.ts";
import { sampleItem } from "./support/samples.ts";
import { adminHeaders, loopbackConfig } from "./support/stack.ts";

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

interface Answer {
  what: string;
  status: number;
  retryAfter: string | null;
  type: string | null;
  code?: string;
}

describe("the store frozen, stopped and restarted under load", () => {
  const path = join(mkdtempSync(join(tmpdir(), "storywire-outage-")), "dynamo");
  let dynamo: LocalDynamo;
  let port = 0;
  let proxy: FaultProxy;
  let stack: LocalStack;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  /** The feeds the clients add: empty, so that only the watched feed makes stories. */
  let empty: Awaited<ReturnType<typeof startFeedServer>>;
  let receiver: Awaited<ReturnType<typeof startTestReceiver>>;
  const lines: { level: string; message: string }[] = [];
  const logger: Logger = {
    info: (message) => lines.push({ level: "info", message }),
    warn: (message) => lines.push({ level: "warn", message }),
    error: (message) => lines.push({ level: "error", message }),
  };

  beforeAll(async () => {
    dynamo = await startLocalDynamo({ path });
    port = Number(new URL(dynamo.endpoint).port);
    proxy = await startFaultProxy(dynamo.endpoint);
    feeds = await startFeedServer([sampleItem("sco-defence-ministers")]);
    empty = await startFeedServer([]);
    receiver = await startTestReceiver();
    const config = loopbackConfig({ pollIntervalSeconds: 1, claimTimeoutSeconds: 3, dynamoEndpoint: proxy.endpoint });
    stack = await startLocalStack(config, { inMemory: true, logger });
  });
  afterAll(async () => {
    await stack?.close();
    await proxy?.close();
    await dynamo?.close();
    await feeds?.close();
    await empty?.close();
    await receiver?.close();
  });

  const call = async (what: string, path: string, init: RequestInit = {}): Promise<Answer & { body: unknown }> => {
    const res = await fetch(`${stack.url}${path}`, { ...init, headers: adminHeaders });
    const type = res.headers.get("content-type");
    const body = type?.includes("json") ? await res.json() : await res.text();
    return {
      what,
      status: res.status,
      retryAfter: res.headers.get("retry-after"),
      type,
      code: (body as { code?: string })?.code,
      body,
    };
  };

  it("answers 503 with Retry-After (never 500), loses no write, and catches up when the store is back", async () => {
    // The API logs each store failure; collected here instead of filling the test output.
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const subscription = await call("subscribe", "/subscriptions", {
      method: "POST",
      body: JSON.stringify({ storylines: ["sco", "new-start"], channel: { type: "webhook", url: receiver.url } }),
    });
    expect(subscription.status).toBe(201);
    receiver.setSecret((subscription.body as { secret: string }).secret);
    const feedAnswer = await call("watch", "/feeds", { method: "POST", body: JSON.stringify({ url: feeds.url }) });
    expect(feedAnswer.status).toBe(201);
    const feedId = (feedAnswer.body as { id: string }).id;

    const answers: Answer[] = [];
    const acknowledged = { feeds: new Set<string>(), subscriptions: new Set<string>() };
    const intendedFeeds: string[] = [];
    let stop = false;

    // Clients that keep reading and writing; a write answered 503 is retried until it succeeds, as a client would.
    const client = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const reads = await Promise.all([call("stories", "/stories?limit=5"), call("feeds", "/feeds")]);
        answers.push(...reads);
        const url = `${empty.url}?client=${n}&n=${i}`;
        intendedFeeds.push(url);
        for (;;) {
          const added = await call("add feed", "/feeds", { method: "POST", body: JSON.stringify({ url }) });
          answers.push(added);
          if (added.status === 201 || added.status === 200) {
            acknowledged.feeds.add((added.body as { id: string }).id);
            break;
          }
          await sleep(300);
        }
        const sub = await call("subscribe", "/subscriptions", {
          method: "POST",
          body: JSON.stringify({ storylines: ["ceasefire"], channel: { type: "feed" } }),
        });
        answers.push(sub);
        if (sub.status === 201) acknowledged.subscriptions.add((sub.body as { id: string }).id);
        await sleep(100);
      }
    };
    const clients = [0, 1, 2].map(client);

    await sleep(1_500);
    // Frozen: connections accepted, never answered.
    await proxy.setMode("frozen");
    feeds.setItems([sampleItem("abu-dhabi-talks"), sampleItem("sco-defence-ministers")]);
    await sleep(3_000);
    await proxy.setMode("pass");
    // Stopped: the embedded store itself goes away, and comes back on the same port with the same data.
    await dynamo.close();
    const items: TestItem[] = [
      sampleItem("new-start-extension"),
      sampleItem("abu-dhabi-talks"),
      sampleItem("sco-defence-ministers"),
    ];
    feeds.setItems(items);
    await sleep(4_000);
    dynamo = await startLocalDynamo({ path, port });
    await sleep(2_000);
    stop = true;
    await Promise.all(clients);

    // Catching up: every item stored, every alert delivered.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const stored = (await stack.store.listStories({ limit: 100, feedId })).items.length;
      const deliveries = (await stack.store.listDeliveries((subscription.body as { id: string }).id)).items;
      if (stored === items.length && deliveries.length > 0 && deliveries.every((d) => d.state === "delivered")) break;
      if (Date.now() > deadline) throw new Error(`did not catch up: ${stored} stories, ${JSON.stringify(deliveries)}`);
      await sleep(500);
    }

    const failures = answers.filter((a) => a.status >= 400);
    expect(failures.length, "the outage was seen by the clients").toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure, failure.what).toMatchObject({
        status: 503,
        retryAfter: "5",
        type: "application/problem+json",
        code: "store_unavailable",
      });
    }
    for (const id of acknowledged.feeds) expect(await stack.store.getFeed(id), `feed ${id}`).not.toBeNull();
    for (const id of acknowledged.subscriptions) expect(await stack.store.getSubscription(id), id).not.toBeNull();
    const watched = new Set((await stack.store.listFeeds()).map((f) => f.url));
    for (const url of intendedFeeds) expect(watched.has(url), url).toBe(true);

    const ids = receiver.received.filter((r) => r.verified).map((r) => r.id);
    expect(new Set(ids).size).toBe(
      (await stack.store.listDeliveries((subscription.body as { id: string }).id)).items.length,
    );
    expect(lines.filter((l) => /backing off/.test(l.message))).toHaveLength(1);
    expect(lines.filter((l) => /store is back/.test(l.message))).toHaveLength(1);
    // What the API logged: store failures answered 503, never an unhandled error.
    const apiLines = logged.mock.calls.map(
      (call) => JSON.parse(String(call[0])) as { message: string; status?: number },
    );
    logged.mockRestore();
    expect(apiLines.every((line) => line.message === "store error" && line.status === 503)).toBe(true);
  }, 90_000);
});
