/**
 * The dashboard's pages, server-rendered HTML under a strict CSP (scripts and styles only from /assets/):
 *   GET / and /dashboard             the overview: storylines and their latest events, feeds needing attention, latest stories
 *   GET /dashboard/stories           the story list; its filters are the URL's query (bookmarkable, shareable)
 *   GET /dashboard/stories/{id}      a story: text with evidence and new sentences marked, scores, framing, its event
 *   GET /dashboard/storylines/{id}   a storyline: coverage charts and the timeline of its events
 *   GET /dashboard/feeds             the feeds and their health; add, import OPML, pause / resume
 *   GET /assets/{name}               the stylesheet and the feeds page's script
 */
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ASSETS, ASSETS_PATH } from "../dashboard/assets/index.ts";
import {
  DASHBOARD_HEADERS,
  DEFAULT_REFRESH_SECONDS,
  FEEDS_PATH,
  MAX_REFRESH_SECONDS,
  MIN_REFRESH_SECONDS,
  STORIES_PATH,
  STORYLINES_PATH,
} from "../dashboard/constants.ts";
import { loadFeedsPage, renderFeedsPage } from "../dashboard/feeds/page.ts";
import type { Fragment } from "../dashboard/fragments.ts";
import { messagePage } from "../dashboard/layout.ts";
import { loadDashboard } from "../dashboard/overview/load.ts";
import { renderDashboard } from "../dashboard/overview/render.ts";
import { loadStoriesPage } from "../dashboard/stories/load.ts";
import { storyQueryString } from "../dashboard/stories/query.ts";
import { renderStoriesPage } from "../dashboard/stories/render.ts";
import { loadStoryPage } from "../dashboard/story/load.ts";
import { renderStoryPage } from "../dashboard/story/render.ts";
import { chartDays, loadStorylinePage } from "../dashboard/storyline/load.ts";
import { renderStorylinePage } from "../dashboard/storyline/render.ts";
import type { ApiDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";

const STORY_ID = /^[0-9a-f]{16}$/;
const STORYLINE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** `?refresh=N`: 0 turns automatic reloading off, other values are clamped; anything unreadable means the default. */
export function refreshSeconds(query: string | undefined): number {
  if (query === undefined || !/^\d{1,6}$/.test(query)) return DEFAULT_REFRESH_SECONDS;
  const seconds = Number(query);
  if (seconds === 0) return 0;
  return Math.min(MAX_REFRESH_SECONDS, Math.max(MIN_REFRESH_SECONDS, seconds));
}

/** A browser (or anything that does not ask for JSON) gets an HTML page; API clients get a problem document. */
function wantsHtml(c: Context): boolean {
  const accept = c.req.header("accept") ?? "";
  return accept.includes("text/html") || !/application\/(?:problem\+)?json/.test(accept);
}

async function page(c: Context, body: Fragment, status: 200 | 400 | 404 = 200) {
  return c.html(await body, status, DASHBOARD_HEADERS);
}

function notFound(c: Context, deps: ApiDeps, title: string, message: string) {
  if (!wantsHtml(c)) throw new ApiError(404, "not_found", message);
  return page(c, messagePage(title, message, deps.now?.() ?? new Date()), 404);
}

const html200 = (description: string) => ({
  200: { description, content: { "text/html": { schema: { type: "string" as const } } } },
});

function document(app: OpenAPIHono): void {
  const register = (path: string, summary: string, extra: Record<string, unknown> = {}) =>
    app.openAPIRegistry.registerPath({
      method: "get",
      path,
      summary,
      tags: ["Dashboard"],
      responses: {
        ...html200(summary),
        ...(path.includes("{")
          ? { 404: { description: "No such story or storyline (HTML, or a problem document)" } }
          : {}),
      },
      ...extra,
    });
  for (const path of ["/", "/dashboard"]) {
    register(path, "The dashboard overview: storylines and their latest events, feed health, the latest stories", {
      request: {
        query: z.object({
          refresh: z.string().optional().openapi({ description: "Seconds between reloads; 0 for none" }),
        }),
      },
    });
  }
  const text = (description: string) => z.string().optional().openapi({ description });
  register(STORIES_PATH, "The story list, filtered by its query (the parameters of GET /stories)", {
    request: {
      query: z.object({
        storyline: text("Storyline ids, repeated or comma-separated"),
        minScore: text("Minimum storyline score, 0..1"),
        relation: text("first, update or duplicate (repeatable)"),
        framing: text("Framing labels (repeatable)"),
        feed: text("A feed id"),
        source: text("An outlet (the story's source)"),
        language: text("A language code such as en"),
        since: text("A date (YYYY-MM-DD) or ISO 8601 time"),
        until: text("A date (that whole day is included) or ISO 8601 time"),
        q: text("Words in the title, names or lead"),
        cursor: text("The next page's cursor"),
      }),
    },
  });
  const id = (name: string, description: string) =>
    z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, description }) }).describe(name);
  register(`${STORIES_PATH}/{id}`, "A story page: text with evidence marked, scores, framing, its event", {
    request: { params: id("story", "The story id (16 hex characters)") },
  });
  register(`${STORYLINES_PATH}/{id}`, "A storyline page: coverage charts and the timeline of its events", {
    request: {
      params: id("storyline", "The storyline id"),
      query: z.object({ days: text("Chart period: 7, 30 or 90 days"), cursor: text("Older events") }),
    },
  });
  register(FEEDS_PATH, "The feeds page: health of every feed; add, import OPML, pause and resume");
  app.openAPIRegistry.registerPath({
    method: "get",
    path: `${ASSETS_PATH}/{name}`,
    summary: "The dashboard's stylesheet (dashboard.css) and script (dashboard.js)",
    tags: ["Dashboard"],
    request: {
      params: z.object({
        name: z.enum(["dashboard.css", "dashboard.js"]).openapi({ param: { name: "name", in: "path" } }),
      }),
    },
    responses: {
      200: {
        description: "The asset",
        content: { "text/css": { schema: { type: "string" } }, "text/javascript": { schema: { type: "string" } } },
      },
      404: { description: "No such asset" },
    },
  });
}

export function registerDashboardRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  const overview = async (c: Context) =>
    page(c, renderDashboard(await loadDashboard(deps), { refreshSeconds: refreshSeconds(c.req.query("refresh")) }));
  app.get("/", overview);
  app.get("/dashboard", overview);

  app.get(STORIES_PATH, async (c) => {
    const url = new URL(c.req.url);
    const data = await loadStoriesPage(deps, url.searchParams);
    // Send a form's submission (empty fields and all) to the short canonical address, so that it is the one shared.
    const canonical = storyQueryString(data.parsed.query);
    if (data.parsed.problems.length === 0 && canonical !== url.search) {
      return c.redirect(`${STORIES_PATH}${canonical}`, 302);
    }
    return page(c, renderStoriesPage(data), data.parsed.problems.length > 0 ? 400 : 200);
  });

  app.get(`${STORIES_PATH}/:id`, async (c) => {
    const id = c.req.param("id");
    const data = STORY_ID.test(id) ? await loadStoryPage(deps, id) : null;
    if (!data) {
      return notFound(c, deps, "No such story", `No story has the id "${id}". Find stories on the story list.`);
    }
    return page(c, renderStoryPage(data));
  });

  app.get(`${STORYLINES_PATH}/:id`, async (c) => {
    const id = c.req.param("id");
    const options = { cursor: c.req.query("cursor") || undefined, days: chartDays(c.req.query("days")) };
    const data = STORYLINE_ID.test(id) ? await loadStorylinePage(deps, id, options) : null;
    if (!data) {
      return notFound(c, deps, "No such storyline", `No storyline has the id "${id}". The overview lists them all.`);
    }
    return page(c, renderStorylinePage(data));
  });

  app.get(FEEDS_PATH, async (c) => page(c, renderFeedsPage(await loadFeedsPage(deps))));

  app.get(`${ASSETS_PATH}/:name`, (c) => {
    const name = c.req.param("name");
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw new ApiError(404, "not_found", `There is no asset "${name}"; the dashboard links its own.`);
    // Pages link assets with ?v=<hash>: a matching version never changes, so it may be cached for good.
    const current = c.req.query("v") === asset.version;
    return c.body(asset.body, 200, {
      "content-type": asset.contentType,
      "cache-control": current ? "public, max-age=31536000, immutable" : "no-cache",
      etag: `"${asset.version}"`,
      "x-content-type-options": "nosniff",
    });
  });

  document(app);
}
