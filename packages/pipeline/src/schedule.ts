/**
 * The every-minute step: queue a fetch job for each feed that is due, and re-queue deliveries whose retry time
 * has come (SQS delays stop at 15 minutes; longer waits live in the table and are swept from here).
 * A due feed's nextCheckAt is pushed out by a claim window first, so a slow ingest is not queued twice.
 */
import type { Store } from "@storywire/store";
import type { Clock, JobQueue, Logger } from "./ports.ts";

/** A queued feed is not queued again for this long, unless ingest sets its real next check first. */
export const FETCH_CLAIM_MS = 10 * 60_000;
export const SCHEDULE_BATCH = 200;

export interface ScheduleDeps {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
}

export async function runSchedule(deps: ScheduleDeps): Promise<{ feeds: number; deliveries: number }> {
  const now = deps.clock.now();
  const due = await deps.store.listDueFeeds(now.toISOString(), SCHEDULE_BATCH);
  const claimUntil = new Date(now.getTime() + FETCH_CLAIM_MS).toISOString();
  for (const feed of due) await deps.store.updateFeedFetchState(feed.id, { nextCheckAt: claimUntil });
  if (due.length > 0) await deps.queue.send(due.map((f) => ({ type: "fetch" as const, feedId: f.id })));

  const deliveries = await deps.store.listDueDeliveries(now.toISOString(), SCHEDULE_BATCH);
  if (deliveries.length > 0) {
    await deps.queue.send(deliveries.map((d) => ({ type: "deliver" as const, deliveryId: d.id })));
  }
  if (due.length + deliveries.length > 0) {
    deps.logger.info("schedule", { feedsQueued: due.length, deliveriesQueued: deliveries.length });
  }
  return { feeds: due.length, deliveries: deliveries.length };
}
