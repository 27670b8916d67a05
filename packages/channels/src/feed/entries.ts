/** What both feed formats share: options, stable ids, ordering and the feed's `updated` time. */
import type { Alert } from "@storywire/core";
import { ChannelConfigError } from "../errors.ts";
import { relationLabel } from "../text/format.ts";

/** At most this many entries go into one feed document (newest first). */
export const FEED_MAX_ITEMS = 200;

export interface FeedOptions {
  title: string;
  /** The URL this document is served at (for a subscription: the unguessable token URL). */
  selfUrl: string;
  alerts: readonly Alert[];
  /** A page for humans (e.g. the dashboard), when there is one. */
  homePageUrl?: string;
  /** Feed-level updated time when there are no alerts; defaults to the newest alert's time. */
  updated?: string;
}

/** The entry id of an alert, stable across renders and formats. */
export function alertUrn(alert: Alert): string {
  return `urn:storywire:alert:${alert.id}`;
}

/** Alerts newest first, each alert once, at most FEED_MAX_ITEMS. */
export function feedEntries(alerts: readonly Alert[]): Alert[] {
  const byId = new Map<string, Alert>();
  for (const alert of alerts) if (!byId.has(alert.id)) byId.set(alert.id, alert);
  return [...byId.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).slice(0, FEED_MAX_ITEMS);
}

/** The feed's updated time: the newest entry's, else the given one, else the Unix epoch. */
export function feedUpdated(entries: readonly Alert[], updated: string | undefined): string {
  const newest = entries[0]?.createdAt ?? updated;
  const ms = newest === undefined ? 0 : Date.parse(newest);
  return new Date(Number.isFinite(ms) ? ms : 0).toISOString();
}

/** Checks a feed URL option is absolute http(s); the message names the option. */
export function feedUrl(value: string, option: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch {
    // reported below
  }
  throw new ChannelConfigError(`The feed's ${option} must be an absolute http(s) URL; got ${JSON.stringify(value)}.`);
}

/** "Update in <storyline>: <framing summary>" — one line for readers that show only summaries. */
export function entrySummary(alert: Alert): string {
  const lead = `${relationLabel(alert)} in ${alert.storyline.title}`;
  return alert.framing === null ? lead : `${lead}: ${alert.framing.summary}`;
}
