/**
 * A single alert: one (subscription, story) delivery, claimed with a lease (a conditional update), sent, and its
 * outcome recorded only by the lease holder (DELIVERIES.md). A worker that dies between sending and recording
 * loses its lease; the next claim resends with the same webhook-id (alertMessageId in core ids.ts, derived from
 * the same pair as the delivery), so receivers drop the copy. Also every delivery that needs no message: a feed
 * channel, a deleted or disabled subscription.
 */
import { randomUUID } from "node:crypto";
import { sendAlert } from "@storywire/channels";
import type { Subscription } from "@storywire/store";
import { claimTimeoutOf } from "../ports.ts";
import { alertsForDeliveries, channelOf } from "./alerts.ts";
import { complete, record, retryLater, STORY_NOT_STORED, STORY_WAIT_MS, sendContext } from "./outcome.ts";
import type { DeliverDeps, DeliverOutcome, Held } from "./types.ts";

export async function deliverSingle(
  deliveryId: string,
  sub: Subscription | null,
  deps: DeliverDeps,
): Promise<DeliverOutcome> {
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
  const alert = (await alertsForDeliveries([claimed], deps)).get(claimed.id);
  if (!alert) return retryLater(held, sub, deps, STORY_NOT_STORED, null, () => STORY_WAIT_MS);
  const channel = channelOf(sub, now);
  if (!channel) {
    await complete(held, deps, { outcome: "delivered" });
    return "delivered";
  }
  const result = await sendAlert(channel, alert, sendContext(sub, deps, now));
  return record(result, held, sub, deps, now, { what: "alert", channel: channel.type, story: alert.story.id });
}
