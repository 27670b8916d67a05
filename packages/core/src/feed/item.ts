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

/** guid, else canonical link, else a hash of title and content. */
function itemKey(guid: string | null, url: string | null, title: string, contentHtml: string): string {
  const id = guid?.trim();
  if (id) return (isHttpUrl(id) ? canonicalizeUrl(id) : null) ?? id;
  if (url) return url;
  const digest = createHash("sha256")
    .update(`${title}\n${collapseWhitespace(contentHtml)}`)
    .digest("hex");
  return `sha256:${digest}`;
}

/** The cheap part of normalizing an item: enough to key it (and to tell that it is empty). */
interface KeyedItem {
  key: string;
  url: string | null;
  title: string;
  /** Unsanitized: sanitizing waits until the item is known not to be a duplicate. */
  bodyHtml: string;
  summary: string;
}

function keyItem(raw: RawItem): KeyedItem | string {
  const title = plainText(raw.title);
  const body = bodyHtml(raw.body);
  const summary = plainText(raw.summary);
  const url = raw.url ? canonicalizeUrl(raw.url) : null;
  if (!title && !url && !body && !summary) return "it has no title, link or content";
  return { key: itemKey(raw.guid, url, title, body), url, title, bodyHtml: body, summary };
}

function finishItem(keyed: KeyedItem, raw: RawItem, feedLanguage: string | null, feedAuthor: string | null): FeedItem {
  let publishedAt: string | null = null;
  for (const candidate of raw.dates) {
    publishedAt = parseFeedDate(candidate);
    if (publishedAt) break;
  }
  const author = plainText(raw.author) || feedAuthor;
  return {
    key: keyed.key,
    url: keyed.url,
    title: keyed.title,
    contentHtml: sanitizeHtml(keyed.bodyHtml),
    summary: keyed.summary,
    author: author || null,
    publishedAt,
    language: normalizeLanguage(raw.language) ?? feedLanguage,
  };
}

/** Normalize raw items in order; unreadable ones and repeated keys go to `skipped`. */
export function buildItems(
  raws: (RawItem | { skip: string })[],
  feedLanguage: string | null,
  feedAuthor: string | null = null,
): BuiltItems {
  const items: FeedItem[] = [];
  const skipped: SkippedItem[] = [];
  const seen = new Set<string>();
  raws.forEach((raw, index) => {
    const position = `Item ${index + 1}`;
    const keyed = "skip" in raw ? raw.skip : keyItem(raw);
    if (typeof keyed === "string") {
      skipped.push({ reason: `${position} was skipped: ${keyed}`, kind: "skip" in raw ? "unreadable" : "empty" });
    } else if (seen.has(keyed.key)) {
      skipped.push({
        reason: `${position} was skipped: it repeats the key of an earlier item (${keyed.key})`,
        kind: "duplicate",
      });
    } else if (!("skip" in raw)) {
      seen.add(keyed.key);
      items.push(finishItem(keyed, raw, feedLanguage, feedAuthor));
    }
  });
  return { items, skipped };
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
