/** Lambda entry: FetchQueue consumer; one feed check per record, partial batch failures. */
import { createFetcher } from "@storywire/pipeline/fetcher";
import { type IngestDeps, ingestFeed } from "@storywire/pipeline/ingest";
import { lambdaCatalog, lambdaContext } from "./lib/context.ts";
import { eachJobOf, type SqsBatchResponse, type SqsEvent } from "./lib/sqs-batch.ts";

let ready: Promise<IngestDeps> | undefined;

async function ingestDeps(): Promise<IngestDeps> {
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
    await ingestFeed(job.feedId, deps);
  });
}
