/**
 * One entry for every queued job, shared by the Lambda consumers and the local in-process queue.
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

/** Parses a queue message body into a Job, or throws a clear error (a poison message). */
export function parseJob(body: string): Job {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new Error("The queue message is not JSON.");
  }
  const job = value as Partial<Job> & Record<string, unknown>;
  if (job?.type === "fetch" && typeof job.feedId === "string" && /^[0-9a-f]{16}$/.test(job.feedId)) {
    return { type: "fetch", feedId: job.feedId };
  }
  if (job?.type === "deliver" && typeof job.deliveryId === "string" && /^[0-9a-f]{16}$/.test(job.deliveryId)) {
    return { type: "deliver", deliveryId: job.deliveryId };
  }
  throw new Error(`The queue message is not a Storywire job: ${body.slice(0, 200)}`);
}
