/**
 * A feed's health as a table row: status, errors and the last HTTP status, the last error, when it was last checked
 * and when it is checked next. The feeds page adds a pause / resume button per row; the overview lists only the
 * feeds that need attention.
 */
import type { Feed } from "@storywire/core";
import { html } from "hono/html";
import { plural } from "../format.ts";
import { type Fragment, outsideLink, timeTag } from "../fragments.ts";
import { storiesHref } from "../links.ts";
import { hostOf } from "../safe-url.ts";

/** A feed that is not fetched: paused by the user (PATCH /feeds/{id}) or disabled; resuming makes it due again. */
export function isPaused(feed: Feed): boolean {
  return feed.status === "paused" || feed.status === "disabled";
}

export function feedName(feed: Feed): string {
  return feed.title || hostOf(feed.url) || feed.url;
}

function statusCell(feed: Feed): Fragment {
  const details: string[] = [];
  if (feed.errorCount > 0) details.push(plural(feed.errorCount, "error"));
  if (feed.lastStatus !== null) details.push(`HTTP ${feed.lastStatus}`);
  return html`<span class="badge ${feed.status}">${feed.status}</span>
    ${details.length > 0 ? html` <span class="sub">${details.join(" · ")}</span>` : ""}
    ${feed.status !== "active" && feed.lastError ? html`<span class="lasterror">${feed.lastError}</span>` : ""}`;
}

function toggleButton(feed: Feed): Fragment {
  const paused = isPaused(feed);
  return html`<button type="button" class="secondary" data-feed-toggle data-feed-id="${feed.id}"
    data-feed-name="${feedName(feed)}" data-paused="${paused ? "true" : "false"}" disabled
    aria-label="${paused ? "Resume" : "Pause"} ${feedName(feed)}">${paused ? "Resume" : "Pause"}</button>`;
}

function feedRow(feed: Feed, now: Date, actions: boolean): Fragment {
  return html`<tr data-feed-id="${feed.id}">
    <th scope="row"><a href="${storiesHref({ feed: feed.id })}">${feedName(feed)}</a></th>
    <td class="url">${outsideLink(feed.url, feed.url)}</td>
    <td>${statusCell(feed)}</td>
    <td class="nowrap">${timeTag(feed.lastCheckedAt, now)}</td>
    <td class="nowrap">${isPaused(feed) ? html`<span class="sub">not scheduled</span>` : timeTag(feed.nextCheckAt, now)}</td>
    ${actions ? html`<td>${toggleButton(feed)}</td>` : ""}
  </tr>`;
}

export function feedTable(feeds: readonly Feed[], now: Date, options: { actions: boolean }): Fragment {
  return html`<div class="table-wrap"><table>
    <thead><tr><th scope="col">Feed</th><th scope="col">URL</th><th scope="col">Health</th><th scope="col">Last checked</th><th scope="col">Next check</th>${
      options.actions ? html`<th scope="col">Action</th>` : ""
    }</tr></thead>
    <tbody>${feeds.map((f) => feedRow(f, now, options.actions))}</tbody>
  </table></div>`;
}

/** "12 feeds: 10 active, 1 failing, 1 disabled". */
export function feedCounts(feeds: readonly Feed[]): string {
  const counts = new Map<string, number>();
  for (const feed of feeds) counts.set(feed.status, (counts.get(feed.status) ?? 0) + 1);
  const parts = ["active", "failing", "disabled"].filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`);
  return `${plural(feeds.length, "feed")}${parts.length > 0 ? `: ${parts.join(", ")}` : ""}`;
}
