/**
 * The configuration and the pipeline inside Lambda: the settings come from the environment and from the linked SST
 * resources (`Resource` from "sst"; they win), parsed once by the one schema (@storywire/pipeline/config), and the
 * dependencies are built once per container by the one composition root (composePipeline). Without SST links
 * (tests, other runtimes) the environment variables alone configure the same bundles.
 *
 * Each handler passes the parts it runs (the fetcher for ingest; the HTTP poster and SES for deliver; the storyline
 * catalog for ingest, deliver and the API), so that no bundle carries another's code.
 */
import { type Config, composePipeline, type Parts, type Pipeline, parseConfig } from "@storywire/pipeline/config";
import { lambdaLogger } from "./logger.ts";
import { sqsQueue } from "./sqs-queue.ts";

/** Reads a linked resource's property without failing when SST did not link it (tests, other runtimes). */
async function linked(name: string, prop: string): Promise<string | undefined> {
  try {
    const { Resource } = await import("sst/resource");
    const value = (Resource as unknown as Record<string, Record<string, unknown>>)[name]?.[prop];
    return typeof value === "string" && value !== "" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The configuration of this function: the environment, then the linked resources. A bad value fails the cold start. */
export async function lambdaConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const previousAdminKey = await linked("PreviousAdminApiKey", "value");
  return parseConfig({
    env,
    overrides: {
      tableName: await linked("StoryTable", "name"),
      fetchQueueUrl: await linked("FetchQueue", "url"),
      deliveryQueueUrl: await linked("DeliveryQueue", "url"),
      adminKey: await linked("AdminApiKey", "value"),
      previousAdminKeys: previousAdminKey ? [previousAdminKey] : undefined,
      emailFrom: await linked("EmailFrom", "value"),
    },
  });
}

let cached: Promise<Pipeline<Parts>> | undefined;

/**
 * The pipeline of this container, built on first use from `parts` (or from what the configuration makes of
 * them) and reused by later invocations. A failed
 * build (a bad setting, an unreadable storylines file) is not cached: the next invocation tries again.
 */
export function lambdaPipeline<P extends Parts>(parts: P | ((config: Config) => P)): Promise<Pipeline<P>> {
  cached ??= (async () => {
    const config = await lambdaConfig();
    const chosen = typeof parts === "function" ? parts(config) : parts;
    // The storylines file is bundled beside the handler (infra/storylines.ts); only the catalog reads it.
    const file =
      chosen.catalog && config.storylinesFile
        ? await chosen.catalog.readFile(config.storylinesFile, process.env.LAMBDA_TASK_ROOT ?? process.cwd())
        : undefined;
    const platform = {
      queue: sqsQueue({ fetch: config.fetchQueueUrl ?? "", deliver: config.deliveryQueueUrl ?? "" }),
      logger: lambdaLogger,
      storylinesFile: file,
    };
    return composePipeline(config, platform, chosen);
  })().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached as Promise<Pipeline<P>>;
}
