/**
 * GET /storylines/{id}/timeline: a storyline's events newest first, each with its stories and their relation, the
 * novel sentences of each update, and the framing spread (labels per outlet) of the event's coverage.
 * The loader (timeline/load.ts) is shared with the dashboard's storyline page.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { InvalidCursor } from "@storywire/store";
import type { ApiDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { PageCursor, pageLimit, problemResponse, STORYLINE_ID, STORYLINE_ID_RULE } from "../schemas.ts";
import { DEFAULT_TIMELINE_EVENTS, loadTimeline, MAX_TIMELINE_EVENTS } from "../timeline/load.ts";

const TimelineParams = z.object({
  id: z
    .string()
    .regex(STORYLINE_ID, { error: STORYLINE_ID_RULE })
    .openapi({ param: { name: "id", in: "path" }, example: "ceasefire" }),
});

const TimelineQuery = z.object({
  limit: pageLimit(MAX_TIMELINE_EVENTS, DEFAULT_TIMELINE_EVENTS).openapi({
    description: `Events per page (1 to ${MAX_TIMELINE_EVENTS})`,
  }),
  cursor: PageCursor,
});

const LabelCounts = z.record(z.string(), z.number().int());

const FramingSpreadSchema = z
  .object({
    labels: LabelCounts.openapi({ description: "Framing label -> stories with it, over all outlets" }),
    outlets: z.array(
      z.object({
        source: z.string().openapi({ example: "BBC News - World" }),
        stories: z.number().int(),
        labels: LabelCounts,
      }),
    ),
  })
  .openapi("FramingSpread");

const TimelineStorySchema = z
  .object({
    id: z.string(),
    title: z.string().openapi({ description: "The title, or the first words of the text when the story has none" }),
    source: z.string(),
    url: z.string().nullable(),
    publishedAt: z.string().nullable(),
    at: z.string().openapi({ description: "When the story joined the storyline" }),
    relation: z.enum(["first", "update", "duplicate"]),
    score: z.number().nullable().openapi({ description: "The story's score in this storyline" }),
    framingLabel: z.string().nullable(),
    novel: z.array(z.string()).openapi({ description: "For an update: the sentences it added to the event" }),
  })
  .openapi("TimelineStory");

const TimelineEventSchema = z
  .object({
    id: z.string(),
    storylineId: z.string(),
    title: z.string(),
    startedAt: z.string(),
    lastStoryAt: z.string(),
    storyCount: z.number().int(),
    createdAt: z.string(),
    stories: z.array(TimelineStorySchema).openapi({ description: "Oldest first: the first report, then the rest" }),
    framing: FramingSpreadSchema,
  })
  .openapi("TimelineEvent");

const TimelineSchema = z
  .object({
    storyline: z.object({ id: z.string(), title: z.string(), description: z.string() }),
    events: z.array(TimelineEventSchema).openapi({ description: "Newest first (by startedAt)" }),
    nextCursor: z.string().nullable(),
  })
  .openapi("Timeline");

const timelineRoute = createRoute({
  method: "get",
  path: "/storylines/{id}/timeline",
  summary: "A storyline's timeline: events newest first with their stories, novel sentences and framing spread",
  request: { params: TimelineParams, query: TimelineQuery },
  responses: {
    200: { description: "A page of the timeline", content: { "application/json": { schema: TimelineSchema } } },
    400: problemResponse("Bad storyline id, limit or cursor"),
    404: problemResponse("No such storyline"),
  },
});

export function registerTimelineRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  app.openapi(timelineRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    const timeline = await loadTimeline(deps, id, { limit, cursor }).catch((error: Error) => {
      throw error instanceof InvalidCursor ? new ApiError(400, "invalid_cursor", error.message, "cursor") : error;
    });
    if (!timeline) {
      throw new ApiError(404, "not_found", `No storyline has the id "${id}"; GET /storylines lists them.`);
    }
    return c.json(timeline, 200);
  });
}
