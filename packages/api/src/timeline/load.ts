/**
 * A storyline's timeline: its events newest first, each with its stories (oldest first: the first report, then
 * updates and duplicates), the novel sentences of each update and the framing spread of the coverage. One loader
 * for GET /storylines/{id}/timeline and the dashboard's storyline page.
 */
import type { Relation } from "@storywire/core";
import type { EventStory, PageOptions, StorylineEvent } from "@storywire/store";
import type { ApiDeps } from "../deps.ts";
import { displayTitle } from "../text/display-title.ts";
import { type FramingSpread, framingSpread } from "./framing-spread.ts";

/** Events per page when the caller gives no limit, and the most a page may hold. */
export const DEFAULT_TIMELINE_EVENTS = 10;
export const MAX_TIMELINE_EVENTS = 50;

export interface TimelineStory {
  id: string;
  /** The story's title, or the first words of its text when it has none. */
  title: string;
  source: string;
  url: string | null;
  publishedAt: string | null;
  /** When the story joined the storyline. */
  at: string;
  relation: Relation;
  /** The story's score in this storyline, or null when it carries none. */
  score: number | null;
  framingLabel: string | null;
  /** For an update: the sentences it added to the event (empty otherwise). */
  novel: string[];
}

export interface TimelineEvent extends StorylineEvent {
  stories: TimelineStory[];
  /** Framing labels per outlet over the event's stories. */
  framing: FramingSpread;
}

export interface Timeline {
  storyline: { id: string; title: string; description: string };
  events: TimelineEvent[];
  /** Pass back as `cursor` for older events; null after the last page. */
  nextCursor: string | null;
}

export type TimelineDeps = Pick<ApiDeps, "storylines"> & {
  store: Pick<ApiDeps["store"], "listEvents" | "listEventStories">;
};

export function timelineStory(member: EventStory): TimelineStory {
  const { story } = member;
  const placedHere = story.eventId === member.eventId;
  return {
    id: member.storyId,
    title: displayTitle(story),
    source: story.source,
    url: story.url,
    publishedAt: story.publishedAt,
    at: member.at,
    relation: member.relation,
    score: story.storylines?.find((s) => s.id === member.storylineId)?.score ?? null,
    framingLabel: story.framing?.label ?? null,
    // A story placed in several storylines keeps the novel sentences of its own event only.
    novel: member.relation === "update" && placedHere ? [...(story.novel ?? [])] : [],
  };
}

export async function timelineEvent(deps: TimelineDeps, event: StorylineEvent): Promise<TimelineEvent> {
  const stories = (await deps.store.listEventStories(event.id)).map(timelineStory);
  const framing = framingSpread(stories.map((s) => ({ source: s.source, label: s.framingLabel })));
  // An event is titled after its first story; one stored without a title reads as that story's first words.
  return { ...event, title: event.title.trim() || stories[0]?.title || "", stories, framing };
}

/** The timeline page, or null when no storyline has this id. Throws the store's InvalidCursor for a bad cursor. */
export async function loadTimeline(
  deps: TimelineDeps,
  storylineId: string,
  page: PageOptions = {},
): Promise<Timeline | null> {
  const storyline = (await deps.storylines()).find((s) => s.id === storylineId);
  if (!storyline) return null;
  const limit = Math.min(MAX_TIMELINE_EVENTS, Math.max(1, page.limit ?? DEFAULT_TIMELINE_EVENTS));
  const events = await deps.store.listEvents(storylineId, { limit, cursor: page.cursor ?? null });
  return {
    storyline: { id: storyline.id, title: storyline.title, description: storyline.description },
    events: await Promise.all(events.items.map((event) => timelineEvent(deps, event))),
    nextCursor: events.cursor,
  };
}
