/** JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1) -> RawFeed, read directly without a library. */
import { JSON_FEED_VERSION_PREFIXES } from "./constants.ts";
import { feedDateMillis } from "./date.ts";
import { describeInput, FeedError, NotAFeedError } from "./errors.ts";
import type { RawFeed, RawItem, TextValue } from "./item.ts";
import { keepNewest } from "./item-cap.ts";
import { type JsonRepair, readJsonForgivingly, UnreadableValue } from "./json-repair.ts";
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

export interface JsonFeedResult extends RawFeed {
  repairs: JsonRepair[];
  /** Items dropped because the document ended inside them. */
  itemsCutOff: number;
}

/** The JSON value of the text: JSON.parse when it can, else read forgivingly (json-repair.ts). */
function readJson(json: string, maxDepth: number): { value: unknown; repairs: JsonRepair[]; cutOff: WeakSet<object> } {
  try {
    return { value: JSON.parse(json), repairs: [], cutOff: new WeakSet() };
  } catch {
    return readJsonForgivingly(json, maxDepth);
  }
}

function itemOf(item: unknown, base: string | null): RawItem | { skip: string } {
  if (item instanceof UnreadableValue) {
    return { skip: `its JSON cannot be read from character ${item.offset + 1} on (${item.reason})` };
  }
  return readItem(item, base);
}

/**
 * Parse JSON Feed text. JSON that JSON.parse refuses is read forgivingly: every complete item is kept, the item the
 * document was cut off in is counted in `itemsCutOff`, and what was repaired is in `repairs`.
 * NotAFeedError for JSON that is not a JSON Feed; FeedError when no JSON value could be read at all.
 */
export function parseJsonFeed(
  json: string,
  feedUrl: string | null,
  limits: { maxItems: number; maxDepth: number },
): JsonFeedResult {
  const { value, repairs, cutOff } = readJson(json, limits.maxDepth);
  if (value === undefined) {
    throw new FeedError(
      "malformed",
      `${describeInput(feedUrl)} starts like JSON but holds no JSON value that can be read, so it cannot be read as a JSON Feed.`,
    );
  }
  if (!isJsonFeed(value)) {
    if (repairs.includes("truncated") && str(value, "version") === null) {
      throw new FeedError(
        "malformed",
        `${describeInput(feedUrl)} is JSON cut off before it says which kind of document it is (its "version"), so it cannot be read as a JSON Feed. Try again later, or tell the publisher.`,
      );
    }
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
  const { kept, dropped } = keepNewest(items, limits.maxItems, (item) =>
    feedDateMillis(str(item, "date_published") ?? str(item, "date_modified")),
  );
  return {
    format: "json",
    title: text(value, "title", "text"),
    link: httpUrl(str(value, "home_page_url"), base),
    language: str(value, "language"),
    ttlMinutes: null,
    author: authors(value),
    items: kept.map((item) => itemOf(item, base)),
    itemsOverCap: dropped.length,
    repairs,
    itemsCutOff: Array.isArray(list) && cutOff.has(list) ? 1 : 0,
  };
}
