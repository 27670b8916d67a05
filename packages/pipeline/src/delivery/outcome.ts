/**
 * The delivery state machine's transitions as the deliver step drives them (DELIVERIES.md): a send result recorded
 * on every delivery held — delivered, retried on the policy's schedule, or failed — and an endpoint disabled when
 * it answered 410 or has been failing for five days (policy.ts).
 */
import type { SendResult } from "@storywire/channels";
import type { Delivery, DeliveryCompletion, Subscription } from "@storywire/store";
import { retryDelay, shouldDisableEndpoint } from "./policy.ts";
import type { DeliverDeps, DeliverOutcome, Held } from "./types.ts";

/** SQS can delay a message by at most 15 minutes; longer retries wait in the table for the sweeper. */
const MAX_QUEUE_DELAY_MS = 15 * 60_000;
/** A delivery whose story is not stored yet (its ingest is still running) is tried again this much later. */
export const STORY_WAIT_MS = 5_000;
export const STORY_NOT_STORED = "The story of this alert is not stored yet.";

/** What the channels are given besides the channel and the alert (or digest). */
export function sendContext(sub: Subscription, deps: DeliverDeps, now: Date) {
  return {
    subscriptionId: sub.id,
    post: deps.post,
    email: deps.email,
    now,
    allowPrivateNetworks: deps.allowPrivateNetworks,
  };
}

/** Records one send result (sendAlert and sendDigest never throw) on every delivery held, and acts on it. */
export async function record(
  result: SendResult,
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
  // One draw of the jitter for the whole send, so the deliveries of a digest stay together.
  const draw = (deps.random ?? Math.random)();
  return retryLater(held, sub, deps, error, status, (d) =>
    retryDelay(d.attempt, { retryAfterMs: result.retryAfterMs, random: () => draw }),
  );
}

/** Records the same result on every delivery held; each is tried even when another fails, then the first error is thrown. */
export async function complete(
  held: Held,
  deps: Pick<DeliverDeps, "store">,
  result: DeliveryCompletion,
): Promise<void> {
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
export async function retryLater(
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
