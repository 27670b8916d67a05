/**
 * The composition root: the pipeline's dependencies built from one Config, the same way for the local runtime
 * (packages/cli/src/runtime/stack.ts) and for every Lambda function (functions/lib/context.ts). Every setting is
 * read here and nowhere else: the SSRF switch reaches the fetcher, the poster and the URL check from this one
 * place; the admin keys reach the store's secret box; the intervals and budgets reach the steps.
 *
 * What differs between runtimes comes in as `platform` (the queue, the logger, the clock, the storylines file as
 * read from where the runtime keeps it). What differs between functions comes in as `parts`: a runtime passes
 * the constructors of the steps it runs (the fetcher for ingest, the HTTP poster and an email sender for
 * delivery, the storyline catalog where stories are scored or listed), so that a Lambda bundle carries only the
 * code its function runs (functions/build.ts bundles what a handler's imports reach).
 */
import type { EmailSender, HttpPoster } from "@storywire/channels";
import type { FileStoryline } from "@storywire/core/storyline-definition";
import { validatePublicUrl } from "@storywire/fetch/ssrf";
import { createDynamoClient, createStore, type DocumentSender, type Store } from "@storywire/store";
import { canonicalUrl } from "../feeds.ts";
import type { Fetcher, FetcherOptions } from "../fetcher.ts";
import { type Clock, type JobQueue, type Logger, systemClock } from "../ports.ts";
import type { StorylineCatalog, StorylineCatalogOptions } from "../storylines.ts";
import type { Config } from "./settings.ts";

/** The sender of email alerts when the configuration names none (SMTP locally; SES needs a verified one). */
export const DEFAULT_EMAIL_FROM = "Storywire <storywire@localhost>";

export interface Platform {
  queue: JobQueue;
  logger: Logger;
  clock?: Clock;
  /** The storylines file (config.storylinesFile), read and validated where the runtime keeps it. */
  storylinesFile?: { source: string; storylines: readonly FileStoryline[] };
  /**
   * The embedded store called in process, when the runtime started it (the local runtime's dynalite); otherwise
   * the store talks to config.dynamoEndpoint (or DynamoDB) through the AWS SDK.
   */
  documents?: DocumentSender;
}

/** The steps' constructors a runtime runs; each one left out stays out of its bundle. */
export interface Parts {
  fetcher?: (options: FetcherOptions) => Fetcher;
  post?: HttpPoster;
  email?: EmailSender;
  catalog?: (new (
    options: StorylineCatalogOptions,
  ) => StorylineCatalog) & {
    readFile(path: string, root: string): Promise<NonNullable<Platform["storylinesFile"]>>;
  };
}

export interface PipelineBase {
  config: Config;
  store: Store;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  claimTimeoutMs: number;
  pollIntervalMs: number;
  fullTextBudget: number;
  allowPrivateNetworks: boolean;
  /** Base URL of the API for links in alerts; a runtime that learns it late (a listening port) sets it then. */
  publicUrl: string;
  /** A URL given through the API (a feed, a webhook), checked by the SSRF guard and canonicalized. */
  validateUrl(url: string): Promise<string>;
  storylinesFile: Platform["storylinesFile"];
}

/** The pipeline's dependencies: the shared ones, and each part that was passed. */
export type Pipeline<P extends Parts> = PipelineBase &
  (P extends { fetcher: object } ? { fetcher: Fetcher } : unknown) &
  (P extends { post: object } ? { post: HttpPoster } : unknown) &
  (P extends { email: object } ? { email: { sender: EmailSender; from: string } } : { email?: undefined }) &
  (P extends { catalog: object } ? { storylines: StorylineCatalog } : unknown);

export function composePipeline<P extends Parts>(config: Config, platform: Platform, parts: P): Pipeline<P> {
  const allowPrivateNetworks = config.allowPrivateNetworks;
  const base: PipelineBase = {
    config,
    store: createStore({
      ...(platform.documents
        ? { documents: platform.documents }
        : { client: createDynamoClient({ endpoint: config.dynamoEndpoint }) }),
      tableName: config.tableName,
      listCacheMs: config.listCacheMs,
      searchWords: config.searchWordsPerStory,
      // Functions not linked to the admin key (schedule, ingest) never open a stored secret.
      ...(config.adminKey ? { secrets: { current: config.adminKey, previous: config.previousAdminKeys } } : {}),
    }),
    queue: platform.queue,
    clock: platform.clock ?? systemClock,
    logger: platform.logger,
    storylinesFile: platform.storylinesFile,
    claimTimeoutMs: config.claimTimeoutSeconds * 1000,
    pollIntervalMs: config.pollIntervalSeconds * 1000,
    fullTextBudget: config.fullTextBudget,
    allowPrivateNetworks,
    publicUrl: config.publicUrl ?? "",
    validateUrl: async (url) => canonicalUrl(await validatePublicUrl(url, { allowPrivateNetworks })),
  };
  return withParts(base, parts);
}

/** Adds parts to a composed pipeline (the API adds the senders on its first test alert, not at cold start). */
export function withParts<B extends PipelineBase, P extends Parts>(base: B, parts: P): B & Pipeline<P> {
  const pipeline: Record<string, unknown> = { ...(base as PipelineBase) };
  const { allowPrivateNetworks, store, clock, logger } = base;
  if (parts.fetcher) pipeline.fetcher = parts.fetcher({ allowPrivateNetworks });
  if (parts.post) {
    const post = parts.post;
    pipeline.post = ((url, body, options) => post(url, body, { ...options, allowPrivateNetworks })) as HttpPoster;
  }
  if (parts.email) pipeline.email = { sender: parts.email, from: base.config.emailFrom ?? DEFAULT_EMAIL_FROM };
  if (parts.catalog) {
    pipeline.storylines = new parts.catalog({ store, file: base.storylinesFile, clock, logger });
  }
  return pipeline as B & Pipeline<P>;
}
