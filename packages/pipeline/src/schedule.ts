/**
 * The every-minute step: queue a fetch job for each feed that is due, and re-queue deliveries whose retry time
 * has come (SQS delays stop at 15 minutes; longer waits live in the table and are swept from here).
 *
 * Each due feed is claimed before its job is queued (a conditional write: due, and no live claim), and the worker
 * that receives the job takes the claim over (worker.ts). So a feed due once is fetched once, even when a slow
 * queue makes a later run see it still due; and a claim whose job or worker is lost (a crash, a lost in-process
 * queue) lapses after the claim timeout, when the next run queues the feed again.
 */
import { randomUUID } from "node:crypto";
import { QUEUED_CLAIM_PREFIX, type Store } from "@storywire/store";
import { type ClaimSettings, type Clock, claimTimeoutOf, type FetchJob, type JobQueue, type Logger } from "./ports.ts";

export const SCHEDULE_BATCH = 200;
/** Claims written at once (each is one small conditional write). */
const CLAIM_CONCURRENCY = 8;

export interface ScheduleDeps extends ClaimSettings {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
}

/** A queued job's claim owner: unique per job. */
export function queuedClaimOwner(): string {
  return `${QUEUED_CLAIM_PREFIX}${randomUUID()}`;
}

export async function runSchedule(deps: ScheduleDeps): Promise<{ feeds: number; deliveries: number }> {
  const now = deps.clock.now();
  const leaseMs = claimTimeoutOf(deps);
  const due = await deps.store.listDueFeeds(now.toISOString(), SCHEDULE_BATCH);
  const jobs: FetchJob[] = [];
  for (let i = 0; i < due.length; i += CLAIM_CONCURRENCY) {
    const claimed = await Promise.all(
      due.slice(i, i + CLAIM_CONCURRENCY).map(async (feed) => {
        const owner = queuedClaimOwner();
        return (await deps.store.claimFeed(feed.id, { owner, now, leaseMs }))
          ? { type: "fetch" as const, feedId: feed.id, claim: owner }
          : null;
      }),
    );
    for (const job of claimed) if (job) jobs.push(job);
  }
  if (jobs.length > 0) await deps.queue.send(jobs);

  const deliveries = await deps.store.listDueDeliveries(now.toISOString(), SCHEDULE_BATCH);
  if (deliveries.length > 0) {
    await deps.queue.send(deliveries.map((d) => ({ type: "deliver" as const, deliveryId: d.id })));
  }
  if (jobs.length + deliveries.length > 0) {
    deps.logger.info("schedule", { feedsQueued: jobs.length, deliveriesQueued: deliveries.length });
  }
  return { feeds: jobs.length, deliveries: deliveries.length };
}
