/**
 * The local runtime: embedded DynamoDB (dynalite, data on disk), the SAME store, pipeline and API code that runs
 * in Lambda, an in-process queue in place of SQS and a timer in place of EventBridge Scheduler.
 */
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { join, resolve } from "node:path";
import { serve } from "@hono/node-server";
import { apiDeps as apiDepsOf, createApp } from "@storywire/api";
import { createSmtpTransport, type EmailSender } from "@storywire/channels";
import { checkUrlSyntax, postJson } from "@storywire/fetch";
import {
  type Clock,
  canonicalUrl,
  createFetcher,
  handleJob,
  type Logger,
  newFeed,
  runSchedule,
  StorylineCatalog,
  sendTestAlert,
  systemClock,
  type WorkerDeps,
} from "@storywire/pipeline";
import { composePipeline } from "@storywire/pipeline/config";
import { createDynamoClient, type DocumentSender, ensureTable, type Store } from "@storywire/store";
import { startLocalDynamo } from "@storywire/store/local";
import type { Config } from "../config.ts";
import { answerClientErrors } from "./client-errors.ts";
import { consoleLogger } from "./console-logger.ts";
import { DYNAMO_FOLDER, OWNER_ONLY_UMASK, previousStoredAdminKey, secureDataDir, storedAdminKey } from "./data-dir.ts";
import { MemoryQueue } from "./memory-queue.ts";
import { startScheduler } from "./scheduler.ts";
import { readStorylinesFile } from "./storylines-file.ts";

/** Node's default limit on request headers; larger requests get a 431 problem document (client-errors.ts). */
const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Jobs (feed checks and deliveries) the in-process queue runs at once: feed checks mostly wait on the network,
 * so a slow feed host holds one of sixteen workers, not one of four. Requests to one host stay within the
 * fetcher's per-host limit (PER_HOST_CONCURRENCY in @storywire/pipeline) whatever this is.
 */
export const QUEUE_CONCURRENCY = 16;

export interface StackOptions {
  logger?: Logger;
  clock?: Clock;
  /** Keep the embedded DynamoDB in memory (tests) instead of under config.dataDir. */
  inMemory?: boolean;
  /** Run the scheduler timer (default true); tests call tick() themselves. */
  scheduler?: boolean;
  /** Add config.feeds on start (default true). */
  seedFeeds?: boolean;
  /** How the in-process queue waits for delayed jobs (tests pass one that never fires, and sweep instead). */
  queueSchedule?: (fn: () => void, ms: number) => unknown;
}

export interface LocalStack {
  url: string;
  port: number;
  adminKey: string;
  /** True when the key was not configured: generated now, or on an earlier start and kept in the data folder. */
  adminKeyGenerated: boolean;
  /** Where a generated admin key is kept (null in memory or when configured). */
  adminKeyFile: string | null;
  /** Where the data lives, for the banner. */
  storage: string;
  /** The storylines file in use, if any. */
  storylinesFile: { path: string; count: number } | null;
  /** The storylines: built-in, from the file and saved through the API. */
  storylines: StorylineCatalog;
  store: Store;
  queue: MemoryQueue;
  /** One scheduler run (due feeds and due delivery retries), then waits until the queue is idle. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalStack(config: Config, options: StackOptions = {}): Promise<LocalStack> {
  const logger = options.logger ?? consoleLogger();
  const clock = options.clock ?? systemClock;
  const closers: (() => Promise<void> | void)[] = [];
  // A broken storylines file stops the start before anything runs.
  const file = config.storylinesFile ? await readStorylinesFile(config.storylinesFile) : undefined;
  try {
    const dataDir = resolve(config.dataDir);
    const onDisk = !options.inMemory;
    if (onDisk) {
      // Owner-only: the folder, what is in it, and every file written while the runtime runs.
      process.umask(OWNER_ONLY_UMASK);
      secureDataDir(dataDir);
    }
    let endpoint = config.dynamoEndpoint;
    // The embedded store is called in process (no SDK, no HTTP); a configured endpoint is reached through the SDK.
    let documents: DocumentSender | undefined;
    if (!endpoint) {
      const dynamo = await startLocalDynamo(onDisk ? { path: join(dataDir, DYNAMO_FOLDER) } : {});
      closers.push(() => dynamo.close());
      endpoint = dynamo.endpoint;
      documents = dynamo.documents;
    }

    const generate = () => `sw_${randomBytes(24).toString("base64url")}`;
    const adminKeyGenerated = !config.adminKey;
    const adminKeyFile = adminKeyGenerated && onDisk ? join(dataDir, "admin-key") : null;
    const adminKey = config.adminKey ?? (onDisk ? storedAdminKey(dataDir, generate).key : generate());
    // A key kept in the folder before one was configured still opens the secrets sealed under it.
    const kept = config.adminKey && onDisk ? previousStoredAdminKey(dataDir) : null;
    const previous = [...config.previousAdminKeys, ...(kept && kept !== adminKey ? [kept] : [])];

    const composed = { ...config, dynamoEndpoint: endpoint, adminKey, previousAdminKeys: previous };
    await ensureTable(createDynamoClient({ endpoint }), config.tableName);
    // The queue runs the jobs with the pipeline composed just below; nothing is queued before it exists.
    let pipeline: WorkerDeps | undefined;
    const queue = new MemoryQueue({
      handler: (job) => handleJob(job, pipeline as WorkerDeps),
      concurrency: QUEUE_CONCURRENCY,
      schedule: options.queueSchedule,
      onDeadLetter: (job, error) =>
        logger.error("job dead-lettered", { job: JSON.stringify(job), error: (error as Error)?.message }),
    });
    closers.push(() => queue.stop());
    const deps = composePipeline(
      composed,
      { queue, logger, clock, storylinesFile: file, ...(documents ? { documents } : {}) },
      {
        fetcher: createFetcher,
        post: postJson,
        catalog: StorylineCatalog,
        ...(config.smtpUrl ? { email: smtpSender(config.smtpUrl) } : {}),
      },
    );
    pipeline = deps;
    const { store, storylines } = deps;
    const claimTimeoutMs = deps.claimTimeoutMs;
    // Stories stored by an older version join the story lists before the API answers.
    for (let upgrade = await store.upgradeStoryLists(); !upgrade.done; upgrade = await store.upgradeStoryLists());
    await storylines.list();

    const apiDeps = apiDepsOf(deps, (sub) => sendTestAlert(sub, deps));
    const app = createApp(apiDeps);
    const server = serve({
      fetch: app.fetch,
      port: config.port,
      hostname: config.host,
      serverOptions: { maxHeaderSize: MAX_HEADER_BYTES },
    });
    answerClientErrors(server as Server, MAX_HEADER_BYTES);
    await new Promise<void>((ok, fail) => {
      server.once("listening", ok);
      server.once("error", (error: NodeJS.ErrnoException) =>
        fail(
          error.code === "EADDRINUSE"
            ? new Error(`port ${config.port} is already in use; stop the other process or pass --port <n>.`)
            : error,
        ),
      );
    });
    closers.push(() => new Promise<void>((ok) => server.close(() => ok())));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const url = config.publicUrl ?? `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
    deps.publicUrl = url;

    if (options.seedFeeds ?? true) {
      for (const feedUrl of config.feeds) {
        try {
          // Due now: the scheduler's first run fetches them (no second queue message racing it).
          const url = canonicalUrl(checkUrlSyntax(feedUrl, { allowPrivateNetworks: deps.allowPrivateNetworks }).href);
          await store.addFeed(newFeed(url, clock.now()));
        } catch (error) {
          logger.warn("configured feed skipped", { feed: feedUrl, error: (error as Error).message });
        }
      }
    }

    const schedule = () => runSchedule({ store, queue, clock, logger, claimTimeoutMs });
    const tick = async () => {
      try {
        await schedule();
      } catch (error) {
        logger.error("scheduler run failed", { error: (error as Error).message });
      }
      await queue.idle();
    };
    if (options.scheduler ?? true) {
      const everyMs = Math.min(15_000, Math.max(1_000, (config.pollIntervalSeconds * 1000) / 2));
      const scheduler = startScheduler({
        everyMs,
        run: async () => {
          await schedule();
        },
        // Between runs, wake up when the next feed falls due: a change is fetched at most one poll interval late.
        nextDueInMs: async (withinMs) => {
          const now = clock.now().getTime();
          // A page of 100, not 1: feeds claimed by running checks are skipped as the index is read, a page at a time.
          const [next] = await store.listDueFeeds(new Date(now + withinMs).toISOString(), 100);
          return next ? Date.parse(next.nextCheckAt) - now : null;
        },
        logger,
      });
      closers.push(() => scheduler.stop());
    }

    return {
      url,
      port,
      adminKey,
      adminKeyGenerated,
      adminKeyFile,
      storage: config.dynamoEndpoint
        ? `DynamoDB at ${config.dynamoEndpoint}`
        : options.inMemory
          ? "in memory (embedded DynamoDB; gone when stopped)"
          : `${join(config.dataDir, DYNAMO_FOLDER)} (embedded DynamoDB)`,
      store,
      queue,
      storylinesFile: file ? { path: file.source, count: file.storylines.length } : null,
      storylines,
      tick,
      close: async () => {
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close();
    throw error;
  }
}

/** An SMTP sender from a URL: smtp://user:pass@host:port (STARTTLS when offered) or smtps://… (TLS). */
export function smtpSender(url: string): EmailSender {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`STORYWIRE_SMTP_URL "${url}" is not a URL; use smtp://user:pass@host:port.`);
  }
  const secure = parsed.protocol === "smtps:";
  if (!secure && parsed.protocol !== "smtp:")
    throw new Error(`STORYWIRE_SMTP_URL must start with smtp:// or smtps://.`);
  return createSmtpTransport({
    host: parsed.hostname,
    port: Number(parsed.port || (secure ? 465 : 587)),
    secure,
    ...(parsed.username
      ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } }
      : {}),
  });
}
