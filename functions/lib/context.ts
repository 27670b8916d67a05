/**
 * Builds the pipeline's adapters inside Lambda from the linked SST resources (`Resource` from "sst"), falling back
 * to environment variables so that the same bundles run against dynalite and loopback servers in tests.
 *
 * Only what every function uses is built here (store, queue, clock, logger); each handler adds what only it runs
 * (the storyline catalog for ingest, deliver and the API; the fetcher for ingest; the HTTP poster and SES for
 * deliver), so that no bundle carries another's code: functions/build.ts bundles only what a handler's imports reach.
 */
import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { loadStorylinesFile } from "@storywire/core/storyline-definition";
import {
  type ClaimSettings,
  type Clock,
  type JobQueue,
  jsonLogger,
  type Logger,
  systemClock,
} from "@storywire/pipeline/ports";
import { StorylineCatalog } from "@storywire/pipeline/storylines";
import { createDynamoClient, createStore, type Store } from "@storywire/store";
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

export interface LambdaSettings {
  tableName: string;
  fetchQueueUrl: string;
  deliveryQueueUrl: string;
  /** Empty in functions not linked to AdminApiKey (schedule, ingest): they never open stored secrets. */
  adminKey: string;
  /** The admin key before the last rotation, while secrets sealed under it are still being read. */
  previousAdminKey: string;
  emailFrom: string;
  publicUrl: string;
  dynamoEndpoint?: string;
  allowPrivateNetworks: boolean;
  pollIntervalMs: number;
  /** Article pages fetched per feed check for summary-only items. */
  fullTextBudget: number;
  /** Milliseconds a story list page is answered from memory (README Configuration). */
  listCacheMs: number;
  /** Words of each new story in the search index (README Configuration). */
  searchWords: number;
  /** API rate limits (README Configuration). */
  rateLimit: { perKey: number; perAddress: number; windowSeconds: number; limitLoopback: boolean };
  /** How long a crashed worker's claim blocks a feed or a delivery. */
  claimTimeoutMs: number;
  /** The storylines file bundled with the function (infra/storylines.ts), relative to the task root. */
  storylinesFile?: string;
}

/**
 * A whole number from the environment within [min, max]; unset or empty gives the default. Anything else is a
 * configuration error, reported once at cold start instead of as NaN deep inside every ingest.
 */
export function numberSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new Error(
      `${name} must be a whole number from ${range.min} to ${range.max}; got "${raw}". Fix it in the function's environment.`,
    );
  }
  return value;
}

export async function settings(env = process.env): Promise<LambdaSettings> {
  return {
    tableName: (await linked("StoryTable", "name")) ?? env.STORYWIRE_TABLE ?? "storywire",
    fetchQueueUrl: (await linked("FetchQueue", "url")) ?? env.STORYWIRE_FETCH_QUEUE_URL ?? "",
    deliveryQueueUrl: (await linked("DeliveryQueue", "url")) ?? env.STORYWIRE_DELIVERY_QUEUE_URL ?? "",
    adminKey: (await linked("AdminApiKey", "value")) ?? env.STORYWIRE_ADMIN_KEY ?? "",
    previousAdminKey: (await linked("PreviousAdminApiKey", "value")) ?? env.STORYWIRE_PREVIOUS_ADMIN_KEY ?? "",
    emailFrom: (await linked("EmailFrom", "value")) ?? env.STORYWIRE_EMAIL_FROM ?? "",
    publicUrl: (env.STORYWIRE_PUBLIC_URL ?? "").replace(/\/+$/, ""),
    dynamoEndpoint: env.STORYWIRE_DYNAMO_ENDPOINT || undefined,
    allowPrivateNetworks: env.STORYWIRE_ALLOW_PRIVATE_NETWORKS === "1",
    pollIntervalMs: numberSetting(env, "STORYWIRE_POLL_INTERVAL", 300, { min: 1, max: 86_400 }) * 1000,
    fullTextBudget: numberSetting(env, "STORYWIRE_FULLTEXT_BUDGET", 10, { min: 0, max: 100 }),
    listCacheMs: numberSetting(env, "STORYWIRE_LIST_CACHE_MS", 1000, { min: 0, max: 60_000 }),
    searchWords: numberSetting(env, "STORYWIRE_SEARCH_WORDS", 600, { min: 0, max: 600 }),
    rateLimit: {
      perKey: numberSetting(env, "STORYWIRE_RATE_LIMIT_PER_KEY", 600, { min: 0, max: 1_000_000 }),
      perAddress: numberSetting(env, "STORYWIRE_RATE_LIMIT_PER_ADDRESS", 300, { min: 0, max: 1_000_000 }),
      windowSeconds: numberSetting(env, "STORYWIRE_RATE_LIMIT_WINDOW", 60, { min: 1, max: 86_400 }),
      limitLoopback: env.STORYWIRE_RATE_LIMIT_LOOPBACK === "1",
    },
    claimTimeoutMs: numberSetting(env, "STORYWIRE_CLAIM_TIMEOUT", 60, { min: 1, max: 900 }) * 1000,
    storylinesFile: env.STORYWIRE_STORYLINES?.trim() || undefined,
  };
}

/** The bundled storylines file, validated (a broken one fails the cold start with a message naming the field). */
async function storylinesFile(path: string | undefined, env = process.env) {
  if (path === undefined) return undefined;
  const full = isAbsolute(path) ? path : join(env.LAMBDA_TASK_ROOT ?? process.cwd(), path);
  return { source: path, storylines: loadStorylinesFile(await readFile(full, "utf8"), path) };
}

/** The adapters every function shares. */
export interface LambdaDeps extends ClaimSettings {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
}

export interface LambdaContext {
  deps: LambdaDeps;
  settings: LambdaSettings;
}

let cached: Promise<LambdaContext> | undefined;
let catalog: Promise<StorylineCatalog> | undefined;

/** One set of adapters per Lambda container, built on first use and reused by later invocations. */
export function lambdaContext(): Promise<LambdaContext> {
  cached ??= build();
  return cached;
}

/**
 * The storylines (built-in, bundled file, saved in the table), for the functions that score, alert or list them.
 * One catalog per container: it checks the table's storylines version (one point read) on every ingest and
 * reloads only when a storyline was changed, so warm containers see API changes without a restart.
 */
export function lambdaCatalog(): Promise<StorylineCatalog> {
  catalog ??= lambdaContext().then(
    async ({ deps, settings: s }) =>
      new StorylineCatalog({ store: deps.store, logger: deps.logger, file: await storylinesFile(s.storylinesFile) }),
  );
  return catalog;
}

/** Tests build each bundle's context afresh after changing the environment. */
export function resetLambdaContext(): void {
  cached = undefined;
  catalog = undefined;
}

async function build(): Promise<LambdaContext> {
  const s = await settings();
  const deps: LambdaDeps = {
    store: createStore({
      client: createDynamoClient({ endpoint: s.dynamoEndpoint }),
      tableName: s.tableName,
      listCacheMs: s.listCacheMs,
      searchWords: s.searchWords,
      ...(s.adminKey
        ? { secrets: { current: s.adminKey, previous: s.previousAdminKey ? [s.previousAdminKey] : [] } }
        : {}),
    }),
    queue: sqsQueue({ fetch: s.fetchQueueUrl, deliver: s.deliveryQueueUrl }),
    clock: systemClock,
    logger: jsonLogger(),
    claimTimeoutMs: s.claimTimeoutMs,
  };
  return { deps, settings: s };
}
