/**
 * What the storyline page shows: a page of its timeline (the loader GET /storylines/{id}/timeline uses), and,
 * over the last `days` days, its stories per day and the framing mix of each outlet's coverage.
 */
import { InvalidCursor } from "@storywire/store";
import type { ApiDeps } from "../../deps.ts";
import { type FramingSpread, framingSpread } from "../../timeline/framing-spread.ts";
import { loadTimeline, type Timeline } from "../../timeline/load.ts";
import { countPerDay, type DayCount } from "../charts.ts";
import { CHART_DAYS, CHART_STORIES, DEFAULT_CHART_DAYS, TIMELINE_EVENTS_PER_PAGE } from "../constants.ts";
import { PageNote, type Section, section } from "../section.ts";

export interface CoverageWindow {
  days: number;
  perDay: DayCount[];
  framing: FramingSpread;
  /** Stories the charts count. */
  stories: number;
  /** True when the window held more than CHART_STORIES stories and only the latest were counted. */
  capped: boolean;
}

export interface StorylinePageData {
  now: Date;
  storyline: Timeline["storyline"];
  /** The cursor this page of the timeline was asked for (absent: the newest events). */
  cursor: string | undefined;
  timeline: Section<Pick<Timeline, "events" | "nextCursor">>;
  coverage: Section<CoverageWindow>;
}

/** `?days=` when it is one of CHART_DAYS, else the default. */
export function chartDays(value: string | undefined): number {
  const days = Number(value);
  return (CHART_DAYS as readonly number[]).includes(days) ? days : DEFAULT_CHART_DAYS;
}

async function coverage(deps: ApiDeps, storylineId: string, days: number, now: Date): Promise<CoverageWindow> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - (days - 1) * 24 * 60 * 60 * 1000);
  const members = await deps.store.recentStorylineStories(storylineId, since, CHART_STORIES);
  return {
    days,
    perDay: countPerDay(members, days, now),
    framing: framingSpread(members.map((m) => ({ source: m.story.source, label: m.story.framing?.label ?? null }))),
    stories: members.length,
    capped: members.length >= CHART_STORIES,
  };
}

/** The page's data, or null when no storyline has this id. */
export async function loadStorylinePage(
  deps: ApiDeps,
  storylineId: string,
  options: { cursor?: string; days?: number },
): Promise<StorylinePageData | null> {
  const now = deps.now?.() ?? new Date();
  const found = (await deps.storylines()).find((s) => s.id === storylineId);
  if (!found) return null;
  const page = { limit: TIMELINE_EVENTS_PER_PAGE, cursor: options.cursor ?? null };
  const [timeline, window] = await Promise.all([
    section("the timeline", async () => {
      const loaded = await loadTimeline(deps, storylineId, page).catch((error: unknown) => {
        if (!(error instanceof InvalidCursor)) throw error;
        throw new PageNote(
          "This page link is no longer valid (its cursor does not belong to this timeline); go back to the newest events.",
        );
      });
      return { events: loaded?.events ?? [], nextCursor: loaded?.nextCursor ?? null };
    }),
    section("the coverage charts", () => coverage(deps, storylineId, options.days ?? DEFAULT_CHART_DAYS, now)),
  ]);
  return {
    now,
    storyline: { id: found.id, title: found.title, description: found.description },
    cursor: options.cursor,
    timeline,
    coverage: window,
  };
}
