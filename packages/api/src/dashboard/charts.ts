/**
 * The storyline page's charts as inline SVG (no script, no outside assets): stories per day stacked by relation,
 * and the framing mix of each outlet's coverage. Each chart has a text title for screen readers, a tooltip per
 * bar, and the same numbers in a table under it. Colours come from the stylesheet (classes), so they follow the
 * light and dark schemes.
 */
import type { Relation } from "@storywire/core";
import { html } from "hono/html";
import type { FramingSpread } from "../timeline/framing-spread.ts";
import { plural } from "./format.ts";
import { clip, type Fragment, labelClass, RELATION_NAMES, RELATIONS, swatch } from "./fragments.ts";

export interface DayCount {
  /** YYYY-MM-DD (UTC). */
  day: string;
  first: number;
  update: number;
  duplicate: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function dayLabel(day: string): string {
  const [, month, date] = day.split("-").map(Number);
  return `${date} ${MONTHS[(month ?? 1) - 1]}`;
}

/** Counts per UTC day over the `days` days that end today, every day present (zeros included), oldest first. */
export function countPerDay(
  members: readonly { at: string; relation: Relation }[],
  days: number,
  now: Date,
): DayCount[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const counts = new Map<string, DayCount>();
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(today - i * DAY_MS).toISOString().slice(0, 10);
    counts.set(day, { day, first: 0, update: 0, duplicate: 0 });
  }
  for (const member of members) {
    const entry = counts.get(member.at.slice(0, 10));
    if (entry && member.relation in RELATION_NAMES) entry[member.relation] += 1;
  }
  return [...counts.values()];
}

/** The smallest 1, 2 or 5 x 10^k at or above `n` (at least 1): the top of a readable axis. */
export function niceMax(n: number): number {
  if (n <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= n) return step * magnitude;
  return 10 * magnitude;
}

const total = (d: DayCount) => d.first + d.update + d.duplicate;
const round1 = (n: number) => Math.round(n * 10) / 10;

function dayTooltip(d: DayCount): string {
  return `${dayLabel(d.day)}: ${plural(total(d), "story", "stories")} (${d.first} first, ${plural(d.update, "update")}, ${plural(d.duplicate, "duplicate")})`;
}

export function legend(items: [className: string, label: string][]): Fragment {
  return html`<ul class="legend">${items.map(([c, label]) => html`<li>${swatch(c)}${label}</li>`)}</ul>`;
}

/** Stacked bars per day: first reports, updates, duplicates. */
export function dailyChart(days: readonly DayCount[], id: string, caption: string): Fragment {
  const width = 720;
  const height = 200;
  const left = 36;
  const bottom = 24;
  const top = 10;
  const plotW = width - left - 8;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(0, ...days.map(total)));
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(2, Math.min(28, slot * 0.72));
  const y = (n: number) => top + plotH - (n / max) * plotH;
  const labelEvery = Math.ceil(days.length / 8);
  const ticks = max === 1 ? [0, 1] : [0, max / 2, max];
  return html`<figure class="chart-figure">
    <svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title">
      <title id="${id}-title">${caption}</title>
      ${ticks.map(
        (t) =>
          html`<line class="axis" x1="${left}" x2="${width - 8}" y1="${round1(y(t))}" y2="${round1(y(t))}"></line><text x="${left - 6}" y="${round1(y(t) + 4)}" text-anchor="end">${t}</text>`,
      )}
      ${days.map((d, i) => {
        const x = round1(left + i * slot + (slot - barW) / 2);
        let base = 0;
        const bars = RELATIONS.map((r) => {
          const n = d[r];
          if (n === 0) return html``;
          const bar = html`<rect class="${r}" x="${x}" y="${round1(y(base + n))}" width="${round1(barW)}" height="${round1((n / max) * plotH)}"></rect>`;
          base += n;
          return bar;
        });
        const label =
          i % labelEvery === 0
            ? html`<text x="${round1(x + barW / 2)}" y="${height - 6}" text-anchor="middle">${dayLabel(d.day)}</text>`
            : "";
        return html`<g><title>${dayTooltip(d)}</title><rect x="${round1(left + i * slot)}" y="${top}" width="${round1(slot)}" height="${plotH}" fill="transparent"></rect>${bars}</g>${label}`;
      })}
    </svg>
    ${legend([
      ["first", "first report"],
      ["update", "update (new facts)"],
      ["duplicate", "duplicate (re-post)"],
    ])}
  </figure>`;
}

export function dailyTable(days: readonly DayCount[]): Fragment {
  const shown = days.filter((d) => total(d) > 0);
  return html`<details><summary>The numbers per day</summary>${
    shown.length === 0
      ? html`<p class="empty">No stories in this period.</p>`
      : html`<div class="table-wrap"><table>
      <thead><tr><th scope="col">Day (UTC)</th><th scope="col" class="num">Stories</th><th scope="col" class="num">First</th><th scope="col" class="num">Updates</th><th scope="col" class="num">Duplicates</th></tr></thead>
      <tbody>${shown.map(
        (d) =>
          html`<tr><th scope="row">${d.day}</th><td class="num">${total(d)}</td><td class="num">${d.first}</td><td class="num">${d.update}</td><td class="num">${d.duplicate}</td></tr>`,
      )}</tbody></table></div>`
  }</details>`;
}

/** The labels in the spread, most used first. */
export function spreadLabels(spread: FramingSpread): string[] {
  return Object.entries(spread.labels)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([label]) => label);
}

/** One 100% bar per outlet (the biggest `maxOutlets`), split by framing label. */
export function framingMixChart(spread: FramingSpread, id: string, caption: string, maxOutlets: number): Fragment {
  const outlets = spread.outlets.slice(0, maxOutlets);
  const labels = spreadLabels(spread);
  const width = 720;
  const nameW = 190;
  const countW = 60;
  const barW = width - nameW - countW;
  const rowH = 24;
  const height = outlets.length * rowH + 4;
  return html`<figure class="chart-figure">
    <svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title">
      <title id="${id}-title">${caption}</title>
      ${outlets.map((outlet, row) => {
        const y = row * rowH + 4;
        let x = nameW;
        const segments = labels.map((label) => {
          const n = outlet.labels[label] ?? 0;
          if (n === 0) return html``;
          const w = (n / outlet.stories) * barW;
          const seg = html`<rect class="seg ${labelClass(label)}" x="${round1(x)}" y="${y}" width="${round1(w)}" height="${rowH - 8}"><title>${outlet.source}: ${label}, ${n} of ${plural(outlet.stories, "story", "stories")}</title></rect>`;
          x += w;
          return seg;
        });
        return html`<text class="outlet" x="${nameW - 8}" y="${y + 12}" text-anchor="end">${clip(outlet.source, 28)}</text>
          <rect x="${nameW}" y="${y}" width="${barW}" height="${rowH - 8}" fill="transparent" stroke="currentColor" stroke-opacity="0.2"></rect>
          ${segments}
          <text x="${width - countW + 6}" y="${y + 12}">${outlet.stories}</text>`;
      })}
    </svg>
    ${legend(labels.map((l) => [labelClass(l), l]))}
  </figure>`;
}

export function framingTable(spread: FramingSpread): Fragment {
  const labels = spreadLabels(spread);
  return html`<details><summary>The numbers per outlet</summary><div class="table-wrap"><table>
    <thead><tr><th scope="col">Outlet</th><th scope="col" class="num">Stories</th>${labels.map((l) => html`<th scope="col" class="num">${l}</th>`)}</tr></thead>
    <tbody>${spread.outlets.map(
      (o) =>
        html`<tr><th scope="row">${o.source}</th><td class="num">${o.stories}</td>${labels.map((l) => html`<td class="num">${o.labels[l] ?? 0}</td>`)}</tr>`,
    )}</tbody>
  </table></div></details>`;
}
