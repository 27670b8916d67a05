/** What the story page shows: the story, the feed it came from, and its event with the event's other stories. */
import type { Feed, Story } from "@storywire/core";
import type { StorylineEvent } from "@storywire/store";
import type { ApiDeps } from "../../deps.ts";
import { type TimelineStory, timelineStory } from "../../timeline/load.ts";
import { type Section, section } from "../section.ts";

export interface StoryEvent {
  event: StorylineEvent;
  storylineTitle: string;
  /** The event's stories, oldest first, this one included. */
  members: TimelineStory[];
}

export interface StoryPageData {
  now: Date;
  story: Story;
  /** Storyline id -> title, for every configured storyline. */
  storylineTitles: Map<string, string>;
  feed: Section<Feed | null>;
  event: Section<StoryEvent | null>;
}

async function storyEvent(deps: ApiDeps, story: Story, titles: Map<string, string>): Promise<StoryEvent | null> {
  if (!story.eventId) return null;
  const event = await deps.store.getEvent(story.eventId);
  if (!event) return null;
  const members = (await deps.store.listEventStories(event.id)).map(timelineStory);
  return { event, storylineTitle: titles.get(event.storylineId) ?? event.storylineId, members };
}

/** The page's data, or null when no story has this id. */
export async function loadStoryPage(deps: ApiDeps, id: string): Promise<StoryPageData | null> {
  const story = await deps.store.getStory(id);
  if (!story) return null;
  const storylines = await deps.storylines().catch(() => []);
  const storylineTitles = new Map(storylines.map((s) => [s.id, s.title]));
  const [feed, event] = await Promise.all([
    section("the feed", async () => (story.feedId ? deps.store.getFeed(story.feedId) : null)),
    section("the story's event", () => storyEvent(deps, story, storylineTitles)),
  ]);
  return { now: deps.now?.() ?? new Date(), story, storylineTitles, feed, event };
}
