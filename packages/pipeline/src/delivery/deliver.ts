/**
 * Delivers one (subscription, story) delivery: a single alert (single.ts), or, for an hourly or daily
 * subscription, the digest it belongs to (digest.ts). The state machine both drive is DELIVERIES.md; the retry
 * policy and endpoint disabling are policy.ts; what a send's result does to the records is outcome.ts.
 */
import { channelOf } from "./alerts.ts";
import { deliverDigest, isDigestSubscription } from "./digest.ts";
import { deliverSingle } from "./single.ts";
import type { DeliverDeps, DeliverOutcome } from "./types.ts";

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
