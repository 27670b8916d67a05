import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { storySeedText } from "@storywire/core";
import { InvalidCursor } from "@storywire/store";
import type { ApiDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { IdParam, problemResponse, StoryListQuery, StoryPageSchema, StorySchema } from "../schemas.ts";

const listStories = createRoute({
  method: "get",
  path: "/stories",
  summary: "Stories newest first, optionally of one feed and since a time; paginated with an opaque cursor",
  request: { query: StoryListQuery },
  responses: {
    200: { description: "A page of stories", content: { "application/json": { schema: StoryPageSchema } } },
    400: problemResponse("Bad query"),
  },
});

const getStory = createRoute({
  method: "get",
  path: "/stories/{id}",
  summary: "One story as JSON",
  request: { params: IdParam },
  responses: {
    200: { description: "The story", content: { "application/json": { schema: StorySchema } } },
    404: problemResponse("No such story"),
  },
});

async function loadStory(deps: ApiDeps, id: string) {
  const story = await deps.store.getStory(id);
  if (!story) throw new ApiError(404, "not_found", `No story has the id ${id}. List stories with GET /stories.`);
  return story;
}

export function registerStoryRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  app.openapi(listStories, async (c) => {
    const q = c.req.valid("query");
    const page = await deps.store
      .listStories({ limit: q.limit, cursor: q.cursor, feedId: q.feed, since: q.since })
      .catch((error: Error) => {
        throw error instanceof InvalidCursor ? new ApiError(400, "invalid_cursor", error.message) : error;
      });
    return c.json({ stories: page.items, nextCursor: page.cursor }, 200);
  });

  // The seed-shaped text of a story. Registered before /stories/{id} so that "<id>.txt" is not read as an id.
  app.get("/stories/:file{[0-9a-f]{16}\\.txt}", async (c) => {
    const story = await loadStory(deps, c.req.param("file").slice(0, 16));
    return c.text(storySeedText(story), 200, { "content-type": "text/plain; charset=utf-8" });
  });
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/stories/{id}.txt",
    summary: "One story as seed-shaped plain text (headline, blank line, paragraphs)",
    request: { params: IdParam },
    responses: {
      200: { description: "The story text", content: { "text/plain": { schema: z.string() } } },
      404: problemResponse("No such story"),
    },
  });

  app.openapi(getStory, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await loadStory(deps, id), 200);
  });
}
