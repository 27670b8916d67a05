import { generateWebhookSecret, type HttpPoster } from "@storywire/channels";
import { digestMessageId } from "@storywire/core/ids";
import { staticStorylines } from "@storywire/pipeline/test-support/storylines";
import type { Delivery, Store, Subscription } from "@storywire/store";
import { hexId, makeStory, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Job, silentLogger } from "../ports.ts";
import { deliverOne } from "./deliver.ts";
import { claimableAt, DIGEST_LOOKBACK_MS, dueDigestDeliveries, MAX_DIGEST_ALERTS } from "./digest.ts";
import type { DeliverDeps } from "./types.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A clock that follows real time plus an offset (receivers check webhook timestamps against real time). */
function offsetClock() {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), setOffset: (ms: number) => (offset = ms) };
}

interface Posted {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** An HttpPoster stand-in that records what it is sent and answers with `status`. */
function recordingPoster() {
  const posted: Posted[] = [];
  let status = 204;
  const post: HttpPoster = async (url, body, options) => {
    posted.push({ url, body, headers: options.headers ?? {} });
    return { ok: status < 300, status, retryAfterMs: null };
  };
  return { post, posted, answer: (next: number) => (status = next) };
}

describe("digest delivery through the store", () => {
  let env: TestDynamo;
  beforeAll(async () => {
    env = await startTestDynamo();
  });
  afterAll(() => env.close());

  /** The start of the current UTC hour: the boundary the seeded digests were held until. */
  const boundary = () => Math.floor(Date.now() / HOUR) * HOUR;
  const secret = generateWebhookSecret();

  async function setup(options: { channel?: Subscription["channel"]; mode?: Subscription["mode"] } = {}) {
    const clock = offsetClock();
    const store = await env.freshStore(clock.now);
    const poster = recordingPoster();
    const queued: { jobs: Job[]; delaySeconds: number | undefined }[] = [];
    const deps: DeliverDeps = {
      store,
      queue: { send: async (jobs, delaySeconds) => void queued.push({ jobs, delaySeconds }) },
      clock,
      logger: silentLogger,
      storylines: staticStorylines(),
      post: poster.post,
      publicUrl: "https://storywire.example.org/api",
      allowPrivateNetworks: true,
      // The retry jitter at its middle: waits exactly as the schedule says.
      random: () => 0.5,
    };
    const { subscription: sub } = await store.createSubscription({
      id: "sub-digest",
      storylines: ["sco", "ceasefire", "new-start"],
      minScore: 0,
      filters: {},
      mode: options.mode ?? "hourly",
      channel: options.channel ?? { type: "webhook", url: "https://hooks.example.org/in" },
      secret,
      feedToken: "tok_digest_0123456789abcdef0123",
      createdAt: new Date(boundary() - 2 * HOUR).toISOString(),
    });
    return { clock, store, poster, queued, deps, sub };
  }

  /** Stores `count` alerts (story, alert record, delivery held until `notBefore`); returns the delivery ids. */
  async function seed(
    store: Store,
    sub: Subscription,
    from: number,
    count: number,
    at: { createdAt: number; notBefore: number; storeStory?: boolean },
  ) {
    const ids: string[] = [];
    for (let i = from; i < from + count; i++) {
      const createdAt = new Date(at.createdAt + i * 1000).toISOString();
      const story = makeStory({ id: hexId(i), key: `k${i}`, title: `Story ${i}`, fetchedAt: createdAt });
      if (at.storeStory !== false) await store.putStory(story);
      const { alert } = await store.putAlert({
        storylineId: "sco",
        storyId: story.id,
        eventId: null,
        relation: "first",
        title: story.title,
        url: story.url,
        source: story.source,
        publishedAt: story.publishedAt,
        novel: [],
        storylineScore: 0.8,
        framingLabel: null,
        framingSummary: null,
        createdAt,
      });
      const { delivery } = await store.enqueueDelivery({
        subscriptionId: sub.id,
        storyId: story.id,
        storylineId: "sco",
        alertId: alert.id,
        createdAt,
        notBefore: new Date(at.notBefore).toISOString(),
      });
      ids.push(delivery.id);
    }
    return ids;
  }

  const states = async (store: Store, ids: string[]) =>
    Promise.all(ids.map(async (id) => (await store.getDelivery(id))?.state));
  const verify = (p: Posted) =>
    new Webhook(secret).verify(p.body, p.headers) as { type: string; data: { period: string; alerts: Alert[] } };
  type Alert = { story: { id: string; title: string } };

  it("holds deliveries until the boundary, then sends one digest however many of its jobs run at once", async () => {
    const { clock, store, poster, deps, sub } = await setup();
    const period = await seed(store, sub, 1, 3, { createdAt: boundary() - 20 * MINUTE, notBefore: boundary() });
    const [later] = await seed(store, sub, 4, 1, { createdAt: Date.now(), notBefore: boundary() + HOUR });

    clock.setOffset(boundary() - Date.now() - MINUTE); // a minute before the boundary
    expect(await deliverOne(period[0] as string, deps)).toBe("not-claimed");
    expect(poster.posted).toHaveLength(0);

    clock.setOffset(0);
    const outcomes = await Promise.all([...period, ...period].map((id) => deliverOne(id, deps)));
    expect(outcomes.filter((o) => o === "delivered")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "not-claimed")).toHaveLength(5);
    expect(poster.posted).toHaveLength(1);
    const [sent] = poster.posted as [Posted];
    const payload = verify(sent);
    expect(payload.type).toBe("storyline.digest");
    expect(payload.data.period).toBe("hourly");
    expect(payload.data.alerts.map((a) => a.story.title)).toEqual(["Story 1", "Story 2", "Story 3"]);
    expect(sent.headers["webhook-id"]).toBe(digestMessageId(sub.id, period));
    expect(await states(store, [...period, later as string])).toEqual([
      "delivered",
      "delivered",
      "delivered",
      "pending",
    ]);
    expect((await store.getSubscription(sub.id))?.lastDeliveryAt).not.toBeNull();

    // The sweeper queueing them again changes nothing.
    expect(await Promise.all(period.map((id) => deliverOne(id, deps)))).toEqual(Array(3).fill("not-claimed"));
    expect(poster.posted).toHaveLength(1);
  });

  it("retries a failed digest together on the schedule and resends it with the same webhook-id", async () => {
    const { clock, store, poster, queued, deps, sub } = await setup();
    const ids = await seed(store, sub, 1, 3, { createdAt: boundary() - 20 * MINUTE, notBefore: boundary() });
    poster.answer(503);
    expect(await deliverOne(ids[1] as string, deps)).toBe("retrying");
    const retrying = (await Promise.all(ids.map((id) => store.getDelivery(id)))) as Delivery[];
    expect(retrying.map((d) => d.state)).toEqual(["retrying", "retrying", "retrying"]);
    expect(new Set(retrying.map((d) => d.nextAttemptAt)).size).toBe(1);
    expect(retrying.every((d) => d.attempt === 1 && /503/.test(d.lastError ?? ""))).toBe(true);
    // One queue message for the group (its job gathers the others), 5 s later as after a single first attempt.
    expect(queued).toEqual([{ jobs: [{ type: "deliver", deliveryId: ids[0] }], delaySeconds: 5 }]);
    expect((await store.getSubscription(sub.id))?.failingSince).not.toBeNull();

    poster.answer(204);
    clock.setOffset(6_000);
    expect(await deliverOne(ids[0] as string, deps)).toBe("delivered");
    expect(poster.posted).toHaveLength(2);
    expect(poster.posted[1]?.headers["webhook-id"]).toBe(poster.posted[0]?.headers["webhook-id"]);
    expect(await states(store, ids)).toEqual(["delivered", "delivered", "delivered"]);
    expect((await store.getSubscription(sub.id))?.failingSince).toBeNull();
  });

  it("fails every delivery of the digest and disables the endpoint on 410 Gone", async () => {
    const { store, poster, deps, sub } = await setup();
    const ids = await seed(store, sub, 1, 2, { createdAt: boundary() - 20 * MINUTE, notBefore: boundary() });
    poster.answer(410);
    expect(await deliverOne(ids[0] as string, deps)).toBe("failed");
    expect(await states(store, ids)).toEqual(["failed", "failed"]);
    expect((await store.getSubscription(sub.id))?.status).toBe("disabled");
  });

  it("leaves a delivery whose story is not stored yet out of the digest and retries it 5 s later", async () => {
    const { store, poster, deps, sub } = await setup();
    const stored = await seed(store, sub, 1, 2, { createdAt: boundary() - 20 * MINUTE, notBefore: boundary() });
    const [missing] = await seed(store, sub, 3, 1, {
      createdAt: boundary() - 10 * MINUTE,
      notBefore: boundary(),
      storeStory: false,
    });
    expect(await deliverOne(missing as string, deps)).toBe("delivered");
    expect(verify(poster.posted[0] as Posted).data.alerts).toHaveLength(2);
    expect(poster.posted[0]?.headers["webhook-id"]).toBe(digestMessageId(sub.id, stored));
    const waiting = await store.getDelivery(missing as string);
    expect(waiting).toMatchObject({ state: "retrying", lastError: "The story of this alert is not stored yet." });
  });

  it("sends nothing for a feed-channel digest and marks its deliveries delivered", async () => {
    const { store, poster, deps, sub } = await setup({ channel: { type: "feed" }, mode: "daily" });
    const ids = await seed(store, sub, 1, 2, { createdAt: boundary() - 20 * MINUTE, notBefore: boundary() });
    expect(await Promise.all(ids.map((id) => deliverOne(id, deps)))).toEqual(["delivered", "delivered"]);
    expect(poster.posted).toHaveLength(0);
  });

  it("sends a Slack digest as one message", async () => {
    const { store, poster, deps, sub } = await setup({
      channel: { type: "slack", url: "https://hooks.slack.example/x" },
    });
    const ids = await seed(store, sub, 1, 3, { createdAt: boundary() - 20 * MINUTE, notBefore: boundary() });
    expect(await deliverOne(ids[2] as string, deps)).toBe("delivered");
    expect(poster.posted).toHaveLength(1);
    const message = JSON.parse(poster.posted[0]?.body ?? "{}") as { blocks: { text?: { text: string } }[] };
    expect(message.blocks[0]?.text?.text).toBe("Storywire digest: 3 alerts");
    expect(message.blocks).toHaveLength(4);
  });
});

describe("gathering a digest's deliveries", () => {
  const now = new Date("2026-03-01T10:00:30.000Z");
  const at = (msBeforeNow: number) => new Date(now.getTime() - msBeforeNow).toISOString();
  const delivery = (id: string, overrides: Partial<Delivery> = {}): Delivery => ({
    id,
    subscriptionId: "sub",
    storyId: id,
    alertId: null,
    storylineId: null,
    state: "pending",
    attempt: 0,
    createdAt: at(30 * MINUTE),
    updatedAt: at(30 * MINUTE),
    nextAttemptAt: at(30_000),
    leaseOwner: null,
    leaseUntil: null,
    lastOwner: null,
    deliveredAt: null,
    failedAt: null,
    lastError: null,
    lastStatus: null,
    expiresAt: null,
    ...overrides,
  });

  it.each([
    ["pending and due", true, {}],
    ["pending until later", false, { nextAttemptAt: at(-1000) }],
    ["retrying and due", true, { state: "retrying" as const }],
    ["retrying later", false, { state: "retrying" as const, nextAttemptAt: at(-HOUR) }],
    ["sending with a live lease", false, { state: "sending" as const, leaseUntil: at(-1000) }],
    ["sending with an expired lease", true, { state: "sending" as const, leaseUntil: at(1000) }],
    ["delivered", false, { state: "delivered" as const }],
    ["failed", false, { state: "failed" as const }],
  ])("claimableAt: %s -> %s", (_label, expected, overrides) => {
    expect(claimableAt(delivery("d", overrides), now)).toBe(expected);
  });

  /** A store stand-in serving `all` newest first in pages, counting the pages read. */
  function pagedStore(all: Delivery[]) {
    const sorted = [...all].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const reads: number[] = [];
    const store: Pick<Store, "listDeliveries"> = {
      async listDeliveries(_sub, options = {}) {
        const start = Number(options.cursor ?? 0);
        const limit = options.limit ?? 20;
        reads.push(start);
        const items = sorted.slice(start, start + limit);
        return { items, cursor: start + limit < sorted.length ? String(start + limit) : null };
      },
    };
    return { store, reads };
  }

  it("returns the due ones oldest first, without the claimed one, at most `limit`", async () => {
    const all = [
      delivery("a", { createdAt: at(50 * MINUTE) }),
      delivery("b", { createdAt: at(40 * MINUTE) }),
      delivery("c", { createdAt: at(30 * MINUTE), state: "delivered" }),
      delivery("d", { createdAt: at(20 * MINUTE) }),
      delivery("e", { createdAt: at(MINUTE), nextAttemptAt: at(-HOUR) }),
    ];
    const { store } = pagedStore(all);
    expect((await dueDigestDeliveries(store, "sub", "b", now, 10)).map((d) => d.id)).toEqual(["a", "d"]);
    expect((await dueDigestDeliveries(store, "sub", "x", now, 2)).map((d) => d.id)).toEqual(["a", "b"]);
  });

  it("stops reading pages at the lookback and never returns older deliveries", async () => {
    const recent = Array.from({ length: 150 }, (_, i) => delivery(`r${i}`, { createdAt: at((i + 1) * MINUTE) }));
    const old = Array.from({ length: 300 }, (_, i) =>
      delivery(`o${i}`, { createdAt: at(DIGEST_LOOKBACK_MS + (i + 1) * MINUTE) }),
    );
    const { store, reads } = pagedStore([...recent, ...old]);
    const due = await dueDigestDeliveries(store, "sub", "none", now, MAX_DIGEST_ALERTS - 1);
    expect(reads).toEqual([0, 100]);
    expect(due).toHaveLength(MAX_DIGEST_ALERTS - 1);
    expect(due.every((d) => d.id.startsWith("r"))).toBe(true);
    // Oldest first: the 99 oldest of the 150 recent ones.
    expect(due[0]?.id).toBe("r149");
    expect(due.at(-1)?.id).toBe("r51");
  });
});
