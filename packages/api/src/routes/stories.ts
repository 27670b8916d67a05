import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { type Story, storySeedText } from "@storywire/core";
import { InvalidCursor, InvalidInput, type StorySummary } from "@storywire/store";
import type { ApiDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import {
  IdParam,
  problemResponse,
  type STORY_INCLUDES,
  StoryListQuery,
  StoryPageSchema,
  StorySchema,
} from "../schemas.ts";

const listStories = createRoute({
  method: "get",
  path: "/stories",
  summary:
    "Stories newest first, filtered by storyline, score, relation, framing, feed, source, language, time and words",
  description:
    "Filters combine with AND; the values of one list filter (`storyline=a,b`) with OR. Each story comes as a list " +
    "shows it (title, source, times, storyline scores, relation, framing label); `include` adds its text, the " +
    "evidence of its scores and its framing dimensions. Pages are walked with the opaque `nextCursor`: stories " +
    "added meanwhile never make a story appear twice or go missing.",
  request: { query: StoryListQuery },
  responses: {
    200: { description: "A page of stories", content: { "application/json": { schema: StoryPageSchema } } },
    400: problemResponse("A filter, the search or the cursor is not valid"),
  },
});

type Include = (typeof STORY_INCLUDES)[number];

/** A list item: the summary, with the parts of the full story that `include` asks for. */
function withIncludes(summary: StorySummary, story: Story | undefined, include: Include[]) {
  if (!story || include.length === 0) return summary;
  return {
    ...summary,
    ...(include.includes("text") ? { text: story.text, novel: story.novel ?? [] } : {}),
    ...(include.includes("evidence") ? { storylines: story.storylines ?? [] } : {}),
    ...(include.includes("framing") && story.framing ? { framing: story.framing } : {}),
  };
}

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

/** Store errors about the request become 400s that name the parameter. */
function badQuery(error: unknown): never {
  if (error instanceof InvalidCursor) throw new ApiError(400, "invalid_cursor", error.message, "cursor");
  if (error instanceof InvalidInput) {
    // The schema checks every filter the store does, but the words of a search, which only the store can fold.
    const isSearch = /^The search/.test(error.message);
    if (isSearch) {
      throw new ApiError(400, "invalid_query", `"q" cannot be searched: ${lowerFirst(error.message)}`, "q");
    }
    throw new ApiError(400, "invalid_request", error.message);
  }
  throw error;
}

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

/**
 * What the schema cannot check: storylines that exist, a window that is not empty, and a search the instance can
 * answer. A filter that can match nothing is a mistake to be told, not an empty page.
 */
async function checkFilters(deps: ApiDeps, q: z.infer<typeof StoryListQuery>): Promise<void> {
  if (q.storyline) {
    const known = (await deps.storylines()).map((s) => s.id);
    const unknown = q.storyline.find((id) => !known.includes(id));
    if (unknown !== undefined) {
      throw new ApiError(
        400,
        "unknown_storyline",
        `"storyline" names "${unknown}", which is not a storyline; the storylines are ${known.join(", ")} ` +
          "(GET /storylines lists them).",
        "storyline",
      );
    }
  }
  if (q.since !== undefined && q.until !== undefined && Date.parse(q.until) <= Date.parse(q.since)) {
    throw new ApiError(
      400,
      "invalid_request",
      `"until" (${q.until}) must be later than "since" (${q.since}): the window runs from since up to, not ` +
        "including, until.",
      "until",
    );
  }
  if (q.q !== undefined && deps.searchWordsPerStory === 0) {
    throw new ApiError(
      400,
      "invalid_query",
      '"q" cannot be answered: search is turned off on this instance (searchWordsPerStory is 0, so no story\'s ' +
        "words are indexed). Turn it on with STORYWIRE_SEARCH_WORDS=600 (stories stored from then on can be " +
        "found), or filter without q.",
      "q",
    );
  }
}

export function registerStoryRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  app.openapi(listStories, async (c) => {
    const q = c.req.valid("query");
    await checkFilters(deps, q);
    const page = await deps.store
      .listStories({
        limit: q.limit,
        cursor: q.cursor,
        storylines: q.storyline,
        minScore: q.minScore,
        relation: q.relation,
        framing: q.framing,
        feedId: q.feed,
        source: q.source,
        language: q.language,
        since: q.since,
        until: q.until,
        q: q.q,
      })
      .catch(badQuery);
    const include = q.include ?? [];
    let stories: object[] = page.items;
    if (include.length > 0 && page.items.length > 0) {
      const full = new Map((await deps.store.getStories(page.items.map((s) => s.id))).map((s) => [s.id, s]));
      stories = page.items.map((summary) => withIncludes(summary, full.get(summary.id), include));
    }
    return c.json({ stories, nextCursor: page.cursor } as z.infer<typeof StoryPageSchema>, 200);
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
