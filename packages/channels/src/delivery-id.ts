/** The id of one delivery: the same for every attempt at sending one story to one subscription. */
import { createHash } from "node:crypto";

/**
 * `msg_` + 32 hex characters derived from (subscription, story). Retries and resends after a crash carry the
 * same id, so receivers can drop duplicates. `kind` keeps other messages (e.g. tests) apart from alerts.
 */
export function deliveryId(subscriptionId: string, storyId: string, kind = "alert"): string {
  const digest = createHash("sha256").update(`${kind}\n${subscriptionId}\n${storyId}`).digest("hex");
  return `msg_${digest.slice(0, 32)}`;
}

/** The delivery id of an alert for a subscription; a test send gets a fresh id per send time. */
export function alertDeliveryId(
  subscriptionId: string,
  storyId: string,
  options: { test?: boolean; now?: Date } = {},
): string {
  if (options.test === true) return deliveryId(subscriptionId, (options.now ?? new Date()).toISOString(), "test");
  return deliveryId(subscriptionId, storyId);
}
