/** Delivery: one home for sending alerts and digests, their retry policy and the state machine (DELIVERIES.md). */
export { alertFromRecord, alertsForDeliveries, channelOf, signingSecrets } from "./alerts.ts";
export { deliverOne } from "./deliver.ts";
export {
  claimableAt,
  claimDigestSiblings,
  DIGEST_LOOKBACK_MS,
  type DigestSubscription,
  dueDigestDeliveries,
  isDigestSubscription,
  MAX_DIGEST_ALERTS,
} from "./digest.ts";
export { fanOut, firstAttemptAt, wants } from "./fanout.ts";
export { DISABLE_AFTER_MS, MAX_ATTEMPTS, RETRY_SCHEDULE_MS, retryDelay, shouldDisableEndpoint } from "./policy.ts";
export { sendTestAlert } from "./test-send.ts";
export type { DeliverDeps, DeliverOutcome } from "./types.ts";
