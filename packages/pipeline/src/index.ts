export {
  alertFromRecord,
  alertsForDeliveries,
  channelOf,
  claimableAt,
  claimDigestSiblings,
  type DeliverDeps,
  type DeliverOutcome,
  DIGEST_LOOKBACK_MS,
  type DigestSubscription,
  deliverOne,
  dueDigestDeliveries,
  fanOut,
  firstAttemptAt,
  isDigestSubscription,
  MAX_DIGEST_ALERTS,
  retryDelay,
  sendTestAlert,
  shouldDisableEndpoint,
  signingSecrets,
  wants,
} from "./delivery/index.ts";
export { addFeed, canonicalUrl, newFeed } from "./feeds.ts";
export { type FetchJobDeps, runFetchJob } from "./fetch-job.ts";
export { createFetcher, type FetchedBody, type Fetcher } from "./fetcher.ts";
export { type HostLimit, hostLimit, PER_HOST_CONCURRENCY } from "./host-limit.ts";
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
export {
  type CatalogEntry,
  MAX_AGE_MS,
  MAX_SAVED_STORYLINES,
  StorylineCatalog,
  type StorylineCatalogOptions,
  StorylineChangeError,
  type StorylineOrigin,
  type StorylineSource,
} from "./storylines.ts";
export { handleJob, type WorkerDeps } from "./worker.ts";
