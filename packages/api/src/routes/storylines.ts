import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { ATOM_CONTENT_TYPE, JSON_FEED_CONTENT_TYPE, renderAtom, renderJsonFeed } from "@storywire/channels/feed";
import type { Alert } from "@storywire/core";
import { alertFromRecord } from "@storywire/pipeline/alerts";
import type { AlertRecord } from "@storywire/store";
import type { Context } from "hono";
import type { ApiDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { PageCursor, pageLimit, problemResponse, STORYLINE_ID, STORYLINE_ID_RULE } from "../schemas.ts";
import { registerStorylineAdminRoutes } from "./storyline-admin.ts";

const FEED_SIZE = 50;

const StorylineParam = z.object({
  id: z
    .string()
    .regex(STORYLINE_ID, { error: STORYLINE_ID_RULE })
    .openapi({ param: { name: "id", in: "path" } }),
});

const StorylineSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    origin: z.enum(["builtin", "edited", "user", "file"]).openapi({
      description:
        "builtin: as shipped; edited: a built-in storyline changed through the API; user: created through the API; file: from the storylines file (read-only through the API)",
    }),
    query: z.string().nullable().openapi({ description: "The search-style query it was compiled from, if any" }),
    revision: z.number().openapi({ description: "Changes with every save (the ETag of GET /storylines/{id})" }),
    updatedAt: z.string().nullable(),
  })
  .openapi("StorylineSummary");

const list = createRoute({
  method: "get",
  path: "/storylines",
  summary: "The storylines stories are scored for: built-in, edited, from the storylines file and your own",
  responses: {
    200: {
      description: "The storylines",
      content: { "application/json": { schema: z.object({ storylines: z.array(StorylineSummarySchema) }) } },
    },
  },
});

const timeline = createRoute({
  method: "get",
  path: "/storylines/{id}/events",
  summary: "The storyline's timeline: its events (developments) newest first, each with its stories",
  request: {
    params: StorylineParam,
    query: z.object({
      limit: pageLimit(50, 10),
      cursor: PageCursor,
    }),
  },
  responses: {
    200: {
      description: "A page of events",
      content: {
        "application/json": { schema: z.object({ events: z.array(z.unknown()), nextCursor: z.string().nullable() }) },
      },
    },
    404: problemResponse("No such storyline"),
  },
});

async function composeAll(deps: ApiDeps, records: AlertRecord[]): Promise<Alert[]> {
  const stories = new Map((await deps.store.getStories(records.map((r) => r.storyId))).map((s) => [s.id, s]));
  const titles = new Map((await deps.storylines()).map((s) => [s.id, s.title]));
  const alerts: Alert[] = [];
  for (const r of records) {
    const story = stories.get(r.storyId);
    const alert = story ? alertFromRecord(r, story, titles.get(r.storylineId), deps.publicUrl) : null;
    if (alert) alerts.push(alert);
  }
  return alerts;
}

function sendFeed(c: Context, format: "atom" | "json", title: string, selfUrl: string, alerts: Alert[]) {
  if (format === "atom") {
    return c.body(renderAtom({ title, selfUrl, alerts }), 200, {
      "content-type": ATOM_CONTENT_TYPE,
    });
  }
  return c.body(renderJsonFeed({ title, selfUrl, alerts }), 200, {
    "content-type": JSON_FEED_CONTENT_TYPE,
  });
}

export function registerStorylineRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  const findStoryline = async (id: string) => {
    const storyline = (await deps.storylines()).find((s) => s.id === id);
    if (!storyline)
      throw new ApiError(404, "not_found", `No storyline has the id "${id}"; GET /storylines lists them.`);
    return storyline;
  };

  app.openapi(list, async (c) => {
    const entries = new Map((await (deps.storylineCatalog?.entries() ?? [])).map((e) => [e.storyline.id, e]));
    const storylines = (await deps.storylines()).map((s) => {
      const entry = entries.get(s.id);
      return {
        id: s.id,
        title: s.title,
        description: s.description,
        origin: entry?.origin ?? ("builtin" as const),
        query: entry?.query ?? null,
        revision: entry?.revision ?? 0,
        updatedAt: entry?.updatedAt ?? null,
      };
    });
    return c.json({ storylines }, 200);
  });
  registerStorylineAdminRoutes(app, deps);

  app.openapi(timeline, async (c) => {
    const { id } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    await findStoryline(id);
    const page = await deps.store.listEvents(id, { limit, cursor });
    const events = await Promise.all(
      page.items.map(async (event) => ({
        ...event,
        stories: (await deps.store.listEventStories(event.id)).map((m) => ({
          id: m.storyId,
          relation: m.relation,
          at: m.at,
          title: m.story.title,
          source: m.story.source,
          url: m.story.url,
        })),
      })),
    );
    return c.json({ events, nextCursor: page.cursor }, 200);
  });

  // Atom 1.0 and JSON Feed 1.1 of a storyline's alerts, and of one subscription's (by its unguessable token).
  // The id carries no pattern here: Hono cannot combine a patterned :id with the events route's plain :id.
  app.get("/storylines/:id/:file{alerts\\.(?:atom|json)}", async (c) => {
    const storyline = await findStoryline(c.req.param("id"));
    const format = c.req.param("file").endsWith(".atom") ? "atom" : "json";
    const alerts = await composeAll(deps, await deps.store.listAlerts({ storylineId: storyline.id }, FEED_SIZE));
    const self = `${deps.publicUrl}/storylines/${storyline.id}/alerts.${format}`;
    return sendFeed(c, format, `Storywire: ${storyline.title}`, self, alerts);
  });
  app.get("/alerts/:file{[A-Za-z0-9_-]{16,64}\\.(?:atom|json)}", async (c) => {
    const [token = "", format] = c.req.param("file").split(".") as [string, "atom" | "json"];
    const sub = await deps.store.getSubscriptionByFeedToken(token);
    if (!sub)
      throw new ApiError(404, "not_found", "No subscription has this feed token; check the URL you were given.");
    const alerts = await composeAll(deps, await deps.store.listAlerts({ subscriptionId: sub.id }, FEED_SIZE));
    const self = `${deps.publicUrl}/alerts/${token}.${format}`;
    return sendFeed(c, format, `Storywire alerts: ${sub.storylines.join(", ")}`, self, alerts);
  });
  for (const [path, what] of [
    ["/storylines/{id}/alerts.atom", "A storyline's alerts as Atom 1.0"],
    ["/storylines/{id}/alerts.json", "A storyline's alerts as JSON Feed 1.1"],
    ["/alerts/{token}.atom", "A subscription's alerts as Atom 1.0 (token from the subscription's feeds.atom)"],
    ["/alerts/{token}.json", "A subscription's alerts as JSON Feed 1.1"],
  ] as const) {
    app.openAPIRegistry.registerPath({
      method: "get",
      path,
      summary: what,
      responses: { 200: { description: what }, 404: { description: "Unknown storyline or token" } },
    });
  }
}
