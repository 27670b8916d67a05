import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { addFeed } from "@storywire/pipeline/feeds";
import type { ApiDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { requireAdmin } from "../middleware/auth.ts";
import { AddFeedSchema, FeedSchema, problemResponse } from "../schemas.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const listFeeds = createRoute({
  method: "get",
  path: "/feeds",
  summary: "The watched feeds and their fetch state",
  responses: { 200: json(z.object({ feeds: z.array(FeedSchema) }), "The feeds") },
});

const postFeed = createRoute({
  method: "post",
  path: "/feeds",
  summary: "Watch a feed (RSS, Atom or JSON Feed); it is fetched at once",
  security: [{ adminKey: [] }],
  request: { body: { required: true, content: { "application/json": { schema: AddFeedSchema } } } },
  responses: {
    201: json(FeedSchema, "The feed was added"),
    200: json(FeedSchema, "The feed (in any spelling of its URL) was already watched"),
    400: problemResponse("The URL is not valid or points to a blocked address"),
    401: problemResponse("Missing or wrong API key"),
  },
});

export function registerFeedRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  app.openapi(listFeeds, async (c) => {
    const feeds = await deps.store.listFeeds();
    return c.json({ feeds }, 200);
  });

  app.use("/feeds", async (c, next) => (c.req.method === "POST" ? requireAdmin(deps.adminKey)(c, next) : next()));
  app.openapi(postFeed, async (c) => {
    const { url } = c.req.valid("json");
    let canonical: string;
    try {
      canonical = await deps.validateUrl(url);
    } catch (error) {
      throw new ApiError(400, "invalid_url", (error as Error).message);
    }
    const { feed, created } = await addFeed(
      { store: deps.store, queue: deps.queue, claimTimeoutMs: deps.claimTimeoutMs },
      canonical,
      deps.now?.() ?? new Date(),
    );
    return c.json(feed, created ? 201 : 200);
  });
}
