/**
 * Feeds: list and watch; one feed's state, pause / resume / rename, unwatch; OPML import and export.
 * Reads are public, changes need the admin key.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { canonicalizeUrl, type Feed, OpmlError, parseOpml, renderOpml } from "@storywire/core";
import { addFeed } from "@storywire/pipeline/feeds";
import type { Job, JobQueue } from "@storywire/pipeline/ports";
import type { Context } from "hono";
import type { ApiDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { requireAdmin } from "../middleware/auth.ts";
import { AddFeedSchema, FeedPatchSchema, FeedSchema, IdParam, OpmlImportSchema, problemResponse } from "../schemas.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const admin = { security: [{ adminKey: [] }] };
const unauthorized = { 401: problemResponse("Missing or wrong API key") };
const notFound = { 404: problemResponse("No such feed") };

const listFeeds = createRoute({
  method: "get",
  path: "/feeds",
  summary: "The watched feeds with their fetch state, next check and story counts",
  responses: { 200: json(z.object({ feeds: z.array(FeedSchema) }), "The feeds, oldest first") },
});

const postFeed = createRoute({
  method: "post",
  path: "/feeds",
  summary: "Watch a feed (RSS, Atom or JSON Feed); it is fetched at once",
  ...admin,
  request: { body: { required: true, content: { "application/json": { schema: AddFeedSchema } } } },
  responses: {
    201: json(FeedSchema, "The feed was added"),
    200: json(FeedSchema, "The feed (in any spelling of its URL) was already watched"),
    400: problemResponse("The URL is not valid or points to a blocked address"),
    ...unauthorized,
  },
});

const getFeed = createRoute({
  method: "get",
  path: "/feeds/{id}",
  summary: "One feed: its status, errors, last and next check, and how many stories it gave",
  request: { params: IdParam },
  responses: { 200: json(FeedSchema, "The feed"), 400: problemResponse("Malformed id"), ...notFound },
});

const patchFeed = createRoute({
  method: "patch",
  path: "/feeds/{id}",
  summary: "Pause, resume or rename a feed",
  description:
    'A paused feed is not fetched until resumed ({"paused": false}), which makes it due at once. A title is your ' +
    "name for the feed; fetches never overwrite it.",
  ...admin,
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: FeedPatchSchema } } },
  },
  responses: {
    200: json(FeedSchema, "The feed after the change"),
    400: problemResponse("Malformed id or body"),
    ...unauthorized,
    ...notFound,
  },
});

const deleteFeed = createRoute({
  method: "delete",
  path: "/feeds/{id}",
  summary: "Stop watching a feed; its stories stay",
  ...admin,
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, 400: problemResponse("Malformed id"), ...unauthorized, ...notFound },
});

/** Documented here, handled by a plain route: the body is a file, read and checked by the handler. */
const importFeeds = {
  method: "post" as const,
  path: "/feeds/import",
  summary: "Watch every feed of an OPML file (a feed reader's export)",
  description:
    "The body is the OPML document itself (content type text/x-opml, application/xml or text/xml), or a " +
    "multipart/form-data upload with the file in any field. Folders are followed; each feed is checked like POST " +
    "/feeds. Feeds already watched, repeated entries and entries that cannot be used are reported, and never stop " +
    "the others. At most 2 MB and 5,000 feeds per file.",
  ...admin,
  request: {
    body: {
      required: true,
      content: {
        "text/x-opml": { schema: z.string() },
        "application/xml": { schema: z.string() },
        "multipart/form-data": { schema: z.object({ file: z.string().openapi({ format: "binary" }) }) },
      },
    },
  },
  responses: {
    200: json(OpmlImportSchema, "What was added, what was there, and what could not be used"),
    400: problemResponse("The body is not an OPML document"),
    413: problemResponse("The file is larger than 2 MB"),
    ...unauthorized,
  },
};

const exportFeeds = createRoute({
  method: "get",
  path: "/feeds/export.opml",
  summary: "The watched feeds as OPML 2.0, for Miniflux, FreshRSS, Feedly, NetNewsWire and other readers",
  responses: { 200: { description: "The OPML document", content: { "text/x-opml": { schema: z.string() } } } },
});

/** A feed as the API shows it: no conditional-GET validators, the next check only when one is planned. */
export function publicFeed(feed: Feed, stories: number) {
  const { etag: _etag, lastModified: _lastModified, ...rest } = feed;
  const stopped = feed.status === "paused" || feed.status === "disabled";
  return { ...rest, folder: feed.folder ?? null, nextCheckAt: stopped ? null : feed.nextCheckAt, stories };
}

async function withCounts(deps: ApiDeps, feeds: Feed[]) {
  const counts = feeds.length > 0 ? await deps.store.feedStoryCounts(feeds.map((f) => f.id)) : new Map();
  return feeds.map((feed) => publicFeed(feed, counts.get(feed.id) ?? 0));
}

async function loadFeed(deps: ApiDeps, id: string): Promise<Feed> {
  const feed = await deps.store.getFeed(id);
  if (!feed) throw new ApiError(404, "not_found", `No feed has the id ${id}. GET /feeds lists them.`);
  return feed;
}

const now = (deps: ApiDeps) => deps.now?.() ?? new Date();

/** The OPML text of an import request: the raw body, or the first file of a form upload. */
async function opmlText(c: Context): Promise<string> {
  const type = c.req.header("content-type") ?? "";
  if (/^multipart\/form-data/i.test(type)) {
    const form = await c.req.formData().catch(() => null);
    const file = form ? [...form.values()].find((value) => typeof value !== "string") : undefined;
    if (!file || typeof file === "string") {
      throw new ApiError(400, "invalid_opml", "The form has no file; attach the OPML file (any field name).", "file");
    }
    return file.text();
  }
  if (type && !/(xml|opml|text\/plain|octet-stream)/i.test(type)) {
    throw new ApiError(
      400,
      "invalid_opml",
      `A ${type.split(";")[0]} body is not an OPML file; send the file as text/x-opml or as a form upload.`,
    );
  }
  return c.req.text();
}

/** Runs `work` over `items` with at most `width` running at once (a pool, not lockstep batches); results in order. */
async function withConcurrency<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/** Store writes an OPML import keeps in flight (bench/opml-import.bench.ts: 2,000 outlines well inside 30 s). */
const IMPORT_CONCURRENCY = 16;
/** First-fetch jobs an import queues per send (SQS takes ten a request; the sends are batched from the start). */
const IMPORT_QUEUE_BATCH = 50;

export function registerFeedRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  const adminOnly = requireAdmin(deps.adminKey);
  // Changes need the admin key; any other method goes on to a 405 that lists the allowed ones.
  const guard = async (c: Context, next: () => Promise<void>) =>
    ["POST", "PATCH", "DELETE"].includes(c.req.method) ? adminOnly(c, next) : next();
  app.use("/feeds", guard);
  app.use("/feeds/*", guard);

  app.openapi(listFeeds, async (c) => c.json({ feeds: await withCounts(deps, await deps.store.listFeeds()) }, 200));

  app.openapi(postFeed, async (c) => {
    const { url } = c.req.valid("json");
    let canonical: string;
    try {
      canonical = await deps.validateUrl(url);
    } catch (error) {
      throw new ApiError(400, "invalid_url", `"url" cannot be watched: ${(error as Error).message}`, "url");
    }
    const { feed, created } = await addFeed(
      { store: deps.store, queue: deps.queue, claimTimeoutMs: deps.claimTimeoutMs },
      canonical,
      now(deps),
    );
    const [shown] = await withCounts(deps, [feed]);
    return c.json(shown as z.infer<typeof FeedSchema>, created ? 201 : 200);
  });

  // Before /feeds/{id}, so that "export.opml" is not taken for an id.
  app.openapi(exportFeeds, async (c) => {
    const feeds = await deps.store.listFeeds();
    const xml = renderOpml(
      feeds.map((f) => ({ url: f.url, title: f.title, folder: f.folder ?? null })),
      { title: "Storywire feeds", createdAt: now(deps) },
    );
    return c.body(xml, 200, {
      "content-type": "text/x-opml; charset=utf-8",
      "content-disposition": 'attachment; filename="storywire-feeds.opml"',
    });
  });

  app.openAPIRegistry.registerPath(importFeeds);
  app.post(importFeeds.path, async (c) => {
    let parsed: ReturnType<typeof parseOpml>;
    try {
      parsed = parseOpml(await opmlText(c));
    } catch (error) {
      if (error instanceof OpmlError) {
        throw new ApiError(400, "invalid_opml", `The file is not an OPML subscription list: ${error.message}.`);
      }
      throw error;
    }
    if (parsed.entries.length === 0 && parsed.problems.length === 0) {
      throw new ApiError(400, "invalid_opml", "The OPML file lists no feeds: no outline has an xmlUrl.");
    }
    const result: z.infer<typeof OpmlImportSchema> = {
      added: [],
      existing: [],
      duplicates: [],
      problems: parsed.problems.map((p) => ({ line: p.line, url: p.url, title: p.title, detail: p.detail })),
    };
    // One feed per canonical URL (the same identity POST /feeds uses): later spellings are duplicates.
    const firstLine = new Map<string, number>();
    const unique = parsed.entries.filter((entry) => {
      const identity = canonicalizeUrl(entry.url, { stripTrailingSlash: true }) ?? entry.url;
      const first = firstLine.get(identity);
      if (first !== undefined) {
        result.duplicates.push({ line: entry.line, url: entry.url, title: entry.title, sameAsLine: first });
        return false;
      }
      firstLine.set(identity, entry.line);
      return true;
    });
    // New feeds' first fetches go to the queue in batches; one that cannot be queued is not lost (addFeed).
    const jobs: Job[] = [];
    const flush = () => (jobs.length === 0 ? undefined : deps.queue.send(jobs.splice(0)).catch(() => undefined));
    const queue: JobQueue = {
      send: async (sent) => {
        jobs.push(...sent);
        if (jobs.length >= IMPORT_QUEUE_BATCH) await flush();
      },
    };
    const outcomes = await withConcurrency(unique, IMPORT_CONCURRENCY, async (entry) => {
      const ref = { line: entry.line, url: entry.url, title: entry.title };
      try {
        const canonical = await deps.validateUrl(entry.url);
        // The reader's name for a feed is the user's: kept for feeds this import adds, in the same write.
        const { feed, created } = await addFeed(
          { store: deps.store, queue, claimTimeoutMs: deps.claimTimeoutMs },
          canonical,
          now(deps),
          // Readers (Miniflux, FreshRSS) take the outline a feed sits in as its category: so does this import.
          { title: entry.title?.slice(0, 200), folder: entry.folders.at(-1)?.slice(0, 200) ?? null },
        );
        return { kind: created ? ("added" as const) : ("existing" as const), ref: { ...ref, id: feed.id } };
      } catch (error) {
        return { kind: "problem" as const, ref: { ...ref, detail: (error as Error).message } };
      }
    });
    await flush();
    for (const outcome of outcomes) {
      if (outcome.kind === "problem") result.problems.push(outcome.ref);
      else result[outcome.kind].push(outcome.ref);
    }
    result.problems.sort((a, b) => a.line - b.line);
    return c.json(result, 200);
  });

  app.openapi(getFeed, async (c) => {
    const feed = await loadFeed(deps, c.req.valid("param").id);
    const [shown] = await withCounts(deps, [feed]);
    return c.json(shown as z.infer<typeof FeedSchema>, 200);
  });

  app.openapi(patchFeed, async (c) => {
    const { id } = c.req.valid("param");
    const patch = c.req.valid("json");
    let feed = await loadFeed(deps, id);
    if (patch.title !== undefined) feed = await deps.store.renameFeed(id, patch.title);
    if (patch.folder !== undefined) feed = await deps.store.setFeedFolder(id, patch.folder);
    if (patch.paused === true && feed.status !== "paused") {
      feed = await deps.store.setFeedStatus(id, "paused");
    } else if (patch.paused === false && (feed.status === "paused" || feed.status === "disabled")) {
      // Resuming makes it due now: the scheduler's next run fetches it.
      feed = await deps.store.setFeedStatus(id, "active", { nextCheckAt: now(deps) });
    }
    const [shown] = await withCounts(deps, [feed]);
    return c.json(shown as z.infer<typeof FeedSchema>, 200);
  });

  app.openapi(deleteFeed, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await deps.store.deleteFeed(id))) {
      throw new ApiError(404, "not_found", `No feed has the id ${id}. GET /feeds lists them.`);
    }
    return c.body(null, 204);
  });
}
