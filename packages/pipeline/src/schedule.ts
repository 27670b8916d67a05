/**
 * The every-minute step: queue a fetch job for each feed that is due, and re-queue deliveries whose retry time
 * has come (SQS delays stop at 15 minutes; longer waits live in the table and are swept from here).
 *
 * Each due feed is claimed before its job is queued (a conditional write: due, and no live claim), and the worker
 * that receives the job takes the claim over (worker.ts). So a feed due once is fetched once, even when a slow
 * queue makes a later run see it still due; and a claim whose job or worker is lost (a crash, a lost in-process
 * queue) lapses after the claim timeout, when the next run queues the feed again.
 *
 * Due feeds are read a page at a time until none is left (up to SCHEDULE_MAX_FEEDS a run; claimed feeds drop out of
 * the due list), and each page's jobs are queued as soon as they are claimed: thousands of feeds due at once are all
 * queued by one run rather than two hundred a minute.
 */
import { randomUUID } from "node:crypto";
import { QUEUED_CLAIM_PREFIX, type Store } from "@storywire/store";
import { type ClaimSettings, type Clock, claimTimeoutOf, type FetchJob, type JobQueue, type Logger } from "./ports.ts";

export const SCHEDULE_BATCH = 200;
/**
 * Due feeds read per page: the store's largest. Claimed feeds drop out of the due list but are still read past, so
 * fewer, larger pages read fewer items when thousands are due.
 */
export const SCHEDULE_FEED_PAGE = 1_000;
/** Feeds one run queues at most; the rest wait for the next run (a minute later in AWS). */
export const SCHEDULE_MAX_FEEDS = 5_000;
/** Claims written at once (each is one small conditional write). */
const CLAIM_CONCURRENCY = 8;

export interface ScheduleDeps extends ClaimSettings {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  /** Due feeds read per page (default SCHEDULE_FEED_PAGE; tests use small pages). */
  feedPageSize?: number;
}

/** A queued job's claim owner: unique per job. */
export function queuedClaimOwner(): string {
  return `${QUEUED_CLAIM_PREFIX}${randomUUID()}`;
}

export async function runSchedule(deps: ScheduleDeps): Promise<{ feeds: number; deliveries: number }> {
  const now = deps.clock.now();
  const leaseMs = claimTimeoutOf(deps);
  const pageSize = deps.feedPageSize ?? SCHEDULE_FEED_PAGE;
  const seen = new Set<string>();
  let queued = 0;
  while (queued < SCHEDULE_MAX_FEEDS) {
    const page = await deps.store.listDueFeeds(now.toISOString(), pageSize);
    // An index read may still list a feed claimed a moment ago: each feed is tried once per run.
    const due = page.filter((feed) => !seen.has(feed.id)).slice(0, SCHEDULE_MAX_FEEDS - queued);
    if (due.length === 0) break;
    const jobs: FetchJob[] = [];
    for (let i = 0; i < due.length; i += CLAIM_CONCURRENCY) {
      const claimed = await Promise.all(
        due.slice(i, i + CLAIM_CONCURRENCY).map(async (feed) => {
          seen.add(feed.id);
          const owner = queuedClaimOwner();
          return (await deps.store.claimFeed(feed.id, { owner, now, leaseMs }))
            ? { type: "fetch" as const, feedId: feed.id, claim: owner }
            : null;
        }),
      );
      for (const job of claimed) if (job) jobs.push(job);
    }
    if (jobs.length > 0) await deps.queue.send(jobs);
    queued += jobs.length;
    if (page.length < pageSize) break;
  }

  const deliveries = await deps.store.listDueDeliveries(now.toISOString(), SCHEDULE_BATCH);
  if (deliveries.length > 0) {
    await deps.queue.send(deliveries.map((d) => ({ type: "deliver" as const, deliveryId: d.id })));
  }
  if (queued + deliveries.length > 0) {
    deps.logger.info("schedule", { feedsQueued: queued, deliveriesQueued: deliveries.length });
  }
  return { feeds: queued, deliveries: deliveries.length };
}
