/**
 * The domain types every package shares. Pure data: no I/O, no classes.
 * A Story is the "normalized" shape of ../shared/seeds: title + paragraphs, plus metadata.
 */

/** One item as the feed parser returns it, before normalization. */
export interface FeedItem {
  /** Stable identity within the feed: guid, else canonical link, else "sha256:" + hash of title + content. */
  key: string;
  /** Absolute, canonical http(s) URL of the article, or null when the item has none. */
  url: string | null;
  /** Plain-text title (entities decoded, tags stripped), "" when the item has none. */
  title: string;
  /** Raw HTML (or text) of the richest body the item carries: content:encoded / content / content_html / description. */
  contentHtml: string;
  /** Plain-text summary when the feed gives a separate one. */
  summary: string;
  author: string | null;
  /** ISO 8601 UTC, or null when absent or unparseable. */
  publishedAt: string | null;
  /** Language hint from the feed (xml:lang, <language>), or null. */
  language: string | null;
}

export interface ParsedFeed {
  /** "rss" (0.9x/1.0/2.0), "atom" (0.3/1.0) or "json" (JSON Feed 1.0/1.1). */
  format: "rss" | "atom" | "json";
  title: string;
  /** Site link of the feed (not the feed URL), absolute, or null. */
  link: string | null;
  language: string | null;
  /** <ttl> in minutes when the feed states one. */
  ttlMinutes: number | null;
  items: FeedItem[];
  /** Items the document held that are not in `items`, each with a sentence and its kind. */
  skipped: SkippedItem[];
  /** Items beyond the parser's item cap, dropped before parsing (the newest ones are kept). */
  itemsOverCap?: number;
  /** What the forgiving reader repaired in the document (README "Forgiving ingest"); [] when nothing. */
  repairs?: FeedRepair[];
}

/**
 * A repair the feed reader made: invalid bytes under the declared encoding became U+FFFD, junk before the root
 * was ignored, undefined entities kept as text, bare "&" escaped, broken attributes rewritten, namespace prefixes
 * read by their namespace, mis-nested or unclosed elements closed, a cut-off document closed, Atom dates or text
 * links rss-parser would reject defused; in JSON, commas, strings, comments and syntax read past, text after the
 * document ignored.
 */
export type FeedRepair =
  | "invalid-bytes"
  | "junk-before-root"
  | "undefined-entities"
  | "bare-ampersands"
  | "attributes"
  | "namespaces"
  | "nesting"
  | "truncated"
  | "unreadable-dates"
  | "text-links"
  // JSON Feed (feed/json-repair.ts); a cut-off JSON document is "truncated" too.
  | "json-commas"
  | "json-strings"
  | "json-comments"
  | "json-syntax"
  | "junk-after-root";

/** Why an item of a feed did not become a story. */
export type SkipReason = "overCap" | "cutOff" | "empty" | "duplicate" | "unreadable" | "failed";

export interface SkippedItem {
  /** A sentence: "Item 3 was skipped: it has no title, link or content". */
  reason: string;
  kind: Exclude<SkipReason, "overCap" | "failed">;
}

/** What one check of a feed did with the items of the document it fetched. */
export interface FeedItemCounts {
  /** Items in the document (all of them, also those over the cap). */
  total: number;
  /** Items stored as new stories in this check. */
  stored: number;
  /** Items already stored by an earlier check (nothing is done for them). */
  known: number;
  /** Items not turned into a story, by reason (every item is total = stored + known + the sum of these). */
  skipped: Record<SkipReason, number>;
  /** Linked pages fetched for summary-only new items, and what became of them (absent when none was fetched). */
  fullText?: FullTextCounts;
}

/** The full-text step of one check: pages fetched = extracted + notArticle + failed. */
export interface FullTextCounts {
  fetched: number;
  /** The article was extracted and became the story's text. */
  extracted: number;
  /** Not an article page (a feed, XML, JSON, a PDF, an image...): skipped, the story keeps the feed's text. */
  notArticle: number;
  /** The page could not be fetched, or had no article in it. */
  failed: number;
}

export interface Evidence {
  /** The cue phrase (or rule) that matched. */
  cue: string;
  /** The sentence it matched in. */
  sentence: string;
  /** Where: "title", "lead" or "body". */
  where?: "title" | "lead" | "body";
  weight?: number;
}

export interface StorylineScore {
  id: string;
  score: number; // 0..1
  matched: boolean; // score >= the storyline's threshold and gates satisfied
  evidence: Evidence[];
}

export interface FramingDimension {
  value: number; // 0..1 (stance: -1..1)
  evidence: string[];
}

export interface Framing {
  sourcing: {
    anonymous: number;
    kremlin: number; // Kremlin officials and Russian state media
    russianStateMedia: number;
    ukrainian: number;
    western: number;
    analysts: number;
    otherNamed: number;
    evidence: Record<string, string[]>;
  };
  stance: FramingDimension; // -1 aggressor .. +1 peacemaker/defensive
  naming: FramingDimension & { russian: number; ukrainian: number; lean: "russian" | "ukrainian" | "neutral" };
  loaded: FramingDimension;
  hedging: FramingDimension;
  contrast: FramingDimension;
  frame: { dominant: string; scores: Record<string, number> };
  label: string;
  labelRule: string;
  summary: string; // one line
}

export type Relation = "first" | "update" | "duplicate";

export interface Story {
  /** 16 lowercase hex characters derived from the item key (and feed). */
  id: string;
  key: string;
  feedId: string | null;
  title: string;
  /** Paragraphs joined by blank lines. */
  text: string;
  url: string | null;
  /** Feed title or domain. */
  source: string;
  author: string | null;
  language: string | null;
  publishedAt: string | null;
  fetchedAt: string;
  storylines?: StorylineScore[];
  framing?: Framing;
  /** Fingerprint for near-duplicate detection (hex SimHash or MinHash signature). */
  fingerprint?: string;
  eventId?: string | null;
  relation?: Relation | null;
  /** For updates: the sentences that are new relative to the event. */
  novel?: string[];
}

/** A feed the user watches, with its fetch state. */
export interface Feed {
  /** 16 hex characters derived from the canonical URL. */
  id: string;
  url: string;
  title: string | null;
  createdAt: string;
  /** "active" | "failing" (errors, backing off) | "disabled" (410) | "paused" (by the user: not fetched until resumed). */
  status: "active" | "failing" | "disabled" | "paused";
  etag: string | null;
  lastModified: string | null;
  lastCheckedAt: string | null;
  nextCheckAt: string;
  errorCount: number;
  lastError: string | null;
  lastStatus: number | null;
  /** What the last successful check did with the document's items; absent on feeds not checked since. */
  lastItems?: FeedItemCounts | null;
  /** What the reader repaired in the last document fetched ([] when it was well-formed); absent until checked. */
  repairs?: FeedRepair[] | null;
  /** The user's folder (category) for it: an OPML import's enclosing outline, or PATCH; null or absent: none. */
  folder?: string | null;
}
