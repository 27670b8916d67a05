/**
 * Feed-format-neutral items -> FeedItem: plain-text title, sanitized body HTML, canonical URL, stable key,
 * ISO date; items without any content are skipped with a reason, and duplicate keys keep the first.
 */
import { createHash } from "node:crypto";
import { htmlToLine } from "../article/html-to-paragraphs.ts";
import type { FeedItem, SkippedItem } from "../types.ts";
import { parseFeedDate } from "./date.ts";
import { collapseWhitespace, sanitizeHtml, textToHtml } from "./html.ts";
import { canonicalizeUrl, isHttpUrl } from "./url.ts";

/** A text field with its kind: Atom/JSON say whether text is HTML; RSS text is treated as HTML. */
export interface TextValue {
  value: string;
  type: "text" | "html";
}

/** One item as a format reader extracted it, before normalization. */
export interface RawItem {
  /** guid / id / rdf:about / JSON id, untrimmed. */
  guid: string | null;
  /** Absolute http(s) URL already resolved against the feed URL and xml:base, or null. */
  url: string | null;
  title: TextValue | null;
  /** The richest body the item carries. */
  body: TextValue | null;
  /** A separate shorter text, only when `body` came from a richer field. */
  summary: TextValue | null;
  author: string | null;
  /** Date candidates, most preferred first (published before updated). */
  dates: (string | null)[];
  language: string | null;
}

export interface BuiltItems {
  items: FeedItem[];
  skipped: SkippedItem[];
}

/** BCP 47-ish language tag in lowercase ("en_US" -> "en-us"), or null when it does not look like one. */
export function normalizeLanguage(value: string | null | undefined): string | null {
  const tag = value?.trim().replace(/_/g, "-").toLowerCase();
  return tag && /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/.test(tag) ? tag : null;
}

/** Body HTML before sanitizing: text bodies become escaped paragraphs. */
function bodyHtml(body: TextValue | null): string {
  if (!body) return "";
  return (body.type === "html" ? body.value : textToHtml(body.value)).trim();
}

/**
 * The one cleaning rule for every text field of an item and of the feed (title, summary, author): read as HTML
 * whatever the feed claims (feeds put entities and markup in "text" fields), tags stripped, entities decoded,
 * and text that still holds tags after decoding (escaped twice) read once more, so markup never survives as
 * text in one field while another drops it.
 */
export function plainText(value: TextValue | string | null | undefined): string {
  if (!value) return "";
  return htmlToLine(typeof value === "string" ? value : value.value);
}

/** A hash of the item's title and content: the key of an item without guid and link. */
function contentKey(title: string, contentHtml: string): string {
  const digest = createHash("sha256")
    .update(`${title}\n${collapseWhitespace(contentHtml)}`)
    .digest("hex");
  return `sha256:${digest}`;
}

function hasText(value: TextValue | null): boolean {
  return value !== null && value.value.trim() !== "";
}

/**
 * An item of a feed, keyed but not yet normalized: the key (guid, else canonical link, else a hash of title and
 * content) costs next to nothing, so a caller can drop the items it already has before paying for the rest
 * (finishEntry).
 */
export interface FeedEntry {
  key: string;
  /** Canonical article URL, or null. */
  url: string | null;
  raw: RawItem;
}

/** Key items in document order; unreadable or empty ones and repeated keys go to `skipped`. */
export function keyEntries(raws: (RawItem | { skip: string })[]): { entries: FeedEntry[]; skipped: SkippedItem[] } {
  const entries: FeedEntry[] = [];
  const skipped: SkippedItem[] = [];
  const seen = new Set<string>();
  raws.forEach((raw, index) => {
    const position = `Item ${index + 1}`;
    if ("skip" in raw) {
      skipped.push({ reason: `${position} was skipped: ${raw.skip}`, kind: "unreadable" });
      return;
    }
    const url = raw.url ? canonicalizeUrl(raw.url) : null;
    const guid = raw.guid?.trim();
    let key: string | null = null;
    if (guid) key = (/^https?:\/\//i.test(guid) && isHttpUrl(guid) ? canonicalizeUrl(guid) : null) ?? guid;
    if (!hasText(raw.title) && !url && !hasText(raw.body) && !hasText(raw.summary)) {
      skipped.push({ reason: `${position} was skipped: it has no title, link or content`, kind: "empty" });
      return;
    }
    key ??= url ?? contentKey(plainText(raw.title), bodyHtml(raw.body));
    if (seen.has(key)) {
      skipped.push({
        reason: `${position} was skipped: it repeats the key of an earlier item (${key})`,
        kind: "duplicate",
      });
      return;
    }
    seen.add(key);
    entries.push({ key, url, raw });
  });
  return { entries, skipped };
}

export interface FinishOptions {
  /** Sanitize the body HTML (default true); false leaves it as the feed wrote it (see FeedDocument.finish). */
  sanitize?: boolean;
}

/** The normalized FeedItem of a keyed entry: plain-text title and summary, sanitized body, date, author, language. */
export function finishEntry(
  entry: FeedEntry,
  feedLanguage: string | null,
  feedAuthor: string | null,
  options: FinishOptions = {},
): FeedItem {
  const { raw } = entry;
  const publishedAt = entryPublishedAt(entry);
  return {
    key: entry.key,
    url: entry.url,
    title: plainText(raw.title),
    contentHtml: options.sanitize === false ? bodyHtml(raw.body) : sanitizeHtml(bodyHtml(raw.body)),
    summary: plainText(raw.summary),
    author: plainText(raw.author) || feedAuthor || null,
    publishedAt,
    language: normalizeLanguage(raw.language) ?? feedLanguage,
  };
}

/** The entry's publication date (ISO 8601 UTC): its first date candidate that parses, else null. */
export function entryPublishedAt(entry: FeedEntry): string | null {
  for (const candidate of entry.raw.dates) {
    const date = parseFeedDate(candidate);
    if (date) return date;
  }
  return null;
}

/** Normalize raw items in order; unreadable or empty ones and repeated keys go to `skipped`. */
export function buildItems(
  raws: (RawItem | { skip: string })[],
  feedLanguage: string | null,
  feedAuthor: string | null = null,
): BuiltItems {
  const { entries, skipped } = keyEntries(raws);
  return { items: entries.map((entry) => finishEntry(entry, feedLanguage, feedAuthor)), skipped };
}

/** A whole feed as a format reader extracted it. */
export interface RawFeed {
  format: "rss" | "atom" | "json";
  /** Feed title as text or HTML (made plain later). */
  title: TextValue | null;
  /** Site link, absolute http(s), or null. */
  link: string | null;
  language: string | null;
  ttlMinutes: number | null;
  /** Author to use for items that name none. */
  author: string | null;
  /** Items in document order; `{ skip }` marks one that could not be read at all. */
  items: (RawItem | { skip: string })[];
  /** Items dropped by the item cap. */
  itemsOverCap: number;
}

/** "jane@example.com (Jane Doe)" / "Jane Doe <jane@example.com>" -> "Jane Doe"; anything else unchanged. */
export function personName(value: string): string {
  const trimmed = value.trim();
  const parenthesised = /^\S+@\S+\s*\((.+)\)$/.exec(trimmed);
  if (parenthesised?.[1]) return parenthesised[1].trim();
  const angled = /^(.+?)\s*<[^<>@\s]+@[^<>\s]+>$/.exec(trimmed);
  return angled?.[1] ? angled[1].trim() : trimmed;
}
