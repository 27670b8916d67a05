/** Lambda entry: FetchQueue consumer; one feed check per record, partial batch failures. */

import { type FetchJobDeps, runFetchJob } from "@storywire/pipeline/fetch-job";
import { createFetcher } from "@storywire/pipeline/fetcher";
import { lambdaCatalog, lambdaContext } from "./lib/context.ts";
import { eachJobOf, type SqsBatchResponse, type SqsEvent } from "./lib/sqs-batch.ts";

let ready: Promise<FetchJobDeps> | undefined;

async function ingestDeps(): Promise<FetchJobDeps> {
  const { deps, settings } = await lambdaContext();
  return {
    ...deps,
    storylines: await lambdaCatalog(),
    fetcher: createFetcher({ allowPrivateNetworks: settings.allowPrivateNetworks }),
    pollIntervalMs: settings.pollIntervalMs,
    fullTextBudget: settings.fullTextBudget,
  };
}

export async function handler(event: SqsEvent): Promise<SqsBatchResponse> {
  ready ??= ingestDeps().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  const deps = await ready;
  return eachJobOf(event, "fetch", async (job) => {
    // The feed's claim is taken over from the scheduler, renewed while the check runs, released after it.
    await runFetchJob(job, deps);
  });
}
