/** The id of one digest message: webhook-id and email Message-ID, the same for every attempt at sending it. */
import { deliveryId } from "../delivery-id.ts";
import { ChannelConfigError } from "../errors.ts";

/**
 * `msg_` + 32 hex characters derived from the subscription and the ids of the deliveries the digest carries,
 * sorted (so the order they were gathered in does not matter). A retry, or a resend after a crash, of the same
 * deliveries carries the same id, and receivers drop the copy; a digest of another set of deliveries gets
 * another id.
 */
export function digestDeliveryId(subscriptionId: string, memberIds: readonly string[]): string {
  if (memberIds.length === 0) {
    throw new ChannelConfigError("A digest needs at least one delivery; nothing was sent.");
  }
  const members = [...new Set(memberIds)].sort();
  return deliveryId(subscriptionId, members.join(","), "digest");
}
