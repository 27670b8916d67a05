/**
 * Queue message bodies -> jobs. Shared by the SQS consumers and the local queue; imports nothing but the job
 * types, so a consumer that only parses (and routes) jobs does not load the steps that run them.
 */
import type { Job } from "./ports.ts";

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
