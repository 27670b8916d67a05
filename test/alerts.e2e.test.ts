/**
 * Issue 4 end to end on loopback: feed server -> poll -> story -> alert -> webhook receiver verifies the
 * signature; re-polls and a re-posted duplicate alert nobody; an update alerts with its new sentences; a receiver
 * that is down gets the alert exactly once after it comes back (time is moved by the test, never slept through).
 */
import Parser from "rss-parser";
import type { LocalStack } from "storywire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeDateClock } from "./support/clock.ts";
import { startFeedServer } from "./support/feed-server.ts";
import { startTestReceiver } from "./support/receiver.ts";
import { sampleItem } from "./support/samples.ts";
import { adminHeaders, startTestStack, subscribeWebhook, watchFeed } from "./support/stack.ts";

const sample = sampleItem;

describe("alerts end to end", () => {
  let stack: LocalStack;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  let receiver: Awaited<ReturnType<typeof startTestReceiver>>;
  let subscriptionId = "";
  const clock = fakeDateClock();
  const auth = adminHeaders;
  const api = async <T>(path: string, init?: RequestInit): Promise<T> =>
    (await fetch(`${stack.url}${path}`, init)).json() as Promise<T>;
  const poll = async () => {
    clock.advance(2 * 3_600_000);
    await stack.tick();
  };

  beforeAll(async () => {
    feeds = await startFeedServer([sample("sco-defence-ministers")]);
    receiver = await startTestReceiver();
    stack = await startTestStack(clock);
    const created = await subscribeWebhook(stack, receiver, ["sco", "ceasefire"]);
    expect(created.httpStatus).toBe(201);
    expect(created.secret).toMatch(/^whsec_/);
    subscriptionId = created.id;
    await watchFeed(stack, feeds.url);
  });
  afterAll(async () => {
    clock.restore();
    await stack?.close();
    await feeds?.close();
    await receiver?.close();
  });

  it("alerts the first report of an event with a verifiable Standard Webhooks signature", () => {
    expect(receiver.received).toHaveLength(1);
    const [first] = receiver.received;
    expect(first?.verified).toBe(true);
    expect(first?.payload?.type).toBe("storyline.first");
    expect(first?.payload?.data).toMatchObject({ relation: "first", storyline: { id: "sco" } });
  });

  it("stays quiet when the same feed is polled again", async () => {
    await poll();
    expect(feeds.stats.notModified).toBeGreaterThanOrEqual(1);
    expect(receiver.received).toHaveLength(1);
  });

  it("suppresses a re-post of the same story and keeps it in the event as a duplicate", async () => {
    feeds.setItems([sample("sco-defence-ministers-repost"), sample("sco-defence-ministers")]);
    await poll();
    expect(receiver.attempts).toHaveLength(1);
    const { events } = await api<{ events: { stories: { relation: string }[] }[] }>("/storylines/sco/events");
    expect(events).toHaveLength(1);
    expect(events[0]?.stories.map((s) => s.relation)).toEqual(["first", "duplicate"]);
  });

  it("delivers an update exactly once after the receiver was down, with the new sentences", async () => {
    receiver.down(500);
    feeds.setItems([
      sample("sco-defence-ministers-update"),
      sample("sco-defence-ministers-repost"),
      sample("sco-defence-ministers"),
    ]);
    clock.advance(2 * 3_600_000);
    await stack.tick();
    expect(receiver.attempts.at(-1)?.status).toBe(500);
    const { deliveries } = await api<{ deliveries: { state: string; lastError: string; lastStatus: number }[] }>(
      `/subscriptions/${subscriptionId}/deliveries`,
      { headers: auth },
    );
    const pending = deliveries.find((d) => d.state === "retrying");
    expect(pending?.lastStatus).toBe(500);
    expect(pending?.lastError).not.toMatch(/this body must never be stored/);

    clock.advance(6_000); // the 5 s retry is due: the sweeper picks it up, the receiver is still down
    await stack.tick();
    receiver.up();
    clock.advance(6 * 60_000); // the 5 min retry
    await stack.tick();
    clock.advance(60 * 60_000); // nothing left to send
    await stack.tick();

    const updates = receiver.received.filter((r) => r.payload?.type === "storyline.update");
    expect(updates).toHaveLength(1);
    expect(updates[0]?.verified).toBe(true);
    const novel = (updates[0]?.payload?.data as { novel?: string[] } | undefined)?.novel ?? [];
    expect(novel.join(" ")).toMatch(/12 warships/);
    const attemptsForUpdate = receiver.attempts.filter((a) => a.id === updates[0]?.id);
    expect(attemptsForUpdate.map((a) => a.status)).toEqual([500, 500, 204]); // one id across every retry
  });

  it("publishes the storyline's alerts as Atom 1.0 and JSON Feed 1.1", async () => {
    const response = await fetch(`${stack.url}/storylines/sco/alerts.atom`);
    const atom = await response.text();
    expect(response.headers.get("content-type"), atom).toMatch(/atom/);
    const parsed = await new Parser().parseString(atom);
    expect(parsed.items.map((i) => i.title)).toHaveLength(2);
    const json = await api<{ version: string; items: { id: string; title: string }[] }>("/storylines/sco/alerts.json");
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.items).toHaveLength(2);
    const sub = await api<{ feeds: { atom: string; json: string } }>(`/subscriptions/${subscriptionId}`, {
      headers: auth,
    });
    const subFeed = (await (await fetch(sub.feeds.json)).json()) as { items: unknown[] };
    expect(subFeed.items).toHaveLength(2);
  });

  it("sends a test alert on request", async () => {
    const res = await api<{ ok: boolean; status: number }>(`/subscriptions/${subscriptionId}/test`, {
      method: "POST",
      headers: auth,
    });
    expect(res).toMatchObject({ ok: true, status: 204 });
    expect(receiver.received.at(-1)?.payload?.type).toBe("storyline.test");
  });
});
