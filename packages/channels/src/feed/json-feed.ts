/** JSON Feed 1.1 of a list of alerts: content_text only (never content_html), stable ids, an _storywire extension. */
import type { Alert } from "@storywire/core";
import { JSON_FEED_VERSION } from "../constants.ts";
import { alertPlainText } from "../text/format.ts";
import { alertUrn, entrySummary, type FeedOptions, feedEntries, feedUrl } from "./entries.ts";

export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_text: string;
  summary: string;
  date_published: string;
  date_modified: string;
  authors: { name: string }[];
  tags: string[];
  _storywire: Pick<Alert, "storyline" | "relation" | "score" | "framing" | "novel" | "links"> & { storyId: string };
}

export interface JsonFeed {
  version: string;
  title: string;
  home_page_url?: string;
  feed_url: string;
  authors: { name: string }[];
  items: JsonFeedItem[];
}

export function jsonFeed(options: FeedOptions): JsonFeed {
  const feed: JsonFeed = {
    version: JSON_FEED_VERSION,
    title: options.title,
    feed_url: feedUrl(options.selfUrl, "selfUrl"),
    authors: [{ name: "Storywire" }],
    items: feedEntries(options.alerts).map(jsonFeedItem),
  };
  if (options.homePageUrl !== undefined) feed.home_page_url = feedUrl(options.homePageUrl, "homePageUrl");
  return feed;
}

/** The JSON Feed document as text (serve with JSON_FEED_CONTENT_TYPE). */
export function renderJsonFeed(options: FeedOptions): string {
  return `${JSON.stringify(jsonFeed(options), null, 2)}\n`;
}

function jsonFeedItem(alert: Alert): JsonFeedItem {
  return {
    id: alertUrn(alert),
    url: alert.story.url ?? alert.links.story,
    title: alert.story.title,
    content_text: alertPlainText(alert),
    summary: entrySummary(alert),
    date_published: alert.story.publishedAt ?? alert.createdAt,
    date_modified: alert.createdAt,
    authors: [{ name: alert.story.source }],
    tags: [alert.storyline.id, alert.relation],
    _storywire: {
      storyId: alert.story.id,
      storyline: alert.storyline,
      relation: alert.relation,
      score: alert.score,
      framing: alert.framing,
      novel: alert.novel,
      links: alert.links,
    },
  };
}
