/** The JobQueue port on SQS: fetch jobs and delivery jobs go to their own queues, in batches of ten. */
import { SendMessageBatchCommand, type SendMessageBatchCommandOutput, SQSClient } from "@aws-sdk/client-sqs";
import type { Job, JobQueue } from "@storywire/pipeline";

export const SQS_MAX_DELAY_SECONDS = 900;
/** SendMessageBatch takes at most ten entries. */
export const SQS_MAX_BATCH = 10;

/** Where each job type's queue URL comes from, for the error when it is missing. */
const QUEUE_SOURCE: Record<Job["type"], string> = {
  fetch: "link FetchQueue to this function, or set STORYWIRE_FETCH_QUEUE_URL",
  deliver: "link DeliveryQueue to this function, or set STORYWIRE_DELIVERY_QUEUE_URL",
};

/** A delay SQS accepts: whole seconds from 0 to 900; anything not a number means no delay. */
export function sqsDelaySeconds(delaySeconds: number): number {
  if (Number.isNaN(delaySeconds)) return 0;
  return Math.max(0, Math.min(SQS_MAX_DELAY_SECONDS, Math.round(delaySeconds)));
}

export function sqsQueue(urls: { fetch: string; deliver: string }, client = new SQSClient({})): JobQueue {
  async function sendBatch(type: Job["type"], batch: Job[], delay: number): Promise<string | null> {
    const queueUrl = urls[type];
    const count = `${batch.length} ${type} job${batch.length === 1 ? "" : "s"}`;
    let result: SendMessageBatchCommandOutput;
    try {
      result = await client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((job, n) => ({ Id: String(n), MessageBody: JSON.stringify(job), DelaySeconds: delay })),
        }),
      );
    } catch (error) {
      return `sending ${count} to ${queueUrl} failed: ${(error as Error).message}`;
    }
    const failed = result.Failed ?? [];
    if (failed.length === 0) return null;
    const reasons = [...new Set(failed.map((f) => `${f.Code ?? "error"}: ${f.Message ?? "no reason given"}`))];
    return `SQS refused ${failed.length} of ${count} sent to ${queueUrl} (${reasons.join("; ")})`;
  }

  return {
    async send(jobs: Job[], delaySeconds = 0) {
      const delay = sqsDelaySeconds(delaySeconds);
      const problems: string[] = [];
      for (const type of ["fetch", "deliver"] as const) {
        const mine = jobs.filter((j) => j.type === type);
        if (mine.length === 0) continue;
        if (!urls[type]) {
          problems.push(`no SQS queue URL is set for ${type} jobs (${QUEUE_SOURCE[type]})`);
          continue;
        }
        // Every batch is tried even after one fails, so a refused batch never holds back the others.
        for (let i = 0; i < mine.length; i += SQS_MAX_BATCH) {
          const problem = await sendBatch(type, mine.slice(i, i + SQS_MAX_BATCH), delay);
          if (problem) problems.push(problem);
        }
      }
      if (problems.length > 0) {
        throw new Error(`Queueing ${jobs.length} job(s) failed: ${problems.join("; ")}.`);
      }
    },
  };
}
