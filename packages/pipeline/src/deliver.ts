/**
 * Deliver one (subscription, story) alert. The delivery record is claimed with a lease (a conditional update), the
 * alert is sent, and the outcome is recorded only by the lease holder; see packages/store/src/DELIVERIES.md for
 * the state machine. A worker that dies between sending and recording loses its lease; the next claim resends
 * with the same webhook-id, so receivers drop the copy: at most one successful delivery per pair.
 * Deliveries of digest subscriptions (hourly / daily) go out together, one message per period: see digest.ts.
 */
import { randomUUID } from "node:crypto";
import {
  type Channel,
  type DeliveryResult,
  type EmailSender,
  type HttpPoster,
  nextAttemptDelay,
  sendAlert,
  sendDigest,
  shouldDisableEndpoint,
} from "@storywire/channels";
import { type Alert, composeAlert } from "@storywire/core";
import { lockId } from "@storywire/core/ids";
import type { Delivery, Store, Subscription } from "@storywire/store";
import { claimDigestSiblings, type DigestSubscription, isDigestSubscription } from "./digest.ts";
import {
  type ClaimSettings,
  type Clock,
  claimTimeoutOf,
  DEFAULT_CLAIM_TIMEOUT_MS,
  type JobQueue,
  type Logger,
} from "./ports.ts";
import { alertFromRecord } from "./stored-alert.ts";
import type { StorylineSource } from "./storylines.ts";

/**
 * A claim holds a delivery for this long (the claim timeout, ClaimSettings); a send takes at most 15 s, so a live
 * worker never loses it at the default.
 */
export const DELIVERY_LEASE_MS = DEFAULT_CLAIM_TIMEOUT_MS;
/** SQS can delay a message by at most 15 minutes; longer retries wait in the table for the sweeper. */
export const MAX_QUEUE_DELAY_MS = 15 * 60_000;
/** A delivery whose story is not stored yet (its ingest is still running) is tried again this much later. */
const STORY_WAIT_MS = 5_000;
const STORY_NOT_STORED = "The story of this alert is not stored yet.";

export interface DeliverDeps extends ClaimSettings {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  storylines: StorylineSource;
  post: HttpPoster;
  email?: { sender: EmailSender; from: string };
  /** Base URL of the API, for links in alerts. */
  publicUrl: string;
  allowPrivateNetworks: boolean;
}

/** "not-claimed": nothing to do, the delivery is finished or held by another worker (or its digest is). */
export type DeliverOutcome = "delivered" | "retrying" | "failed" | "not-claimed";

type Outcome = Parameters<Store["completeDelivery"]>[2];

/** Deliveries this worker has claimed, all under one owner id (unique to this attempt). */
interface Held {
  deliveries: Delivery[];
  owner: string;
}

/** The secrets a webhook is signed with at `now`: the current one, and the rotated-out one during its grace period. */
export function signingSecrets(sub: Subscription, now: Date = new Date()): string[] {
  const previous =
    sub.previousSecret && sub.previousSecretExpiresAt && Date.parse(sub.previousSecretExpiresAt) > now.getTime()
      ? [sub.previousSecret]
      : [];
  return [sub.secret, ...previous];
}

export function channelOf(sub: Subscription, now: Date = new Date()): Channel | null {
  const c = sub.channel;
  if ((c.type === "webhook" || c.type === "slack" || c.type === "discord") && c.url) {
    return c.type === "webhook"
      ? { type: "webhook", url: c.url, secrets: signingSecrets(sub, now) }
      : { type: c.type, url: c.url };
  }
  if (c.type === "email" && c.to) return { type: "email", to: c.to };
  return null; // "feed": the subscription's Atom / JSON feed is the channel; nothing to send
}

type AlertDeps = Pick<DeliverDeps, "store" | "storylines" | "publicUrl">;

/**
 * The alerts the deliveries carry, by delivery id, built from the stored alert records and stories. A delivery
 * whose alert or story is not stored (or whose alert is a duplicate) has no entry.
 */
export async function alertsForDeliveries(deliveries: readonly Delivery[], deps: AlertDeps) {
  const [records, stories, storylines] = await Promise.all([
    Promise.all(deliveries.map((d) => (d.alertId ? deps.store.getAlert(d.alertId) : Promise.resolve(null)))),
    deps.store.getStories([...new Set(deliveries.map((d) => d.storyId))]),
    deps.storylines.list(),
  ]);
  const storyById = new Map(stories.map((story) => [story.id, story]));
  const alerts = new Map<string, Alert>();
  deliveries.forEach((d, i) => {
    const record = records[i];
    const story = storyById.get(d.storyId);
    if (!record || !story) return;
    const title = storylines.find((s) => s.id === record.storylineId)?.title;
    const alert = alertFromRecord(record, story, title, deps.publicUrl);
    if (alert) alerts.set(d.id, alert);
  });
  return alerts;
}

/** Builds the alert a delivery carries from the stored alert record and story. */
export async function alertForDelivery(d: Delivery, deps: AlertDeps): Promise<Alert | null> {
  return (await alertsForDeliveries([d], deps)).get(d.id) ?? null;
}

export async function deliverOne(deliveryId: string, deps: DeliverDeps): Promise<DeliverOutcome> {
  const waiting = await deps.store.getDelivery(deliveryId);
  if (!waiting) return "not-claimed";
  const sub = await deps.store.getSubscription(waiting.subscriptionId);
  const channel = sub ? channelOf(sub, deps.clock.now()) : null;
  if (sub && channel && sub.status === "active" && isDigestSubscription(sub)) {
    return deliverDigest(deliveryId, sub, channel, deps);
  }
  return deliverSingle(deliveryId, sub, deps);
}

/** An immediate alert, or any delivery that needs no message (feed channel, deleted or disabled subscription). */
async function deliverSingle(deliveryId: string, sub: Subscription | null, deps: DeliverDeps) {
  const owner = randomUUID();
  const now = deps.clock.now();
  const claimed = await deps.store.claimDelivery(deliveryId, owner, now.toISOString(), claimTimeoutOf(deps));
  if (!claimed) return "not-claimed";
  const held: Held = { deliveries: [claimed], owner };

  if (!sub) {
    await complete(held, deps, {
      outcome: "failed",
      error: "The subscription was deleted before this alert could be sent.",
    });
    return "failed";
  }
  if (sub.status !== "active") {
    await complete(held, deps, {
      outcome: "failed",
      error: `The subscription's endpoint is disabled: ${sub.disabledReason ?? "by its owner"}.`,
    });
    return "failed";
  }
  const alert = await alertForDelivery(claimed, deps);
  if (!alert) return retryLater(held, sub, deps, STORY_NOT_STORED, null, () => STORY_WAIT_MS);
  const channel = channelOf(sub, now);
  if (!channel) {
    await complete(held, deps, { outcome: "delivered" });
    return "delivered";
  }
  const result = await sendAlert(channel, alert, sendContext(sub, deps, now));
  return record(result, held, sub, deps, now, { what: "alert", channel: channel.type, story: alert.story.id });
}

/** A digest subscription's due deliveries, claimed together and sent as one message (see digest.ts). */
async function deliverDigest(
  deliveryId: string,
  sub: DigestSubscription,
  channel: Channel,
  deps: DeliverDeps,
): Promise<DeliverOutcome> {
  const owner = randomUUID();
  const now = deps.clock.now();
  const lock = lockId("digest", sub.id);
  const leaseMs = claimTimeoutOf(deps);
  if (!(await deps.store.acquireLock(lock, owner, now.toISOString(), leaseMs))) {
    deps.logger.info("digest is being sent by another worker", { subscription: sub.id, delivery: deliveryId });
    return "not-claimed";
  }
  try {
    const first = await deps.store.claimDelivery(deliveryId, owner, now.toISOString(), leaseMs);
    if (!first) return "not-claimed";
    const claimed = [first, ...(await claimDigestSiblings(first, owner, now, leaseMs, deps.store))];
    const alerts = await alertsForDeliveries(claimed, deps);
    const waiting = claimed.filter((d) => !alerts.has(d.id));
    if (waiting.length > 0) {
      await retryLater({ deliveries: waiting, owner }, sub, deps, STORY_NOT_STORED, null, () => STORY_WAIT_MS);
    }
    const ready = claimed
      .flatMap((d) => {
        const alert = alerts.get(d.id);
        return alert ? [{ delivery: d, alert }] : [];
      })
      .sort((a, b) => a.alert.createdAt.localeCompare(b.alert.createdAt) || a.delivery.id.localeCompare(b.delivery.id));
    if (ready.length === 0) return "retrying";
    const deliveries = ready.map((r) => r.delivery);
    const result = await sendDigest(
      channel,
      { period: sub.mode, alerts: ready.map((r) => r.alert) },
      { ...sendContext(sub, deps, now), deliveryIds: deliveries.map((d) => d.id) },
    );
    return record(result, { deliveries, owner }, sub, deps, now, {
      what: "digest",
      channel: channel.type,
      alerts: deliveries.length,
    });
  } finally {
    // A lock that cannot be released expires by itself after the claim timeout.
    await deps.store.releaseLock(lock, owner).catch((error: unknown) => {
      deps.logger.warn("digest lock not released; it expires by itself", {
        subscription: sub.id,
        error: error instanceof Error ? error.message : String(error),
      });
    });
  }
}

function sendContext(sub: Subscription, deps: DeliverDeps, now: Date) {
  return {
    subscriptionId: sub.id,
    post: deps.post,
    email: deps.email,
    now,
    allowPrivateNetworks: deps.allowPrivateNetworks,
  };
}

/** Records one send result (sendAlert and sendDigest never throw) on every delivery held, and acts on it. */
async function record(
  result: DeliveryResult,
  held: Held,
  sub: Subscription,
  deps: DeliverDeps,
  now: Date,
  log: { what: "alert" | "digest" } & Record<string, unknown>,
): Promise<DeliverOutcome> {
  const { what, ...fields } = log;
  const status = result.status ?? null;
  if (result.ok) {
    await complete(held, deps, { outcome: "delivered", status });
    await deps.store.updateSubscriptionHealth(sub.id, { failingSince: null, lastDeliveryAt: now.toISOString() });
    deps.logger.info(`${what} delivered`, { subscription: sub.id, ...fields });
    return "delivered";
  }
  const error = result.error ?? `The endpoint answered HTTP ${result.status}.`;
  const fail = () => complete(held, deps, { outcome: "failed", error, status });
  if (result.disableEndpoint) {
    await fail();
    await disable(sub, `The endpoint answered 410 Gone on ${now.toISOString()}; it was disabled.`, deps, now);
    return "failed";
  }
  const failingSince = sub.failingSince ?? now.toISOString();
  if (shouldDisableEndpoint(new Date(failingSince), now)) {
    await fail();
    await disable(
      sub,
      `The endpoint has failed since ${failingSince}; it was disabled. Fix it, then replay the failed deliveries.`,
      deps,
      now,
    );
    return "failed";
  }
  if (!sub.failingSince) await deps.store.updateSubscriptionHealth(sub.id, { failingSince });
  if (!result.retryable) {
    await fail();
    deps.logger.warn(`${what} delivery failed`, { subscription: sub.id, error });
    return "failed";
  }
  return retryLater(held, sub, deps, error, status, (d) => {
    const delay = nextAttemptDelay(d.attempt);
    return delay === null ? null : Math.max(delay, result.retryAfterMs ?? 0);
  });
}

/** Records the same result on every delivery held; each is tried even when another fails, then the first error is thrown. */
async function complete(held: Held, deps: Pick<DeliverDeps, "store">, result: Outcome): Promise<void> {
  if (held.deliveries.length === 0) return;
  const settled = await Promise.allSettled(
    held.deliveries.map((d) => deps.store.completeDelivery(d.id, held.owner, result)),
  );
  const failure = settled.find((s) => s.status === "rejected");
  if (failure) throw failure.reason;
}

/**
 * Schedules the next attempt of each delivery held: `delayOf` gives its wait, or null when its retries are
 * exhausted (then it fails). Deliveries due at the same instant share one queue message (its job gathers the
 * others of a digest); waits longer than SQS allows are left to the sweeper.
 */
async function retryLater(
  held: Held,
  sub: Subscription,
  deps: DeliverDeps,
  error: string,
  status: number | null,
  delayOf: (d: Delivery) => number | null,
): Promise<DeliverOutcome> {
  const now = deps.clock.now().getTime();
  const exhausted: Delivery[] = [];
  const byDelay = new Map<number, Delivery[]>();
  for (const d of held.deliveries) {
    const delay = delayOf(d);
    if (delay === null) exhausted.push(d);
    else byDelay.set(delay, [...(byDelay.get(delay) ?? []), d]);
  }
  await complete({ deliveries: exhausted, owner: held.owner }, deps, {
    outcome: "failed",
    error: `${error} (retries exhausted)`,
    status,
  });
  for (const [delayMs, deliveries] of byDelay) {
    const [first] = deliveries as [Delivery, ...Delivery[]];
    const at = new Date(now + delayMs).toISOString();
    await complete({ deliveries, owner: held.owner }, deps, { outcome: "retrying", error, status, nextAttemptAt: at });
    if (delayMs <= MAX_QUEUE_DELAY_MS) {
      await deps.queue.send([{ type: "deliver", deliveryId: first.id }], Math.ceil(delayMs / 1000));
    }
    deps.logger.warn("alert delivery will be retried", {
      subscription: sub.id,
      attempt: first.attempt,
      error,
      retryAt: at,
      ...(deliveries.length > 1 ? { deliveries: deliveries.length } : {}),
    });
  }
  return byDelay.size > 0 ? "retrying" : "failed";
}

async function disable(sub: Subscription, reason: string, deps: DeliverDeps, now: Date) {
  await deps.store.updateSubscriptionHealth(sub.id, { disabledAt: now.toISOString(), disabledReason: reason });
  deps.logger.error("subscription endpoint disabled", { subscription: sub.id, reason });
}

/**
 * POST /subscriptions/{id}/test: sends a `storyline.test` event through the subscription's channel now, built from
 * the storyline's latest alert (or a clearly marked sample when it has none). Not recorded as a delivery.
 */
export async function sendTestAlert(sub: Subscription, deps: DeliverDeps) {
  const now = deps.clock.now();
  const channel = channelOf(sub, now);
  if (!channel) return { ok: true, retryable: false, disableEndpoint: false } as const;
  const storylineId = sub.storylines[0] ?? "test";
  const [latest] = await deps.store.listAlerts({ storylineId }, 1);
  const story = latest ? await deps.store.getStory(latest.storyId) : null;
  const storylines = await deps.storylines.list();
  const title = storylines.find((s) => s.id === storylineId)?.title ?? storylineId;
  const alert = composeAlert({
    story: story ?? {
      id: "0000000000000000",
      key: "storywire:test",
      feedId: null,
      title: "Storywire test alert: your subscription works",
      text: "This is a test alert sent by Storywire when you asked for one. It is not news.",
      url: null,
      source: "Storywire",
      author: null,
      language: "en",
      publishedAt: now.toISOString(),
      fetchedAt: now.toISOString(),
    },
    storyline: { id: storylineId, title },
    relation: latest?.relation === "update" ? "update" : "first",
    novel: latest?.novel ?? [],
    storylineScore: latest?.storylineScore ?? 0,
    links: { apiBase: deps.publicUrl },
    createdAt: now.toISOString(),
  });
  return sendAlert(channel, alert, {
    subscriptionId: sub.id,
    post: deps.post,
    email: deps.email,
    purpose: "test",
    now,
    allowPrivateNetworks: deps.allowPrivateNetworks,
  });
}
