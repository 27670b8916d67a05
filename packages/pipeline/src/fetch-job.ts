/**
 * A fetch job runs only while it holds the feed's claim (@storywire/store FEED-CLAIMS.md): the claim queued with a
 * job is taken over (by whichever of the feed's jobs arrives first: a job queued again after its claim lapsed in a
 * slow queue is not starved), or a free claim is taken when the feed is due. That one write also returns the feed, so
 * the check reads nothing more before it fetches. A job for a feed that is not due, or that another worker is
 * fetching (a second job for one due time, or the queue delivering one message twice), is done at once: one fetch per
 * due time. The claim is renewed while the fetch runs, and released by the same write that records the result; a
 * worker that dies leaves a claim that lapses after the claim timeout.
 *
 * Its own module, so that the ingest function runs fetch jobs without bundling the deliver step (worker.ts has both).
 */
import { randomUUID } from "node:crypto";
import { type IngestDeps, type IngestResult, ingestFeed } from "./ingest.ts";
import { type ClaimSettings, claimTimeoutOf, type FetchJob } from "./ports.ts";

export type FetchJobDeps = IngestDeps & ClaimSettings;

export async function runFetchJob(job: FetchJob, deps: FetchJobDeps): Promise<IngestResult | null> {
  const owner = `worker-${randomUUID()}`;
  const leaseMs = claimTimeoutOf(deps);
  const feed = await deps.store.claimFeed(job.feedId, {
    owner,
    now: deps.clock.now(),
    leaseMs,
    takeOverQueued: true,
  });
  if (!feed) {
    deps.logger.info("feed fetch skipped: not due, or another worker is fetching it", { feedId: job.feedId });
    return null;
  }
  let settled = false;
  // Renewed at a third of the lease, so a live worker keeps its claim through two failed renewals.
  const heartbeat = setInterval(() => {
    deps.store.renewFeedClaim(job.feedId, owner, deps.clock.now(), leaseMs).then(
      (held) => {
        // (A renewal that crossed the final write finds the claim released: not a loss.)
        if (!held && !settled) deps.logger.warn("feed claim lost while fetching", { feedId: job.feedId });
      },
      (error: unknown) =>
        deps.logger.warn("feed claim not renewed; it lapses unless a later renewal succeeds", {
          feedId: job.feedId,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  }, leaseMs / 3);
  heartbeat.unref?.();
  try {
    // The check's final write records its result and releases the claim.
    return await ingestFeed(job.feedId, deps, { owner, feed });
  } catch (error) {
    settled = true;
    clearInterval(heartbeat);
    // Nothing recorded: free the feed at once (a retry of the job may take it), or let the claim lapse.
    await deps.store.releaseFeedClaim(job.feedId, owner).catch((failure: unknown) => {
      deps.logger.warn("feed claim not released; it lapses by itself", {
        feedId: job.feedId,
        error: failure instanceof Error ? failure.message : String(failure),
      });
    });
    throw error;
  } finally {
    settled = true;
    clearInterval(heartbeat);
  }
}
