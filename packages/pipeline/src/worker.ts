/**
 * One entry for every queued job, for the local in-process queue, which runs both kinds. Each Lambda consumer runs
 * only its own step (functions/ingest.ts, functions/deliver.ts), so neither bundles the other.
 */
import { type DeliverDeps, deliverOne } from "./deliver.ts";
import { type IngestDeps, ingestFeed } from "./ingest.ts";
import type { Job } from "./ports.ts";

export type WorkerDeps = IngestDeps & DeliverDeps;

export async function handleJob(job: Job, deps: WorkerDeps): Promise<void> {
  if (job.type === "fetch") {
    await ingestFeed(job.feedId, deps);
    return;
  }
  if (job.type === "deliver") {
    await deliverOne(job.deliveryId, deps);
    return;
  }
  throw new Error(`Unknown job type ${(job as { type?: unknown }).type}; the message was malformed.`);
}
