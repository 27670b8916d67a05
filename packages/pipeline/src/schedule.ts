/**
 * The every-minute step: queue a fetch job for each feed that is due, and re-queue deliveries whose retry time
 * has come (SQS delays stop at 15 minutes; longer waits live in the table and are swept from here).
 *
 * Each due feed is claimed before its job is queued (a conditional write: due, and no live claim), and the worker
 * that receives the job takes the claim over (worker.ts). So a feed due once is fetched once, even when a slow
 * queue makes a later run see it still due; and a claim whose job or worker is lost (a crash, a lost in-process
 * queue) lapses after the claim timeout, when the next run queues the feed again.
 *
 * Due feeds are read a page at a time behind a cursor until none is left (up to SCHEDULE_MAX_FEEDS a run; each page
 * continues after the last, so no feed is read twice), and jobs are queued as soon as a batch of them is claimed, so
 * workers start while the run goes on: thousands of feeds due at once are all queued by one run rather than two
 * hundred a minute. The claim protocol, write by write: @storywire/store FEED-CLAIMS.md.
 */
import { randomUUID } from "node:crypto";
import { QUEUED_CLAIM_PREFIX, type Store } from "@storywire/store";
import { type ClaimSettings, type Clock, claimTimeoutOf, type FetchJob, type JobQueue, type Logger } from "./ports.ts";

export const SCHEDULE_BATCH = 200;
/** Due feeds read per page: the store's largest (the next page continues after it). */
export const SCHEDULE_FEED_PAGE = 1_000;
/** Feeds one run queues at most; the rest wait for the next run (a minute later in AWS). */
export const SCHEDULE_MAX_FEEDS = 5_000;
/** Claims written at once (each is one small conditional write); their jobs are queued together (one SQS batch). */
const CLAIM_BATCH = 10;

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
  let cursor: string | null = null;
  do {
    const page = await deps.store.listDueFeedPage(now.toISOString(), { limit: pageSize, cursor });
    cursor = page.cursor;
    // A feed released during the run may come back further on: each feed is tried once per run.
    const due = page.items.filter((feed) => !seen.has(feed.id)).slice(0, SCHEDULE_MAX_FEEDS - queued);
    for (let i = 0; i < due.length; i += CLAIM_BATCH) {
      const claimed = await Promise.all(
        due.slice(i, i + CLAIM_BATCH).map(async (feed): Promise<FetchJob | null> => {
          seen.add(feed.id);
          const owner = queuedClaimOwner();
          return (await deps.store.claimFeed(feed.id, { owner, now, leaseMs }))
            ? { type: "fetch", feedId: feed.id, claim: owner }
            : null;
        }),
      );
      const jobs = claimed.filter((job): job is FetchJob => job !== null);
      if (jobs.length > 0) await deps.queue.send(jobs);
      queued += jobs.length;
    }
  } while (cursor !== null && queued < SCHEDULE_MAX_FEEDS);

  const deliveries = await deps.store.listDueDeliveries(now.toISOString(), SCHEDULE_BATCH);
  if (deliveries.length > 0) {
    await deps.queue.send(deliveries.map((d) => ({ type: "deliver" as const, deliveryId: d.id })));
  }
  if (queued + deliveries.length > 0) {
    deps.logger.info("schedule", { feedsQueued: queued, deliveriesQueued: deliveries.length });
  }
  return { feeds: queued, deliveries: deliveries.length };
}
