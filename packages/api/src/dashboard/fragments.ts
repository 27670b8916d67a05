/**
 * Pieces of markup the pages share. Every value goes through hono's `html` template, which escapes it; links to
 * the outside are made only from http(s) URLs (safe-url.ts).
 */
import type { Relation } from "@storywire/core";
import { FRAMING_LABELS } from "@storywire/core";
import { html } from "hono/html";
import { formatScore, formatUtc, plural, relativeTime } from "./format.ts";
import { storyHref, storylineHref } from "./links.ts";
import { httpUrl } from "./safe-url.ts";
import type { Section } from "./section.ts";

export type Fragment = ReturnType<typeof html>;

export const RELATIONS: readonly Relation[] = ["first", "update", "duplicate"];
export const RELATION_NAMES: Record<Relation, [one: string, many: string]> = {
  first: ["first", "first"],
  update: ["update", "updates"],
  duplicate: ["duplicate", "duplicates"],
};

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** "5 min ago" with the absolute UTC time in the title, or a dash. */
export function timeTag(iso: string | null | undefined, now: Date): Fragment {
  const absolute = formatUtc(iso);
  if (!absolute || !iso) return html`<span class="sub">—</span>`;
  return html`<time datetime="${iso}" title="${absolute}">${relativeTime(iso, now) ?? absolute}</time>`;
}

/** The absolute UTC time with "5 min ago" under it, or a dash. */
export function absoluteTime(iso: string | null | undefined, now: Date): Fragment {
  const absolute = formatUtc(iso);
  if (!absolute || !iso) return html`<span class="sub">—</span>`;
  return html`<time datetime="${iso}">${absolute}</time><div class="sub">${relativeTime(iso, now) ?? ""}</div>`;
}

/** An outside link with a safe rel, or the bare text when the URL is not http(s). */
export function outsideLink(url: string | null | undefined, text: string): Fragment {
  const href = httpUrl(url);
  return href ? html`<a href="${href}" rel="noopener noreferrer nofollow">${text}</a>` : html`${text}`;
}

/** The story's page link, or the bare title when the id is not a story id. */
export function storyLink(id: string, title: string): Fragment {
  const href = storyHref(id);
  return href ? html`<a href="${href}">${title}</a>` : html`${title}`;
}

export function storylineLink(id: string, title: string): Fragment {
  return html`<a href="${storylineHref(id)}">${title}</a>`;
}

export function sectionBody<T>(state: Section<T>, body: (value: T) => Fragment): Fragment {
  return state.ok ? body(state.value) : html`<p class="error">${state.error}</p>`;
}

export function countLabel<T>(state: Section<T[]>, noun: string, nouns?: string): Fragment {
  return state.ok ? html`<span class="count">${plural(state.value.length, noun, nouns)}</span>` : html``;
}

export function relationBadge(relation: Relation | null | undefined): Fragment {
  return relation ? html`<span class="badge ${relation}">${relation}</span>` : html`<span class="sub">—</span>`;
}

/** "1 first · 2 updates · 0 duplicates" as badges. */
export function relationCounts(counts: Record<Relation, number>): Fragment {
  return html`<div class="relations">${RELATIONS.map((r) => {
    const [one, many] = RELATION_NAMES[r];
    return html`<span class="badge ${counts[r] > 0 ? r : "none"}">${plural(counts[r], one, many)}</span>`;
  })}</div>`;
}

/** The CSS class that colours a framing label the same everywhere (badges, legends, charts). */
export function labelClass(label: string): string {
  const index = FRAMING_LABELS.indexOf(label);
  return index >= 0 && index < 8 ? `lbl-${index}` : "lbl-x";
}

export function framingBadge(framing: { label: string; summary: string } | null | undefined): Fragment {
  return framing
    ? html`<span class="badge label" title="${framing.summary}">${framing.label}</span>`
    : html`<span class="sub">—</span>`;
}

export function swatch(className: string): Fragment {
  return html`<span class="swatch ${className}" aria-hidden="true"></span>`;
}

/** Matched storylines, best first, each with its score. */
export function storylineScores(
  scores: readonly { id: string; score: number; matched: boolean }[],
  titles: ReadonlyMap<string, string>,
): Fragment {
  const matched = scores.filter((s) => s.matched).sort((a, b) => b.score - a.score);
  if (matched.length === 0) return html`<span class="sub">—</span>`;
  return html`<ul class="scores">${matched.map(
    (s) =>
      html`<li title="${s.id}">${storylineLink(s.id, titles.get(s.id) ?? s.id)} <span class="score">${formatScore(s.score)}</span></li>`,
  )}</ul>`;
}
