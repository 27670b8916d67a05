/** The JobQueue port on SQS: fetch jobs and delivery jobs go to their own queues, in batches of ten. */
import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { Job, JobQueue } from "@storywire/pipeline";

export const SQS_MAX_DELAY_SECONDS = 900;

export function sqsQueue(urls: { fetch: string; deliver: string }, client = new SQSClient({})): JobQueue {
  return {
    async send(jobs: Job[], delaySeconds = 0) {
      const delay = Math.max(0, Math.min(SQS_MAX_DELAY_SECONDS, Math.round(delaySeconds)));
      for (const type of ["fetch", "deliver"] as const) {
        const mine = jobs.filter((j) => j.type === type);
        for (let i = 0; i < mine.length; i += 10) {
          const batch = mine.slice(i, i + 10);
          const result = await client.send(
            new SendMessageBatchCommand({
              QueueUrl: urls[type],
              Entries: batch.map((job, n) => ({
                Id: String(n),
                MessageBody: JSON.stringify(job),
                DelaySeconds: delay,
              })),
            }),
          );
          if (result.Failed?.length) {
            throw new Error(
              `SQS refused ${result.Failed.length} of ${batch.length} ${type} jobs: ${result.Failed[0]?.Message}`,
            );
          }
        }
      }
    },
  };
}
