/**
 * BAD-INPUTS 31-32 through the local stack: the same delivery handled twice at once sends once; an endpoint that
 * keeps failing is retried on the schedule, its delivery ends failed and can be replayed; an endpoint failing for
 * five days is disabled and says so in the API; 410 Gone disables at once.
 */
import type { LocalStack } from "storywire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeDateClock } from "./support/clock.ts";
import { startFeedServer } from "./support/feed-server.ts";
import { startTestReceiver } from "./support/receiver.ts";
import { sampleItem } from "./support/samples.ts";
import { adminHeaders, startTestStack, subscribeWebhook, watchFeed } from "./support/stack.ts";

const HOUR = 3_600_000;
const sample = sampleItem;
type Sub = { id: string; status: string; disabledReason: string | null; failingSince: string | null };
type Deliveries = { deliveries: { id: string; state: string; attempt: number; lastError: string | null }[] };

describe("delivery lifecycle", () => {
  let stack: LocalStack;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  let receiver: Awaited<ReturnType<typeof startTestReceiver>>;
  let sub = "";
  const clock = fakeDateClock();
  const auth = adminHeaders;
  const get = async <T>(path: string) => (await fetch(`${stack.url}${path}`, { headers: auth })).json() as Promise<T>;
  const runFor = async (ms: number, step = 60_000) => {
    for (let t = 0; t < ms; t += step) {
      clock.advance(step);
      await stack.tick();
    }
  };

  beforeAll(async () => {
    feeds = await startFeedServer([]);
    receiver = await startTestReceiver();
    stack = await startTestStack(clock);
    sub = (await subscribeWebhook(stack, receiver, ["sco", "new-start", "ceasefire"])).id;
    await watchFeed(stack, feeds.url);
  });
  afterAll(async () => {
    clock.restore();
    await stack?.close();
    await feeds?.close();
    await receiver?.close();
  });

  it("sends once when the same delivery message is handled twice at once", async () => {
    receiver.down(503);
    feeds.setItems([sample("sco-defence-ministers")]);
    await runFor(2 * 60_000);
    const [delivery] = (await get<Deliveries>(`/subscriptions/${sub}/deliveries`)).deliveries;
    expect(delivery?.state).toBe("retrying");
    receiver.up();
    clock.advance(10 * 60_000);
    const job = { type: "deliver" as const, deliveryId: delivery?.id ?? "" };
    await stack.queue.send([job, job, job]);
    await stack.queue.idle();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.verified).toBe(true);
  });

  it("retries a failing endpoint on the schedule, then fails the delivery and lets it be replayed", async () => {
    receiver.down(500);
    feeds.setItems([sample("new-start-extension"), sample("sco-defence-ministers")]);
    await runFor(2 * 60_000);
    await runFor(32 * HOUR, 15 * 60_000); // 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, each ±10 %
    const attempts = receiver.attempts.filter((a) => a.status === 500);
    expect(new Set(attempts.map((a) => a.id)).size).toBe(1); // every retry carries the same webhook-id
    expect(attempts).toHaveLength(8);
    const failed = (await get<Deliveries>(`/subscriptions/${sub}/deliveries`)).deliveries.find(
      (d) => d.state === "failed",
    );
    expect(failed?.lastError).toMatch(/500/);
    expect((await get<Sub>(`/subscriptions/${sub}`)).failingSince).not.toBeNull();

    receiver.up();
    const replay = await fetch(`${stack.url}/deliveries/${failed?.id}/replay`, { method: "POST", headers: auth });
    expect(replay.status).toBe(202);
    await stack.queue.idle();
    expect(
      receiver.received.filter(
        (r) => r.payload?.data && (r.payload.data as { storyline: { id: string } }).storyline.id === "new-start",
      ),
    ).toHaveLength(1);
    expect((await get<Sub>(`/subscriptions/${sub}`)).failingSince).toBeNull();
  });

  it("disables an endpoint that has failed for five days and shows why", async () => {
    receiver.down(500);
    feeds.setItems([sample("abu-dhabi-talks"), sample("new-start-extension"), sample("sco-defence-ministers")]);
    await runFor(2 * 60_000);
    clock.advance(5 * 24 * HOUR);
    feeds.setItems([sample("sco-defence-ministers-update"), sample("abu-dhabi-talks"), sample("new-start-extension")]);
    await runFor(2 * 60_000);
    const state = await get<Sub>(`/subscriptions/${sub}`);
    expect(state.status).toBe("disabled");
    expect(state.disabledReason).toMatch(/failed since/);
  });

  it("disables at once on 410 Gone", async () => {
    const other = await startTestReceiver();
    try {
      const created = await fetch(`${stack.url}/subscriptions`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ storylines: ["sco"], channel: { type: "webhook", url: other.url } }),
      });
      const { id, secret } = (await created.json()) as { id: string; secret: string };
      other.setSecret(secret);
      other.down(410);
      const update = sample("sco-defence-ministers-update", "gone-test");
      update.paragraphs = [
        ...update.paragraphs,
        "On Friday the Chinese navy said three submarines and 20 aircraft would also take part, and Rear Admiral Liu Wei called the drill “the largest of its kind”.",
      ];
      feeds.setItems([update]);
      await runFor(2 * 60_000);
      const state = await get<Sub>(`/subscriptions/${id}`);
      expect(other.attempts.map((a) => a.status)).toContain(410);
      expect(state.status).toBe("disabled");
      expect(state.disabledReason).toMatch(/410/);
    } finally {
      await other.close();
    }
  });
});
