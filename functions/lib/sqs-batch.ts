/** Runs each SQS record on its own and reports only the failed ones (SQS partial batch responses). */
import { handleJob, type Job, parseJob } from "@storywire/pipeline";
import { lambdaContext } from "./context.ts";

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

/** The SQS consumer both queue functions run: each record is one job for the shared pipeline worker. */
export async function consumeJobs(event: SqsEvent): Promise<SqsBatchResponse> {
  const { deps } = await lambdaContext();
  return eachRecord(event, (job) => handleJob(job, deps));
}
