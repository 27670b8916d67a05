/**
 * Digest subscriptions end to end on loopback: an hourly webhook subscription gets nothing while the hour runs,
 * then ONE signed `storyline.digest` with every alert of the hour once the clock passes the UTC hour boundary;
 * the sweeper running again sends nothing more. A feed-channel digest sends nothing and is marked delivered.
 */
import type { LocalStack } from "storywire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeDateClock } from "./support/clock.ts";
import { startFeedServer } from "./support/feed-server.ts";
import { startTestReceiver } from "./support/receiver.ts";
import { sampleItem } from "./support/samples.ts";
import { adminHeaders, startTestStack, watchFeed } from "./support/stack.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const sample = sampleItem;
const untilNextHour = () => HOUR - (Date.now() % HOUR);

type Deliveries = { deliveries: { id: string; state: string; lastError: string | null }[] };
type DigestAlert = { relation: string; storyline: { id: string }; story: { title: string } };

describe("hourly digest end to end", () => {
  let stack: LocalStack;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  let receiver: Awaited<ReturnType<typeof startTestReceiver>>;
  let webhookSub = "";
  let feedSub = "";
  const clock = fakeDateClock();
  const get = async <T>(path: string) =>
    (await fetch(`${stack.url}${path}`, { headers: adminHeaders })).json() as Promise<T>;
  const subscribe = async (channel: Record<string, string>) => {
    const res = await fetch(`${stack.url}/subscriptions`, {
      method: "POST",
      headers: adminHeaders,
      body: JSON.stringify({ storylines: ["sco", "ceasefire", "new-start"], mode: "hourly", channel }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; secret: string };
  };
  const runFor = async (ms: number, step = MINUTE) => {
    for (let t = 0; t < ms; t += step) {
      clock.advance(step);
      await stack.tick();
    }
  };
  const statesOf = async (sub: string) =>
    (await get<Deliveries>(`/subscriptions/${sub}/deliveries`)).deliveries.map((d) => d.state);

  beforeAll(async () => {
    // Start five minutes into an hour, so that everything below is ingested within that one hour.
    clock.advance(untilNextHour() + 5 * MINUTE);
    feeds = await startFeedServer([]);
    receiver = await startTestReceiver();
    stack = await startTestStack(clock);
    const webhook = await subscribe({ type: "webhook", url: receiver.url });
    receiver.setSecret(webhook.secret);
    webhookSub = webhook.id;
    feedSub = (await subscribe({ type: "feed" })).id;
    await watchFeed(stack, feeds.url);
  });
  afterAll(async () => {
    clock.restore();
    await stack?.close();
    await feeds?.close();
    await receiver?.close();
  });

  it("sends nothing while the hour runs", async () => {
    feeds.setItems([sample("sco-defence-ministers")]);
    await runFor(10 * MINUTE);
    feeds.setItems([sample("sco-defence-ministers"), sample("abu-dhabi-talks")]);
    await runFor(10 * MINUTE);
    feeds.setItems([sample("sco-defence-ministers"), sample("abu-dhabi-talks"), sample("new-start-extension")]);
    await runFor(10 * MINUTE);
    expect(untilNextHour()).toBeGreaterThan(20 * MINUTE); // still the same hour
    expect(await statesOf(webhookSub)).toEqual(["pending", "pending", "pending"]);
    expect(await statesOf(feedSub)).toEqual(["pending", "pending", "pending"]);
    expect(receiver.attempts).toHaveLength(0);
  });

  it("sends one verified storyline.digest with the hour's three alerts after the boundary", async () => {
    clock.advance(untilNextHour() + MINUTE);
    await stack.tick();
    expect(receiver.attempts).toHaveLength(1);
    const [digest] = receiver.received;
    expect(digest?.verified).toBe(true);
    expect(digest?.id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(digest?.payload?.type).toBe("storyline.digest");
    const data = digest?.payload?.data as { period: string; alerts: DigestAlert[] };
    expect(data.period).toBe("hourly");
    expect(data.alerts).toHaveLength(3);
    // Oldest first, each a first report of its storyline.
    expect(data.alerts.map((a) => a.storyline.id)).toEqual(["sco", "ceasefire", "new-start"]);
    expect(data.alerts.every((a) => a.relation === "first")).toBe(true);
  });

  it("sends nothing more when the sweeper runs again, and shows every delivery delivered", async () => {
    await runFor(3 * MINUTE);
    clock.advance(2 * HOUR);
    await stack.tick();
    expect(receiver.attempts).toHaveLength(1);
    expect(await statesOf(webhookSub)).toEqual(["delivered", "delivered", "delivered"]);
    expect(await statesOf(feedSub)).toEqual(["delivered", "delivered", "delivered"]);
  });
});
