import type { SendResult } from "@storywire/channels";
import type { Storyline } from "@storywire/core";
import type { JobQueue, StorylineCatalog } from "@storywire/pipeline";
import type { PipelineBase } from "@storywire/pipeline/config";
import type { Store, Subscription } from "@storywire/store";
import type { RateLimitSettings } from "./middleware/rate-limit.ts";

/** What the API needs from its runtime; the local runtime and the Lambda handler each build one. */
export interface ApiDeps {
  store: Store;
  queue: JobQueue;
  /** The admin API key; write access needs `Authorization: Bearer <key>`. */
  adminKey: string;
  /** Base URL of this API for links in alerts and feeds, e.g. http://localhost:8787. */
  publicUrl: string;
  /** Checks a user-supplied URL (scheme, credentials, SSRF guard) and returns its canonical form, or throws. */
  validateUrl(url: string): Promise<string>;
  /** The storylines stories are scored for. */
  storylines(): Promise<readonly Storyline[]>;
  /**
   * Where storylines are created, edited and deleted (the runtime's own catalog, whose list() is `storylines`).
   * Absent: the app builds one on `store` with the built-in storylines and no file.
   */
  storylineCatalog?: StorylineCatalog;
  /** Sends a storyline.test alert through a subscription's channel. */
  sendTest(sub: Subscription): Promise<Pick<SendResult, "ok" | "status" | "error">>;
  now?: () => Date;
  /** Requests per window per API key and per client address; default DEFAULT_RATE_LIMITS. */
  rateLimit?: RateLimitSettings;
  /**
   * Words of each new story put in the search index (`searchWordsPerStory`); 0 means search is off, and `q` is
   * refused. Absent: on.
   */
  searchWordsPerStory?: number;
  /** How long a new feed's first-fetch claim lasts if its job is lost (default 60 s). */
  claimTimeoutMs?: number;
}

/** The composed pipeline (packages/pipeline/src/config/compose.ts) with its storyline catalog. */
type ComposedPipeline = PipelineBase & { storylines: StorylineCatalog };

/**
 * The API's dependencies from the composed pipeline: the one mapping the local runtime and Lambda share.
 * `publicUrl` follows the pipeline's, which a runtime may learn after start (the port it listens on).
 */
export function apiDeps(pipeline: ComposedPipeline, sendTest: ApiDeps["sendTest"]): ApiDeps {
  const { config } = pipeline;
  return {
    store: pipeline.store,
    queue: pipeline.queue,
    adminKey: config.adminKey ?? "",
    get publicUrl() {
      return pipeline.publicUrl;
    },
    validateUrl: pipeline.validateUrl,
    storylines: () => pipeline.storylines.list(),
    storylineCatalog: pipeline.storylines,
    sendTest,
    now: () => pipeline.clock.now(),
    claimTimeoutMs: pipeline.claimTimeoutMs,
    searchWordsPerStory: config.searchWordsPerStory,
    rateLimit: {
      perKey: config.rateLimitPerKey,
      perAddress: config.rateLimitPerAddress,
      windowSeconds: config.rateLimitWindowSeconds,
      limitLoopback: config.rateLimitLoopback,
    },
  };
}
