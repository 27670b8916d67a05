/** What the overview shows: each storyline with its latest events, the feeds and their health, the latest stories. */
import type { Feed, Relation } from "@storywire/core";
import type { StorylineEvent } from "@storywire/store";
import type { ApiDeps } from "../../deps.ts";
import { displayTitle } from "../../text/display-title.ts";
import { EVENTS_PER_STORYLINE, LATEST_STORIES } from "../constants.ts";
import { type Section, section } from "../section.ts";
import { loadStoryRows, type StoryRow } from "../story-rows.ts";

export interface EventView extends StorylineEvent {
  /** How many of the event's stories were the first report, updates and duplicates. */
  relations: Record<Relation, number>;
}

export interface StorylineView {
  id: string;
  title: string;
  description: string;
  events: Section<EventView[]>;
}

export interface DashboardData {
  now: Date;
  storylines: Section<StorylineView[]>;
  feeds: Section<Feed[]>;
  stories: Section<StoryRow[]>;
}

async function eventView(deps: ApiDeps, event: StorylineEvent): Promise<EventView> {
  const relations: Record<Relation, number> = { first: 0, update: 0, duplicate: 0 };
  const members = await deps.store.listEventStories(event.id);
  for (const member of members) {
    if (member.relation in relations) relations[member.relation] += 1;
  }
  const first = members[0]?.story;
  return { ...event, title: event.title.trim() || (first ? displayTitle(first) : ""), relations };
}

async function storylineViews(deps: ApiDeps): Promise<StorylineView[]> {
  const storylines = await deps.storylines();
  return Promise.all(
    storylines.map(async (s) => ({
      id: s.id,
      title: s.title,
      description: s.description ?? "",
      events: await section(`the events of "${s.title}"`, async () => {
        const page = await deps.store.listEvents(s.id, { limit: EVENTS_PER_STORYLINE });
        return Promise.all(page.items.map((event) => eventView(deps, event)));
      }),
    })),
  );
}

export async function loadDashboard(deps: ApiDeps): Promise<DashboardData> {
  const [storylines, feeds, stories] = await Promise.all([
    section("the storylines", () => storylineViews(deps)),
    section("the feeds", () => deps.store.listFeeds()),
    section("the latest stories", async () => (await loadStoryRows(deps, { limit: LATEST_STORIES })).rows),
  ]);
  return { now: deps.now?.() ?? new Date(), storylines, feeds, stories };
}
