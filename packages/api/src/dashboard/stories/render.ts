/**
 * The story list (GET /dashboard/stories): a filter form that writes its choices into the URL (a plain GET form,
 * no script), the active filters as removable chips, the matching stories and a link to the next page.
 */
import { FRAMING_LABELS } from "@storywire/core";
import { html } from "hono/html";
import { STORIES_PATH } from "../constants.ts";
import { feedName } from "../feeds/table.ts";
import { plural } from "../format.ts";
import { type Fragment, labelClass, sectionBody, swatch } from "../fragments.ts";
import { layout } from "../layout.ts";
import { storyTable } from "../story-rows.ts";
import type { StoriesPageData } from "./load.ts";
import { RELATION_VALUES, type StoryQuery, storyQueryString } from "./query.ts";

function checkboxes(
  name: string,
  legend: string,
  options: [value: string, label: Fragment | string][],
  chosen: string[],
) {
  return html`<fieldset><legend>${legend}</legend>${options.map(
    ([value, label]) =>
      html`<label><input type="checkbox" name="${name}" value="${value}"${chosen.includes(value) ? html` checked` : ""}> ${label}</label>`,
  )}</fieldset>`;
}

function textField(name: keyof StoryQuery, label: string, value: string | undefined, attrs: Fragment = html``) {
  return html`<div class="field"><label for="filter-${name}">${label}</label><input id="filter-${name}" name="${name}" value="${value ?? ""}" ${attrs}></div>`;
}

function dateField(name: "since" | "until", label: string, value: string | undefined) {
  const type = value === undefined || /^\d{4}-\d{2}-\d{2}$/.test(value) ? "date" : "text";
  return textField(name, label, value, html`type="${type}"`);
}

function filterForm(data: StoriesPageData): Fragment {
  const { query } = data.parsed;
  const storylines = data.storylines.ok ? data.storylines.value : [];
  const storylineOptions: [string, string][] = storylines.map((s) => [s.id, s.title]);
  for (const id of query.storyline) if (!storylines.some((s) => s.id === id)) storylineOptions.push([id, id]);
  const labels = [...FRAMING_LABELS, ...query.framing.filter((l) => !FRAMING_LABELS.includes(l))];
  const feeds = data.feeds.ok ? data.feeds.value : [];
  return html`<form class="filters" method="get" action="${STORIES_PATH}" role="search" aria-label="Filter stories">
    <div class="field wide"><label for="filter-q">Words in the title, names or lead</label><input id="filter-q" type="search" name="q" value="${query.q ?? ""}" placeholder="e.g. Witkoff"></div>
    ${storylineOptions.length > 0 ? checkboxes("storyline", "Storylines", storylineOptions, query.storyline) : ""}
    ${checkboxes(
      "relation",
      "Relation in its event",
      RELATION_VALUES.map((r) => [r, r]),
      query.relation,
    )}
    <div class="wide">${checkboxes(
      "framing",
      "Framing label",
      labels.map((l) => [l, html`${swatch(labelClass(l))}${l}`]),
      query.framing,
    )}</div>
    ${textField("minScore", "Minimum storyline score (0–1)", query.minScore, html`type="number" min="0" max="1" step="0.05"`)}
    <div class="field"><label for="filter-feed">Feed</label><select id="filter-feed" name="feed">
      <option value="">any feed</option>
      ${feeds.map((f) => html`<option value="${f.id}"${f.id === query.feed ? html` selected` : ""}>${feedName(f)}</option>`)}
      ${query.feed && !feeds.some((f) => f.id === query.feed) ? html`<option value="${query.feed}" selected>${query.feed}</option>` : ""}
    </select></div>
    ${textField("source", "Source (outlet)", query.source, html`placeholder="e.g. BBC News"`)}
    ${textField("language", "Language", query.language, html`placeholder="en, ru, uk…" maxlength="3" size="4"`)}
    ${dateField("since", "Since (from this day)", query.since)}
    ${dateField("until", "Until (through this day)", query.until)}
    <div class="actions wide"><button type="submit">Apply filters</button><a href="${STORIES_PATH}">Clear all</a></div>
  </form>`;
}

/** Each active filter value as a link that removes just it. */
function activeChips(data: StoriesPageData): Fragment {
  const { query } = data.parsed;
  const base = { ...query, cursor: undefined };
  const chips: [string, string][] = [];
  const storylines = data.storylines.ok ? data.storylines.value : [];
  for (const name of ["storyline", "relation", "framing"] as const) {
    for (const value of query[name]) {
      const shown = name === "storyline" ? (storylines.find((s) => s.id === value)?.title ?? value) : value;
      chips.push([`${name}: ${shown}`, storyQueryString(base, { [name]: query[name].filter((v) => v !== value) })]);
    }
  }
  const feeds = data.feeds.ok ? data.feeds.value : [];
  for (const name of ["minScore", "feed", "source", "language", "since", "until", "q"] as const) {
    const value = query[name];
    if (value === undefined) continue;
    const feed = name === "feed" ? feeds.find((f) => f.id === value) : undefined;
    const shown = feed ? feedName(feed) : value;
    chips.push([`${name === "q" ? "words" : name}: ${shown}`, storyQueryString(base, { [name]: undefined })]);
  }
  if (chips.length === 0) return html``;
  return html`<ul class="chips" aria-label="Active filters">${chips.map(
    ([text, href]) =>
      html`<li><a href="${STORIES_PATH}${href}" aria-label="Remove the filter ${text}">${text} ✕</a></li>`,
  )}</ul>`;
}

function problemsBox(data: StoriesPageData): Fragment {
  const { problems } = data.parsed;
  if (problems.length === 0) return html``;
  return html`<div class="error" role="alert"><strong>${problems.length === 1 ? "This filter is" : "These filters are"} not valid, so nothing is listed:</strong>
    <ul>${problems.map((p) => html`<li>${p.message}</li>`)}</ul></div>`;
}

function results(data: StoriesPageData): Fragment {
  if (!data.stories) return html``;
  const titles = new Map(data.storylines.ok ? data.storylines.value.map((s) => [s.id, s.title]) : []);
  const { query } = data.parsed;
  const filtered = storyQueryString({ ...query, cursor: undefined }) !== "";
  return html`<section class="card" id="results" aria-labelledby="results-h">
    ${sectionBody(data.stories, ({ rows, cursor }) => {
      const next = cursor ? `${STORIES_PATH}${storyQueryString(query, { cursor })}` : null;
      const first = query.cursor ? `${STORIES_PATH}${storyQueryString(query, { cursor: undefined })}` : null;
      return html`<h2 id="results-h">${query.cursor ? "Older stories" : "Newest stories"} <span class="count">${plural(rows.length, "story", "stories")} on this page</span></h2>
        ${
          rows.length === 0
            ? html`<p class="empty">${filtered ? "No story matches these filters." : "No stories yet; they appear after the first feed fetch."}</p>`
            : storyTable(rows, titles, data.now)
        }
        <nav class="pager" aria-label="Pages">
          ${first ? html`<a href="${first}">← Newest</a>` : ""}
          ${next ? html`<a href="${next}" rel="next">Older stories →</a>` : ""}
          <a href="/stories${storyQueryString(query)}">This page as JSON</a>
        </nav>`;
    })}
  </section>`;
}

export function renderStoriesPage(data: StoriesPageData): Fragment {
  return layout(
    {
      title: "Stories",
      nav: "stories",
      now: data.now,
      lede: html`Newest first. The filters are part of the address, so a filtered view can be bookmarked and shared.`,
    },
    html`<section class="card" aria-labelledby="filters-h"><h2 id="filters-h" class="visually-hidden">Filters</h2>
      ${filterForm(data)}${activeChips(data)}</section>
      ${problemsBox(data)}${results(data)}`,
  );
}
