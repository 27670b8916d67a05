/** Lambda entry: FetchQueue consumer; one feed check per record, partial batch failures. */
import { consumeJobs, type SqsBatchResponse, type SqsEvent } from "./lib/sqs-batch.ts";

export async function handler(event: SqsEvent): Promise<SqsBatchResponse> {
  return consumeJobs(event);
}
