/**
 * The dashboard as one server-rendered HTML page. Every value from feeds and the store goes through hono's
 * `html` template, which escapes it; `raw` is used only for this module's own constant CSS. Links to the
 * outside are made only from http(s) URLs (see safe-url.ts).
 */
import type { Feed, Relation } from "@storywire/core";
import type { StorySummary } from "@storywire/store";
import { html, raw } from "hono/html";
import { DASHBOARD_VERSION, MAX_FEED_ROWS } from "./constants.ts";
import { formatScore, formatUtc, plural, relativeTime } from "./format.ts";
import type { DashboardData, EventView, Section, StorylineView } from "./load.ts";
import { hostOf, httpUrl } from "./safe-url.ts";
import { DASHBOARD_CSS } from "./styles.ts";

type Fragment = ReturnType<typeof html>;

export interface RenderOptions {
  /** Seconds between automatic reloads; 0 renders no refresh. */
  refreshSeconds: number;
}

const STORY_ID = /^[0-9a-f]{16}$/;
const DESCRIPTION_CHARS = 240;
const RELATIONS: Relation[] = ["first", "update", "duplicate"];
const RELATION_NAMES: Record<Relation, [string, string]> = {
  first: ["first", "first"],
  update: ["update", "updates"],
  duplicate: ["duplicate", "duplicates"],
};

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function timeTag(iso: string | null | undefined, now: Date): Fragment {
  const absolute = formatUtc(iso);
  if (!absolute || !iso) return html`<span class="sub">—</span>`;
  return html`<time datetime="${iso}" title="${absolute}">${relativeTime(iso, now) ?? absolute}</time>`;
}

/** An outside link with a safe rel, or the bare text when the URL is not http(s). */
function outsideLink(url: string | null | undefined, text: string): Fragment {
  const href = httpUrl(url);
  return href ? html`<a href="${href}" rel="noopener noreferrer nofollow">${text}</a>` : html`${text}`;
}

function sectionBody<T>(state: Section<T>, body: (value: T) => Fragment): Fragment {
  return state.ok ? body(state.value) : html`<p class="error">${state.error}</p>`;
}

function countLabel<T>(state: Section<T[]>, noun: string, nouns?: string): Fragment {
  return state.ok ? html`<span class="count">${plural(state.value.length, noun, nouns)}</span>` : html``;
}

// ---- storylines ------------------------------------------------------------------------------------------------

function eventItem(event: EventView, now: Date): Fragment {
  const badges = RELATIONS.map((r) => {
    const [one, many] = RELATION_NAMES[r];
    return html`<span class="badge ${event.relations[r] > 0 ? r : "none"}">${plural(event.relations[r], one, many)}</span>`;
  });
  return html`<li>
    <div class="title">${event.title || "(untitled development)"}</div>
    <div class="sub">started ${timeTag(event.startedAt, now)} · last story ${timeTag(event.lastStoryAt, now)} ·
      ${plural(event.storyCount, "story", "stories")}</div>
    <div class="relations">${badges}</div>
  </li>`;
}

function storylineCard(storyline: StorylineView, now: Date): Fragment {
  const base = `/storylines/${encodeURIComponent(storyline.id)}`;
  return html`<article class="storyline" id="storyline-${storyline.id}">
    <h3>${storyline.title}</h3>
    ${storyline.description ? html`<p class="desc">${clip(storyline.description, DESCRIPTION_CHARS)}</p>` : ""}
    <div class="links">
      <a href="${base}/alerts.atom">Alerts (Atom)</a>
      <a href="${base}/alerts.json">Alerts (JSON Feed)</a>
      <a href="${base}/events">Timeline (JSON)</a>
    </div>
    ${sectionBody(storyline.events, (events) =>
      events.length === 0
        ? html`<p class="empty">No developments yet.</p>`
        : html`<ol class="events">${events.map((e) => eventItem(e, now))}</ol>`,
    )}
  </article>`;
}

function storylinesSection(data: DashboardData): Fragment {
  return html`<section class="card" id="storylines">
    <h2>Storylines ${countLabel(data.storylines, "storyline")}</h2>
    ${sectionBody(data.storylines, (storylines) =>
      storylines.length === 0
        ? html`<p class="empty">No storylines are configured.</p>`
        : html`<div class="grid">${storylines.map((s) => storylineCard(s, data.now))}</div>`,
    )}
  </section>`;
}

// ---- feeds -----------------------------------------------------------------------------------------------------

function feedStatus(feed: Feed): Fragment {
  const details: string[] = [];
  if (feed.errorCount > 0) details.push(plural(feed.errorCount, "error"));
  if (feed.lastStatus !== null) details.push(`HTTP ${feed.lastStatus}`);
  return html`<span class="badge ${feed.status}">${feed.status}</span>
    ${details.length > 0 ? html` <span class="sub">${details.join(" · ")}</span>` : ""}
    ${feed.status !== "active" && feed.lastError ? html`<span class="lasterror">${feed.lastError}</span>` : ""}`;
}

function feedRow(feed: Feed, now: Date): Fragment {
  const name = feed.title || hostOf(feed.url) || feed.url;
  return html`<tr data-feed-id="${feed.id}">
    <td><strong>${name}</strong></td>
    <td class="url">${outsideLink(feed.url, feed.url)}</td>
    <td>${feedStatus(feed)}</td>
    <td class="nowrap">${timeTag(feed.lastCheckedAt, now)}</td>
    <td class="nowrap">${feed.status === "disabled" ? html`<span class="sub">not scheduled</span>` : timeTag(feed.nextCheckAt, now)}</td>
  </tr>`;
}

function feedsSection(data: DashboardData): Fragment {
  return html`<section class="card" id="feeds">
    <h2>Feeds ${countLabel(data.feeds, "feed")}</h2>
    ${sectionBody(data.feeds, (feeds) => {
      if (feeds.length === 0) {
        return html`<p class="empty">No feeds are watched yet. Add one with POST /feeds (see <a href="/openapi.json">/openapi.json</a>).</p>`;
      }
      const shown = feeds.slice(0, MAX_FEED_ROWS);
      return html`<div class="table-wrap"><table>
        <thead><tr><th>Feed</th><th>URL</th><th>Status</th><th>Last checked</th><th>Next check</th></tr></thead>
        <tbody>${shown.map((f) => feedRow(f, data.now))}</tbody>
      </table></div>
      ${feeds.length > shown.length ? html`<p class="sub">…and ${feeds.length - shown.length} more; GET <a href="/feeds">/feeds</a> lists them all.</p>` : ""}`;
    })}
  </section>`;
}

// ---- stories ---------------------------------------------------------------------------------------------------

function storylineTitles(data: DashboardData): Map<string, string> {
  return new Map(data.storylines.ok ? data.storylines.value.map((s) => [s.id, s.title]) : []);
}

function storyScores(story: StorySummary, titles: Map<string, string>): Fragment {
  const matched = (story.storylines ?? []).filter((s) => s.matched).sort((a, b) => b.score - a.score);
  if (matched.length === 0) return html`<span class="sub">—</span>`;
  return html`<ul class="scores">${matched.map(
    (s) =>
      html`<li title="${s.id}">${titles.get(s.id) ?? s.id} <span class="score">${formatScore(s.score)}</span></li>`,
  )}</ul>`;
}

function publishedCell(iso: string | null, now: Date): Fragment {
  const absolute = formatUtc(iso);
  if (!absolute || !iso) return html`<span class="sub">—</span>`;
  return html`<time datetime="${iso}">${absolute}</time><div class="sub">${relativeTime(iso, now) ?? ""}</div>`;
}

function storyRow(story: StorySummary, titles: Map<string, string>, now: Date): Fragment {
  const title = story.title || "(untitled)";
  const text = STORY_ID.test(story.id) ? html`<a href="/stories/${story.id}.txt">${title}</a>` : html`${title}`;
  const original = httpUrl(story.url);
  const framing = story.framing?.label;
  return html`<tr data-story-id="${story.id}">
    <td class="story-title">${text}${original ? html` <a class="sub nowrap" href="${original}" rel="noopener noreferrer nofollow">original ↗</a>` : ""}</td>
    <td>${story.source || hostOf(story.url) || "—"}</td>
    <td class="nowrap">${publishedCell(story.publishedAt, now)}</td>
    <td>${storyScores(story, titles)}</td>
    <td>${framing ? html`<span class="badge label" title="${story.framing?.summary ?? ""}">${framing}</span>` : html`<span class="sub">—</span>`}</td>
    <td>${story.relation ? html`<span class="badge ${story.relation}">${story.relation}</span>` : html`<span class="sub">—</span>`}</td>
  </tr>`;
}

function storiesSection(data: DashboardData): Fragment {
  const titles = storylineTitles(data);
  return html`<section class="card" id="stories">
    <h2>Latest stories ${countLabel(data.stories, "story", "stories")}</h2>
    ${sectionBody(data.stories, (stories) =>
      stories.length === 0
        ? html`<p class="empty">No stories yet; they appear after the first feed fetch.</p>`
        : html`<div class="table-wrap"><table>
          <thead><tr><th>Story</th><th>Source</th><th>Published</th><th>Storylines</th><th>Framing</th><th>Relation</th></tr></thead>
          <tbody>${stories.map((s) => storyRow(s, titles, data.now))}</tbody>
        </table></div>`,
    )}
  </section>`;
}

// ---- page ------------------------------------------------------------------------------------------------------

export function renderDashboard(data: DashboardData, options: RenderOptions): Fragment {
  const refresh = options.refreshSeconds > 0;
  const generated = formatUtc(data.now.toISOString());
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refresh ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}">` : ""}
<title>Storywire dashboard</title>
<link rel="icon" href="data:,">
<style>${raw(DASHBOARD_CSS)}</style>
</head>
<body>
<header class="top">
  <div class="bar">
    <h1>Storywire</h1><span class="version">v${DASHBOARD_VERSION}</span>
    <nav><a href="#storylines">Storylines</a><a href="#feeds">Feeds</a><a href="#stories">Stories</a><a href="/openapi.json">OpenAPI</a></nav>
  </div>
  <div class="meta">Generated ${generated}${refresh ? html` · reloads every ${options.refreshSeconds} s (<a href="?refresh=0">stop</a>)` : ""}</div>
</header>
<main>
${storylinesSection(data)}
${feedsSection(data)}
${storiesSection(data)}
</main>
<footer>Read-only view. The API is described in <a href="/openapi.json">/openapi.json</a>; stories as JSON at <a href="/stories">/stories</a>.</footer>
</body>
</html>`;
}
