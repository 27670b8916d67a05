/** JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1) -> RawFeed, read directly without a library. */
import { JSON_FEED_VERSION_PREFIXES } from "./constants.ts";
import { describeInput, FeedError, NotAFeedError } from "./errors.ts";
import type { RawFeed, RawItem, TextValue } from "./item.ts";
import { httpUrl } from "./url.ts";
import { own } from "./xml-node.ts";

function str(holder: unknown, key: string): string | null {
  const value = own(holder, key);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" && value.trim() ? value : null;
}

function text(holder: unknown, key: string, type: TextValue["type"]): TextValue | null {
  const value = str(holder, key);
  return value ? { value, type } : null;
}

/** JSON Feed 1.1 `authors` (array) or 1.0 `author` (object): the names, comma-separated. */
function authors(holder: unknown): string | null {
  const list = own(holder, "authors");
  const people = Array.isArray(list) ? list : [own(holder, "author")];
  const names = people.map((person) => str(person, "name")).filter((name): name is string => name !== null);
  return names.length > 0 ? names.join(", ") : null;
}

function readItem(item: unknown, base: string | null): RawItem | { skip: string } {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return { skip: "it is not a JSON object" };
  const html = text(item, "content_html", "html");
  const plain = text(item, "content_text", "text");
  const summary = text(item, "summary", "text");
  return {
    guid: str(item, "id"),
    url: httpUrl(str(item, "url"), base) ?? httpUrl(str(item, "external_url"), base),
    title: text(item, "title", "text"),
    body: html ?? plain ?? summary,
    summary: html || plain ? summary : null,
    author: authors(item),
    dates: [str(item, "date_published"), str(item, "date_modified")],
    language: str(item, "language"),
  };
}

/**
 * True when a parsed JSON value is a JSON Feed: its `version` starts with https://jsonfeed.org/version/.
 * A bare "1", "1.0" or "1.1" with an `items` list is accepted too (some generators, and gofeed's test
 * data, write the number alone).
 */
export function isJsonFeed(value: unknown): boolean {
  const version = str(value, "version");
  if (version === null) return false;
  if (JSON_FEED_VERSION_PREFIXES.some((prefix) => version.startsWith(prefix))) return true;
  return /^1(?:\.[01])?$/.test(version.trim()) && Array.isArray(own(value, "items"));
}

/** Parse JSON Feed text. NotAFeedError for JSON that is not a JSON Feed, FeedError for broken JSON. */
export function parseJsonFeed(json: string, feedUrl: string | null, maxItems: number): RawFeed {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : "syntax error";
    throw new FeedError(
      "malformed",
      `${describeInput(feedUrl)} starts like JSON but is not valid JSON (${reason}), so it cannot be read as a JSON Feed.`,
    );
  }
  if (!isJsonFeed(value)) {
    throw new NotAFeedError(
      `${describeInput(feedUrl)} is not an RSS, Atom or JSON Feed document: it is JSON without a "version" of "https://jsonfeed.org/version/1.1" (or 1), so it is some other API's data. Check that the URL points to the feed itself.`,
    );
  }
  const list = own(value, "items");
  if (list !== undefined && !Array.isArray(list)) {
    throw new FeedError(
      "malformed",
      `${describeInput(feedUrl)} is a JSON Feed whose "items" is not a list; nothing could be read.`,
    );
  }
  const items = Array.isArray(list) ? list : [];
  // Relative item URLs resolve against where the feed was really fetched from, else where it says it lives.
  const base = feedUrl ?? httpUrl(str(value, "feed_url"));
  return {
    format: "json",
    title: text(value, "title", "text"),
    link: httpUrl(str(value, "home_page_url"), base),
    language: str(value, "language"),
    ttlMinutes: null,
    author: authors(value),
    items: items.slice(0, maxItems).map((item) => readItem(item, base)),
    itemsOverCap: Math.max(0, items.length - maxItems),
  };
}
