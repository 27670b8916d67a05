/**
 * Story lists (the overview's latest stories and the filtered story list) load and render their rows here.
 * Rows are StorySummary items (what store.listStories returns); a story stored without a title is shown with the
 * first words of its text, read for those rows only. Framing labels are shown only for stories in a storyline:
 * a label such as "neutral-report" on a story about football says nothing.
 */
import type { Story } from "@storywire/core";
import { type ListStoriesOptions, type StorySummary, toStorySummary } from "@storywire/store";
import { html } from "hono/html";
import type { ApiDeps } from "../deps.ts";
import { displayTitle } from "../text/display-title.ts";
import { absoluteTime, type Fragment, framingBadge, relationBadge, storyLink, storylineScores } from "./fragments.ts";
import { hostOf, httpUrl } from "./safe-url.ts";

export interface StoryRow {
  summary: StorySummary;
  /** The title, or the first words of the text. */
  title: string;
  /** True when the story entered (matched) at least one storyline. */
  inStoryline: boolean;
}

export interface StoryRows {
  rows: StoryRow[];
  cursor: string | null;
}

/** The list shape of a list item, whether the store returns summaries or (before it did) whole stories. */
export function summaryOf(item: Story | StorySummary): StorySummary {
  return "text" in item ? toStorySummary(item) : item;
}

export async function loadStoryRows(deps: ApiDeps, options: ListStoriesOptions): Promise<StoryRows> {
  const page = await deps.store.listStories(options);
  const summaries = page.items.map(summaryOf);
  const untitled = summaries.filter((s) => !s.title.trim()).map((s) => s.id);
  const texts = new Map(
    untitled.length > 0 ? (await deps.store.getStories(untitled)).map((s) => [s.id, s.text] as const) : [],
  );
  return {
    rows: summaries.map((summary) => ({
      summary,
      title: displayTitle({ title: summary.title, text: texts.get(summary.id) ?? null }),
      inStoryline: summary.storylines.some((s) => s.matched),
    })),
    cursor: page.cursor,
  };
}

function storyRow(row: StoryRow, titles: ReadonlyMap<string, string>, now: Date): Fragment {
  const { summary } = row;
  const original = httpUrl(summary.url);
  return html`<tr data-story-id="${summary.id}">
    <td class="story-title">${storyLink(summary.id, row.title)}${
      original
        ? html`<div><a class="original" href="${original}" rel="noopener noreferrer nofollow">original ↗<span class="visually-hidden"> (${row.title})</span></a></div>`
        : ""
    }</td>
    <td>${summary.source || hostOf(summary.url) || "—"}</td>
    <td class="nowrap">${absoluteTime(summary.publishedAt, now)}</td>
    <td>${storylineScores(summary.storylines, titles)}</td>
    <td>${row.inStoryline ? framingBadge(summary.framing) : html`<span class="sub">—</span>`}</td>
    <td>${relationBadge(summary.relation)}</td>
  </tr>`;
}

export function storyTable(rows: readonly StoryRow[], titles: ReadonlyMap<string, string>, now: Date): Fragment {
  return html`<div class="table-wrap"><table>
    <thead><tr><th scope="col">Story</th><th scope="col">Source</th><th scope="col">Published</th><th scope="col">Storylines</th><th scope="col">Framing</th><th scope="col">Relation</th></tr></thead>
    <tbody>${rows.map((row) => storyRow(row, titles, now))}</tbody>
  </table></div>`;
}
