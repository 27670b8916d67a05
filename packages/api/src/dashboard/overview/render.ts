/**
 * The overview (GET / and /dashboard): each storyline with its latest developments, the feeds that need attention,
 * and the latest stories. Server-rendered; every value from feeds and the store is escaped by hono's `html`.
 */
import { html } from "hono/html";
import { FEEDS_PATH, MAX_FEED_ROWS, STORIES_PATH } from "../constants.ts";
import { feedCounts, feedTable } from "../feeds/table.ts";
import { plural } from "../format.ts";
import { clip, countLabel, type Fragment, relationCounts, sectionBody, timeTag } from "../fragments.ts";
import { layout } from "../layout.ts";
import { storylineHref } from "../links.ts";
import { storyTable } from "../story-rows.ts";
import type { DashboardData, EventView, StorylineView } from "./load.ts";

export interface RenderOptions {
  /** Seconds between automatic reloads; 0 renders no refresh. */
  refreshSeconds: number;
}

const DESCRIPTION_CHARS = 240;

function eventItem(storylineId: string, event: EventView, now: Date): Fragment {
  return html`<li>
    <div class="title"><a href="${storylineHref(storylineId)}#event-${event.id}">${event.title || "(untitled development)"}</a></div>
    <div class="sub">started ${timeTag(event.startedAt, now)} · last story ${timeTag(event.lastStoryAt, now)} ·
      ${plural(event.storyCount, "story", "stories")}</div>
    ${relationCounts(event.relations)}
  </li>`;
}

function storylineCard(storyline: StorylineView, now: Date): Fragment {
  const base = `/storylines/${encodeURIComponent(storyline.id)}`;
  return html`<article class="storyline" id="storyline-${storyline.id}">
    <h3><a href="${storylineHref(storyline.id)}">${storyline.title}</a></h3>
    ${storyline.description ? html`<p class="desc">${clip(storyline.description, DESCRIPTION_CHARS)}</p>` : ""}
    <div class="links">
      <a href="${storylineHref(storyline.id)}">Timeline and charts</a>
      <a href="${STORIES_PATH}?storyline=${encodeURIComponent(storyline.id)}">Stories</a>
      <a href="${base}/alerts.atom">Alerts (Atom)</a>
      <a href="${base}/alerts.json">Alerts (JSON Feed)</a>
    </div>
    ${sectionBody(storyline.events, (events) =>
      events.length === 0
        ? html`<p class="empty">No developments yet.</p>`
        : html`<ol class="events">${events.map((e) => eventItem(storyline.id, e, now))}</ol>`,
    )}
  </article>`;
}

function storylinesSection(data: DashboardData): Fragment {
  return html`<section class="card" id="storylines" aria-labelledby="storylines-h">
    <h2 id="storylines-h">Storylines ${countLabel(data.storylines, "storyline")}</h2>
    ${sectionBody(data.storylines, (storylines) =>
      storylines.length === 0
        ? html`<p class="empty">No storylines are configured.</p>`
        : html`<div class="grid">${storylines.map((s) => storylineCard(s, data.now))}</div>`,
    )}
  </section>`;
}

function feedsSection(data: DashboardData): Fragment {
  return html`<section class="card" id="feeds" aria-labelledby="feeds-h">
    <h2 id="feeds-h">Feeds ${data.feeds.ok ? html`<span class="count">${feedCounts(data.feeds.value)}</span>` : ""}</h2>
    ${sectionBody(data.feeds, (feeds) => {
      if (feeds.length === 0) {
        return html`<p class="empty">No feeds are watched yet. <a href="${FEEDS_PATH}">Add one on the feeds page</a>.</p>`;
      }
      const attention = feeds.filter((f) => f.status !== "active").slice(0, MAX_FEED_ROWS);
      return html`${
        attention.length === 0
          ? html`<p class="empty">Every feed is fetched without errors.</p>`
          : feedTable(attention, data.now, { actions: false })
      }
      <p class="sub"><a href="${FEEDS_PATH}">All feeds and their health, add or import feeds →</a></p>`;
    })}
  </section>`;
}

function storiesSection(data: DashboardData): Fragment {
  const titles = new Map(data.storylines.ok ? data.storylines.value.map((s) => [s.id, s.title]) : []);
  return html`<section class="card" id="stories" aria-labelledby="stories-h">
    <h2 id="stories-h">Latest stories ${countLabel(data.stories, "story", "stories")}</h2>
    ${sectionBody(data.stories, (rows) =>
      rows.length === 0
        ? html`<p class="empty">No stories yet; they appear after the first feed fetch.</p>`
        : html`${storyTable(rows, titles, data.now)}<p class="sub"><a href="${STORIES_PATH}">Search and filter all stories →</a></p>`,
    )}
  </section>`;
}

export function renderDashboard(data: DashboardData, options: RenderOptions): Fragment {
  return layout(
    { title: "Overview", nav: "overview", now: data.now, refreshSeconds: options.refreshSeconds },
    html`${storylinesSection(data)}${feedsSection(data)}${storiesSection(data)}`,
  );
}
