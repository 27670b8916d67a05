/** What the story list shows: the stories matching the URL's filters, and the storylines and feeds for the form. */
import type { Feed } from "@storywire/core";
import { InvalidCursor } from "@storywire/store";
import type { ApiDeps } from "../../deps.ts";
import { STORIES_PER_PAGE } from "../constants.ts";
import { type Section, section } from "../section.ts";
import { loadStoryRows, type StoryRows } from "../story-rows.ts";
import { type ParsedStoryQuery, parseStoryQuery } from "./query.ts";

export interface StoriesPageData {
  now: Date;
  parsed: ParsedStoryQuery;
  storylines: Section<{ id: string; title: string }[]>;
  feeds: Section<Feed[]>;
  /** Null when the filters have problems (nothing is listed then). */
  stories: Section<StoryRows> | null;
}

export async function loadStoriesPage(deps: ApiDeps, params: URLSearchParams): Promise<StoriesPageData> {
  const parsed = parseStoryQuery(params);
  const listing = async (): Promise<Section<StoryRows> | null> => {
    if (parsed.problems.length > 0) return null;
    const options = { ...parsed.filter, limit: STORIES_PER_PAGE, cursor: parsed.query.cursor ?? null };
    const result = await section("the stories", () =>
      loadStoryRows(deps, options).catch((error: unknown) => {
        if (error instanceof InvalidCursor) return null;
        throw error;
      }),
    );
    if (!result.ok || result.value !== null) return result as Section<StoryRows>;
    parsed.problems.push({
      field: "cursor",
      message:
        "The page link is no longer valid (its cursor does not belong to this list); start again from the first page.",
    });
    return null;
  };
  const [storylines, feeds, stories] = await Promise.all([
    section("the storylines", async () => (await deps.storylines()).map((s) => ({ id: s.id, title: s.title }))),
    section("the feeds", () => deps.store.listFeeds()),
    listing(),
  ]);
  return { now: deps.now?.() ?? new Date(), parsed, storylines, feeds, stories };
}
