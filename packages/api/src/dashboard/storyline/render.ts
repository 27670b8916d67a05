/**
 * The storyline page (GET /dashboard/storylines/{id}): its coverage over the last days (stories per day; the framing
 * mix of each outlet's coverage) and its timeline of events, newest first, each with its stories, the new
 * sentences of its updates and the framing labels per outlet.
 */
import { html } from "hono/html";
import type { TimelineEvent } from "../../timeline/load.ts";
import { dailyChart, dailyTable, framingMixChart, framingTable, spreadLabels } from "../charts.ts";
import { CHART_DAYS, CHART_OUTLETS, STORIES_PATH } from "../constants.ts";
import { eventMembers } from "../event-members.ts";
import { plural } from "../format.ts";
import { type Fragment, relationCounts, sectionBody, timeTag } from "../fragments.ts";
import { layout } from "../layout.ts";
import { storylineHref } from "../links.ts";
import type { CoverageWindow, StorylinePageData } from "./load.ts";

function pageHref(data: StorylinePageData, changes: { cursor?: string | null; days?: number }): string {
  const params = new URLSearchParams();
  const days = changes.days ?? (data.coverage.ok ? data.coverage.value.days : undefined);
  if (days !== undefined) params.set("days", String(days));
  const cursor = changes.cursor === undefined ? data.cursor : changes.cursor;
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return `${storylineHref(data.storyline.id)}${query ? `?${query}` : ""}`;
}

function coverageSection(data: StorylinePageData): Fragment {
  const days = data.coverage.ok ? data.coverage.value.days : undefined;
  return html`<section class="card" id="coverage" aria-labelledby="coverage-h">
    <h2 id="coverage-h">Coverage ${days ? html`<span class="count">the last ${days} days (UTC)</span>` : ""}</h2>
    <nav class="links" aria-label="Period">${CHART_DAYS.map(
      (d) =>
        html`<a href="${pageHref(data, { days: d, cursor: null })}#coverage"${d === days ? html` aria-current="true"` : ""}>${d} days</a>`,
    )}</nav>
    ${sectionBody(data.coverage, (window: CoverageWindow) => {
      if (window.stories === 0) {
        return html`<p class="empty">No story entered this storyline in the last ${window.days} days.</p>`;
      }
      const name = data.storyline.title;
      return html`${
        window.capped
          ? html`<p class="note">This period holds more stories than the charts read; they count the latest ${window.stories}.</p>`
          : ""
      }
        <h3>Stories and updates per day</h3>
        ${dailyChart(window.perDay, "per-day", `${name}: ${plural(window.stories, "story", "stories")} per day over the last ${window.days} days, by relation`)}
        ${dailyTable(window.perDay)}
        <h3>Framing mix per outlet</h3>
        ${
          window.framing.outlets.length > CHART_OUTLETS
            ? html`<p class="sub">The ${CHART_OUTLETS} outlets with the most stories; the table has all ${window.framing.outlets.length}.</p>`
            : ""
        }
        ${framingMixChart(window.framing, "framing-mix", `${name}: framing labels of each outlet's stories over the last ${window.days} days`, CHART_OUTLETS)}
        ${framingTable(window.framing)}`;
    })}
  </section>`;
}

function spreadLine(event: TimelineEvent): Fragment {
  if (spreadLabels(event.framing).length === 0) return html``;
  return html`<div class="spread">Framing by outlet: ${event.framing.outlets.map((o, i) => {
    const labels = Object.entries(o.labels)
      .sort((a, b) => b[1] - a[1])
      .map(([label, n]) => (n > 1 ? `${label} ×${n}` : label));
    return html`${i > 0 ? " · " : ""}<strong>${o.source}</strong> ${labels.length > 0 ? labels.join(", ") : "unframed"}`;
  })}</div>`;
}

function eventItem(event: TimelineEvent, now: Date): Fragment {
  const counts = { first: 0, update: 0, duplicate: 0 };
  for (const s of event.stories) counts[s.relation] += 1;
  return html`<li id="event-${event.id}">
    <h3>${event.title || "(untitled development)"}</h3>
    <div class="sub">started ${timeTag(event.startedAt, now)} · last story ${timeTag(event.lastStoryAt, now)} ·
      ${plural(event.stories.length, "story", "stories")}</div>
    ${relationCounts(counts)}
    ${spreadLine(event)}
    ${event.stories.length > 0 ? eventMembers(event.stories, now) : ""}
  </li>`;
}

function timelineSection(data: StorylinePageData): Fragment {
  return html`<section class="card" id="timeline" aria-labelledby="timeline-h">
    <h2 id="timeline-h">Timeline <span class="count">${data.cursor ? "older events" : "newest events first"}</span></h2>
    ${sectionBody(data.timeline, ({ events, nextCursor }) => {
      const pager = html`<nav class="pager" aria-label="Timeline pages">
        ${data.cursor ? html`<a href="${pageHref(data, { cursor: null })}#timeline">← Newest events</a>` : ""}
        ${nextCursor ? html`<a href="${pageHref(data, { cursor: nextCursor })}#timeline" rel="next">Older events →</a>` : ""}
      </nav>`;
      if (events.length === 0) {
        return html`<p class="empty">${data.cursor ? "No older events." : "No developments yet."}</p>${pager}`;
      }
      return html`<ol class="events">${events.map((e) => eventItem(e, data.now))}</ol>${pager}`;
    })}
    ${data.timeline.ok ? "" : html`<p><a href="${pageHref(data, { cursor: null })}">Go to the newest events</a></p>`}
  </section>`;
}

export function renderStorylinePage(data: StorylinePageData): Fragment {
  const { storyline } = data;
  const api = `/storylines/${encodeURIComponent(storyline.id)}`;
  return layout(
    {
      title: storyline.title,
      nav: "overview",
      now: data.now,
      ...(storyline.description ? { lede: html`${storyline.description}` } : {}),
    },
    html`<div class="links">
        <a href="${STORIES_PATH}?storyline=${encodeURIComponent(storyline.id)}">All its stories</a>
        <a href="${api}/alerts.atom">Alerts (Atom)</a>
        <a href="${api}/alerts.json">Alerts (JSON Feed)</a>
        <a href="${api}/timeline">Timeline (JSON)</a>
      </div>
      ${coverageSection(data)}${timelineSection(data)}`,
  );
}
