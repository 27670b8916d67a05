/** Lambda entry: FetchQueue consumer; one feed check per record, partial batch failures. */
import { runFetchJob } from "@storywire/pipeline/fetch-job";
import { createFetcher } from "@storywire/pipeline/fetcher";
import { StorylineCatalog } from "@storywire/pipeline/storylines";
import { lambdaPipeline } from "./lib/context.ts";
import { eachJobOf, type SqsBatchResponse, type SqsEvent } from "./lib/sqs-batch.ts";

export async function handler(event: SqsEvent): Promise<SqsBatchResponse> {
  const deps = await lambdaPipeline({ catalog: StorylineCatalog, fetcher: createFetcher });
  return eachJobOf(event, "fetch", async (job) => {
    // The feed's claim is taken over from the scheduler, renewed while the check runs, released after it.
    await runFetchJob(job, deps);
  });
}
