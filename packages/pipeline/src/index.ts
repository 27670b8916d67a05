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
export { type FetchJobDeps, runFetchJob } from "./fetch-job.ts";
export { createFetcher, type FetchedBody, type Fetcher } from "./fetcher.ts";
export { type HostLimit, hostLimit, PER_HOST_CONCURRENCY } from "./host-limit.ts";
export { eventIdFor, hashId } from "./ids.ts";
export { FAILING_AFTER, type IngestDeps, type IngestResult, ingestFeed } from "./ingest.ts";
export { parseJob } from "./jobs.ts";
export { nextCheckDelay } from "./next-check.ts";
export { placeStory, withStorylineLocks } from "./placement.ts";
export * from "./ports.ts";
export {
  RESCORE_BUDGET_MS,
  RESCORE_DEFAULT_LIMIT,
  RESCORE_MAX_LIMIT,
  type RescoreRequest,
  RescoreRequestError,
  type RescoreResult,
  rescoreStoryline,
} from "./rescore.ts";
export { queuedClaimOwner, runSchedule, type ScheduleDeps } from "./schedule.ts";
export { matchedStorylines, scoreStory, storedScore, storyDoc } from "./score.ts";
export { alertFromRecord } from "./stored-alert.ts";
export {
  type CatalogEntry,
  MAX_AGE_MS,
  MAX_SAVED_STORYLINES,
  StorylineCatalog,
  type StorylineCatalogOptions,
  StorylineChangeError,
  type StorylineOrigin,
  type StorylineSource,
  staticStorylines,
} from "./storylines.ts";
export { handleJob, type WorkerDeps } from "./worker.ts";
