/**
 * Deliver one (subscription, story) alert. The delivery record is claimed with a lease (a conditional update), the
 * alert is sent, and the outcome is recorded only by the lease holder; see packages/store/src/DELIVERIES.md for
 * the state machine. A worker that dies between sending and recording loses its lease; the next claim resends
 * with the same webhook-id, so receivers drop the copy: at most one successful delivery per pair.
 */
import { randomUUID } from "node:crypto";
import {
  type Channel,
  type EmailSender,
  type HttpPoster,
  nextAttemptDelay,
  sendAlert,
  shouldDisableEndpoint,
} from "@storywire/channels";
import { type Alert, composeAlert } from "@storywire/core";
import type { Delivery, Store, Subscription } from "@storywire/store";
import type { Clock, JobQueue, Logger } from "./ports.ts";
import type { StorylineSource } from "./storylines.ts";

/** A claim holds a delivery for this long; a send takes at most 15 s, so a live worker never loses it. */
export const DELIVERY_LEASE_MS = 60_000;
/** SQS can delay a message by at most 15 minutes; longer retries wait in the table for the sweeper. */
export const MAX_QUEUE_DELAY_MS = 15 * 60_000;

export interface DeliverDeps {
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

export type DeliverOutcome = "delivered" | "retrying" | "failed" | "not-claimed";

export function channelOf(sub: Subscription): Channel | null {
  const c = sub.channel;
  if ((c.type === "webhook" || c.type === "slack" || c.type === "discord") && c.url) {
    return c.type === "webhook" ? { type: "webhook", url: c.url, secrets: [sub.secret] } : { type: c.type, url: c.url };
  }
  if (c.type === "email" && c.to) return { type: "email", to: c.to };
  return null; // "feed": the subscription's Atom / JSON feed is the channel; nothing to send
}

/** Builds the alert a delivery carries from the stored alert record and story. */
export async function alertForDelivery(d: Delivery, deps: Pick<DeliverDeps, "store" | "storylines" | "publicUrl">) {
  const [record, story] = await Promise.all([
    d.alertId ? deps.store.getAlert(d.alertId) : Promise.resolve(null),
    deps.store.getStory(d.storyId),
  ]);
  if (!record || !story || record.relation === "duplicate") return null;
  const storylines = await deps.storylines.list();
  const title = storylines.find((s) => s.id === record.storylineId)?.title ?? record.storylineId;
  return composeAlert({
    story,
    storyline: { id: record.storylineId, title },
    relation: record.relation,
    novel: record.novel,
    storylineScore: record.storylineScore,
    links: { apiBase: deps.publicUrl },
    createdAt: record.createdAt,
  });
}

export async function deliverOne(deliveryId: string, deps: DeliverDeps): Promise<DeliverOutcome> {
  const owner = randomUUID();
  const now = deps.clock.now();
  const claimed = await deps.store.claimDelivery(deliveryId, owner, now.toISOString(), DELIVERY_LEASE_MS);
  if (!claimed) return "not-claimed";
  const finish = (result: Parameters<Store["completeDelivery"]>[2]) =>
    deps.store.completeDelivery(deliveryId, owner, result);

  const sub = await deps.store.getSubscription(claimed.subscriptionId);
  if (!sub) {
    await finish({ outcome: "failed", error: "The subscription was deleted before this alert could be sent." });
    return "failed";
  }
  if (sub.status !== "active") {
    await finish({
      outcome: "failed",
      error: `The subscription's endpoint is disabled: ${sub.disabledReason ?? "by its owner"}.`,
    });
    return "failed";
  }
  const alert = await alertForDelivery(claimed, deps);
  if (!alert) {
    // The story or alert is not stored yet (its ingest is still running): try again shortly.
    await retryLater(claimed, sub, deps, finish, "The story of this alert is not stored yet.", null, 5_000);
    return "retrying";
  }
  const channel = channelOf(sub);
  if (!channel) {
    await finish({ outcome: "delivered" });
    return "delivered";
  }
  const result = await sendTo(channel, alert, sub, deps, now);
  if (result.ok) {
    await finish({ outcome: "delivered", status: result.status ?? null });
    await deps.store.updateSubscriptionHealth(sub.id, { failingSince: null, lastDeliveryAt: now.toISOString() });
    deps.logger.info("alert delivered", { subscription: sub.id, channel: channel.type, story: alert.story.id });
    return "delivered";
  }
  const error = result.error ?? `The endpoint answered HTTP ${result.status}.`;
  if (result.disableEndpoint) {
    await finish({ outcome: "failed", error, status: result.status ?? null });
    await disable(sub, `The endpoint answered 410 Gone on ${now.toISOString()}; it was disabled.`, deps, now);
    return "failed";
  }
  const failingSince = sub.failingSince ?? now.toISOString();
  if (shouldDisableEndpoint(new Date(failingSince), now)) {
    await finish({ outcome: "failed", error, status: result.status ?? null });
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
    await finish({ outcome: "failed", error, status: result.status ?? null });
    deps.logger.warn("alert delivery failed", { subscription: sub.id, error });
    return "failed";
  }
  const delay = nextAttemptDelay(claimed.attempt);
  if (delay === null) {
    await finish({ outcome: "failed", error: `${error} (retries exhausted)`, status: result.status ?? null });
    return "failed";
  }
  await retryLater(claimed, sub, deps, finish, error, result.status ?? null, Math.max(delay, result.retryAfterMs ?? 0));
  return "retrying";
}

async function sendTo(channel: Channel, alert: Alert, sub: Subscription, deps: DeliverDeps, now: Date) {
  // sendAlert never throws: every failure comes back as a DeliveryResult.
  return sendAlert(channel, alert, {
    subscriptionId: sub.id,
    post: deps.post,
    email: deps.email,
    now,
    allowPrivateNetworks: deps.allowPrivateNetworks,
  });
}

async function retryLater(
  d: Delivery,
  sub: Subscription,
  deps: DeliverDeps,
  finish: (r: Parameters<Store["completeDelivery"]>[2]) => Promise<unknown>,
  error: string,
  status: number | null,
  delayMs: number,
) {
  const at = new Date(deps.clock.now().getTime() + delayMs);
  await finish({ outcome: "retrying", error, status, nextAttemptAt: at.toISOString() });
  if (delayMs <= MAX_QUEUE_DELAY_MS)
    await deps.queue.send([{ type: "deliver", deliveryId: d.id }], Math.ceil(delayMs / 1000));
  deps.logger.warn("alert delivery will be retried", {
    subscription: sub.id,
    attempt: d.attempt,
    error,
    retryAt: at.toISOString(),
  });
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
  const channel = channelOf(sub);
  if (!channel) return { ok: true, retryable: false, disableEndpoint: false } as const;
  const now = deps.clock.now();
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
