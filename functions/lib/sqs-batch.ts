/** Runs each SQS record on its own and reports only the failed ones (SQS partial batch responses). */
import { parseJob } from "@storywire/pipeline/jobs";
import type { Job } from "@storywire/pipeline/ports";

export interface SqsRecord {
  messageId: string;
  body: string;
}

export interface SqsEvent {
  Records: SqsRecord[];
}

export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export async function eachRecord(event: SqsEvent, run: (job: Job) => Promise<void>): Promise<SqsBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  await Promise.all(
    event.Records.map(async (record) => {
      try {
        await run(parseJob(record.body));
      } catch (error) {
        // Only this record is retried by SQS, then dead-lettered after the queue's maxReceiveCount.
        console.error(
          JSON.stringify({
            level: "error",
            message: "job failed",
            messageId: record.messageId,
            error: (error as Error).message,
          }),
        );
        failures.push({ itemIdentifier: record.messageId });
      }
    }),
  );
  return { batchItemFailures: failures };
}

/**
 * Each queue carries one job type (infra/queues.ts): its consumer runs only that step. A job of the other type
 * fails on its own, like any poison record, and ends in the dead-letter queue where it can be inspected.
 */
export function eachJobOf<T extends Job["type"]>(
  event: SqsEvent,
  type: T,
  run: (job: Extract<Job, { type: T }>) => Promise<void>,
): Promise<SqsBatchResponse> {
  return eachRecord(event, async (job) => {
    if (job.type !== type) {
      throw new Error(`A ${job.type} job reached the ${type} consumer; this queue carries only ${type} jobs.`);
    }
    await run(job as Extract<Job, { type: T }>);
  });
}
