/**
 * Gathers what the dashboard shows. Each section loads on its own: a failing query shows up as a note in its
 * section instead of taking the whole page down.
 */
import type { Feed, Relation } from "@storywire/core";
import type { StorylineEvent, StorySummary } from "@storywire/store";
import type { ApiDeps } from "../deps.ts";
import { EVENTS_PER_STORYLINE, LATEST_STORIES } from "./constants.ts";

export type Section<T> = { ok: true; value: T } | { ok: false; error: string };

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
  stories: Section<StorySummary[]>;
}

async function section<T>(what: string, load: () => Promise<T>): Promise<Section<T>> {
  try {
    return { ok: true, value: await load() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(JSON.stringify({ level: "error", message: `dashboard: loading ${what} failed`, error: message }));
    return {
      ok: false,
      error: `Could not load ${what} (${message}). Reload the page; if this stays, check the API logs.`,
    };
  }
}

async function eventView(deps: ApiDeps, event: StorylineEvent): Promise<EventView> {
  const relations: Record<Relation, number> = { first: 0, update: 0, duplicate: 0 };
  for (const member of await deps.store.listEventStories(event.id)) {
    if (member.relation in relations) relations[member.relation] += 1;
  }
  return { ...event, relations };
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
    section("the latest stories", async () => (await deps.store.listStories({ limit: LATEST_STORIES })).items),
  ]);
  return { now: deps.now?.() ?? new Date(), storylines, feeds, stories };
}
