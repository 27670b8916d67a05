export {
  alertForDelivery,
  alertsForDeliveries,
  channelOf,
  DELIVERY_LEASE_MS,
  type DeliverDeps,
  type DeliverOutcome,
  deliverOne,
  sendTestAlert,
  signingSecrets,
} from "./deliver.ts";
export {
  claimableAt,
  claimDigestSiblings,
  DIGEST_LOOKBACK_MS,
  type DigestSubscription,
  digestLockName,
  dueDigestDeliveries,
  isDigestSubscription,
  MAX_DIGEST_ALERTS,
} from "./digest.ts";
export { fanOut, firstAttemptAt, wants } from "./fanout.ts";
export { addFeed, canonicalUrl, feedIdFor, newFeed } from "./feeds.ts";
export { createFetcher, type FetchedBody, type Fetcher } from "./fetcher.ts";
export { eventIdFor, hashId } from "./ids.ts";
export { FAILING_AFTER, type IngestDeps, type IngestResult, ingestFeed } from "./ingest.ts";
export { nextCheckDelay } from "./next-check.ts";
export { placeStory } from "./placement.ts";
export * from "./ports.ts";
export { queuedClaimOwner, runSchedule, type ScheduleDeps } from "./schedule.ts";
export { matchedStorylines, scoreStory } from "./score.ts";
export { alertFromRecord } from "./stored-alert.ts";
export { type StorylineSource, staticStorylines } from "./storylines.ts";
export { handleJob, parseJob, type WorkerDeps } from "./worker.ts";
