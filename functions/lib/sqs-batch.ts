/**
 * Runs each SQS record on its own and reports only the failed ones (SQS partial batch responses), with Powertools
 * for AWS Lambda's batch processor: the records run in parallel, and a failed one is logged with its message id.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { parseJob } from "@storywire/pipeline/jobs";
import type { Job, Logger } from "@storywire/pipeline/ports";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";

const processor = new BatchProcessor(EventType.SQS);

export interface BatchOptions {
  logger: Logger;
  context?: Context;
}

export async function eachRecord(
  event: SQSEvent,
  run: (job: Job) => Promise<void>,
  { logger, context }: BatchOptions,
): Promise<SQSBatchResponse> {
  const handle = async (record: SQSRecord) => {
    try {
      await run(parseJob(record.body));
    } catch (error) {
      // Only this record is retried by SQS, then dead-lettered after the queue's maxReceiveCount.
      logger.error("job failed", { messageId: record.messageId, error: (error as Error).message });
      throw error;
    }
  };
  // A batch whose every record failed is still a partial response: each goes back to the queue on its own.
  return processPartialResponse(event, handle, processor, {
    context,
    processInParallel: true,
    throwOnFullBatchFailure: false,
  });
}

/**
 * Each queue carries one job type (infra/queues.ts): its consumer runs only that step. A job of the other type
 * fails on its own, like any poison record, and ends in the dead-letter queue where it can be inspected.
 */
export function eachJobOf<T extends Job["type"]>(
  event: SQSEvent,
  type: T,
  run: (job: Extract<Job, { type: T }>) => Promise<void>,
  options: BatchOptions,
): Promise<SQSBatchResponse> {
  return eachRecord(
    event,
    async (job) => {
      if (job.type !== type) {
        throw new Error(`A ${job.type} job reached the ${type} consumer; this queue carries only ${type} jobs.`);
      }
      await run(job as Extract<Job, { type: T }>);
    },
    options,
  );
}
