/** Lambda entry: FetchQueue consumer; one feed check per record, partial batch failures. */
import { runFetchJob } from "@storywire/pipeline/fetch-job";
import { createFetcher } from "@storywire/pipeline/fetcher";
import { StorylineCatalog } from "@storywire/pipeline/storylines";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { lambdaPipeline } from "./lib/context.ts";
import { logContext } from "./lib/logger.ts";
import { eachJobOf } from "./lib/sqs-batch.ts";

export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  logContext(context);
  const deps = await lambdaPipeline({ catalog: StorylineCatalog, fetcher: createFetcher });
  return eachJobOf(
    event,
    "fetch",
    async (job) => {
      // The feed's claim is taken over from the scheduler, renewed while the check runs, released after it.
      await runFetchJob(job, deps);
    },
    { logger: deps.logger, context },
  );
}
