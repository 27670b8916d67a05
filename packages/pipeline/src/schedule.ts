/**
 * The every-minute step: queue a fetch job for each feed that is due, and re-queue deliveries whose retry time
 * has come (SQS delays stop at 15 minutes; longer waits live in the table and are swept from here).
 * A due feed's nextCheckAt is pushed out by a claim window first, so a slow ingest is not queued twice.
 * Due feeds are read a page at a time until none is left (up to SCHEDULE_MAX_FEEDS a run), so a thousand
 * feeds due at once are all queued by one run rather than two hundred a minute.
 */
import type { Store } from "@storywire/store";
import type { Clock, JobQueue, Logger } from "./ports.ts";

/** A queued feed is not queued again for this long, unless ingest sets its real next check first. */
export const FETCH_CLAIM_MS = 10 * 60_000;
export const SCHEDULE_BATCH = 200;
/** Feeds one run queues at most; the rest wait for the next run (a minute later in AWS). */
export const SCHEDULE_MAX_FEEDS = 5_000;
/** Claims written at once. */
const CLAIM_CONCURRENCY = 16;

export interface ScheduleDeps {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
}

export async function runSchedule(deps: ScheduleDeps): Promise<{ feeds: number; deliveries: number }> {
  const now = deps.clock.now();
  const claimUntil = new Date(now.getTime() + FETCH_CLAIM_MS).toISOString();
  const queued = new Set<string>();
  while (queued.size < SCHEDULE_MAX_FEEDS) {
    const page = await deps.store.listDueFeeds(now.toISOString(), SCHEDULE_BATCH);
    // An index read may still show a feed claimed a moment ago: it is not queued twice in one run.
    const due = page.filter((feed) => !queued.has(feed.id)).slice(0, SCHEDULE_MAX_FEEDS - queued.size);
    for (let i = 0; i < due.length; i += CLAIM_CONCURRENCY) {
      const claims = due.slice(i, i + CLAIM_CONCURRENCY);
      await Promise.all(claims.map((feed) => deps.store.updateFeedFetchState(feed.id, { nextCheckAt: claimUntil })));
    }
    if (due.length > 0) await deps.queue.send(due.map((f) => ({ type: "fetch" as const, feedId: f.id })));
    for (const feed of due) queued.add(feed.id);
    if (due.length === 0 || page.length < SCHEDULE_BATCH) break;
  }

  const deliveries = await deps.store.listDueDeliveries(now.toISOString(), SCHEDULE_BATCH);
  if (deliveries.length > 0) {
    await deps.queue.send(deliveries.map((d) => ({ type: "deliver" as const, deliveryId: d.id })));
  }
  if (queued.size + deliveries.length > 0) {
    deps.logger.info("schedule", { feedsQueued: queued.size, deliveriesQueued: deliveries.length });
  }
  return { feeds: queued.size, deliveries: deliveries.length };
}
