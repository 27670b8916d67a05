/**
 * One entry for every queued job, shared by the Lambda consumers and the local in-process queue.
 *
 * A fetch job runs only while it holds the feed's claim (store feeds.ts): the claim queued with a job is taken
 * over (by whichever of the feed's jobs arrives first: a job queued again after its claim lapsed in a slow queue is
 * not starved), or a free claim is taken when the feed is due. A job for a feed that is not due, or that another
 * worker is fetching, is done at once: one fetch per due time. The claim is renewed while the fetch runs and released at
 * the end; a worker that dies leaves a claim that lapses after the claim timeout.
 */
import { randomUUID } from "node:crypto";
import { type DeliverDeps, deliverOne } from "./deliver.ts";
import { type IngestDeps, ingestFeed } from "./ingest.ts";
import { claimTimeoutOf, type FetchJob, type Job } from "./ports.ts";

export type WorkerDeps = IngestDeps & DeliverDeps;

export async function handleJob(job: Job, deps: WorkerDeps): Promise<void> {
  if (job.type === "fetch") {
    await fetchClaimed(job, deps);
    return;
  }
  if (job.type === "deliver") {
    await deliverOne(job.deliveryId, deps);
    return;
  }
  throw new Error(`Unknown job type ${(job as { type?: unknown }).type}; the message was malformed.`);
}

async function fetchClaimed(job: FetchJob, deps: WorkerDeps): Promise<void> {
  const owner = `worker-${randomUUID()}`;
  const leaseMs = claimTimeoutOf(deps);
  const claimed = await deps.store.claimFeed(job.feedId, {
    owner,
    now: deps.clock.now(),
    leaseMs,
    takeOverQueued: true,
  });
  if (!claimed) {
    deps.logger.info("feed fetch skipped: not due, or another worker is fetching it", { feedId: job.feedId });
    return;
  }
  // Renewed at a third of the lease, so a live worker keeps its claim through two failed renewals.
  const heartbeat = setInterval(() => {
    deps.store.renewFeedClaim(job.feedId, owner, deps.clock.now(), leaseMs).then(
      (held) => {
        if (!held) deps.logger.warn("feed claim lost while fetching", { feedId: job.feedId });
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
    await ingestFeed(job.feedId, deps);
  } finally {
    clearInterval(heartbeat);
    await deps.store.releaseFeedClaim(job.feedId, owner).catch((error: unknown) => {
      deps.logger.warn("feed claim not released; it lapses by itself", {
        feedId: job.feedId,
        error: error instanceof Error ? error.message : String(error),
      });
    });
  }
}

const HEX_ID = /^[0-9a-f]{16}$/;
const CLAIM_TOKEN = /^[A-Za-z0-9_-]{1,100}$/;

/** Parses a queue message body into a Job, or throws a clear error (a poison message). */
export function parseJob(body: string): Job {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new Error("The queue message is not JSON.");
  }
  const job = value as Partial<Job> & Record<string, unknown>;
  if (job?.type === "fetch" && typeof job.feedId === "string" && HEX_ID.test(job.feedId)) {
    if (job.claim === undefined) return { type: "fetch", feedId: job.feedId };
    if (typeof job.claim === "string" && CLAIM_TOKEN.test(job.claim)) {
      return { type: "fetch", feedId: job.feedId, claim: job.claim };
    }
  }
  if (job?.type === "deliver" && typeof job.deliveryId === "string" && HEX_ID.test(job.deliveryId)) {
    return { type: "deliver", deliveryId: job.deliveryId };
  }
  throw new Error(`The queue message is not a Storywire job: ${body.slice(0, 200)}`);
}
