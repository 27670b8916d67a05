/**
 * One entry for every queued job, for the local in-process queue, which runs both kinds. Each Lambda consumer runs
 * only its own step (functions/ingest.ts runs fetch jobs through fetch-job.ts, functions/deliver.ts deliveries),
 * so neither bundles the other.
 */
import { deliverOne } from "./delivery/deliver.ts";
import type { DeliverDeps } from "./delivery/types.ts";
import { runFetchJob } from "./fetch-job.ts";
import type { IngestDeps } from "./ingest.ts";
import type { Job } from "./ports.ts";

export { parseJob } from "./jobs.ts";

export type WorkerDeps = IngestDeps & DeliverDeps;

export async function handleJob(job: Job, deps: WorkerDeps): Promise<void> {
  if (job.type === "fetch") {
    await runFetchJob(job, deps);
    return;
  }
  if (job.type === "deliver") {
    await deliverOne(job.deliveryId, deps);
    return;
  }
  throw new Error(`Unknown job type ${(job as { type?: unknown }).type}; the message was malformed.`);
}
