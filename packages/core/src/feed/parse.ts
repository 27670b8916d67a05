/**
 * Feed text -> ParsedFeed: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through rss-parser, JSON Feed 1.0/1.1 directly.
 * Size and item caps apply before parsing; anything that is not a feed is a NotAFeedError that says what
 * it looks like instead; every other refusal is a FeedError with a code. Nothing here does I/O.
 */
import type { FeedItem, FeedRepair, ParsedFeed } from "../types.ts";
import { DEFAULT_MAX_FEED_CHARS, DEFAULT_MAX_FEED_ITEMS, DEFAULT_MAX_XML_DEPTH } from "./constants.ts";
import { decodeFeedBytes } from "./decode.ts";
import { describeInput, FeedError, NotAFeedError } from "./errors.ts";
import {
  type FeedEntry,
  type FinishOptions,
  finishEntry,
  keyEntries,
  normalizeLanguage,
  plainText,
  type RawFeed,
} from "./item.ts";
import { parseJsonFeed } from "./json-feed.ts";
import { canonicalizeUrl } from "./url.ts";
import { parseXmlFeed } from "./xml-feed.ts";

export interface ParseFeedOptions {
  /** Largest document accepted, in characters. Default DEFAULT_MAX_FEED_CHARS (10 MiB). */
  maxChars?: number;
  /** Items kept (the newest ones by date; undated ones in document order); the rest are counted in itemsOverCap. Default 500. */
  maxItems?: number;
  /** Deepest element nesting accepted. Default DEFAULT_MAX_XML_DEPTH (512). */
  maxDepth?: number;
}

function notAFeed(feedUrl: string | null, looksLike: string): NotAFeedError {
  return new NotAFeedError(
    `${describeInput(feedUrl)} is not an RSS, Atom or JSON Feed document: ${looksLike}. Check that the URL points to the feed itself (often linked as "RSS" on the site).`,
  );
}

const HTML_ROOTS = new Set(["html", "head", "body", "div", "p", "title", "meta", "script", "span", "table", "a"]);

/**
 * An XML declaration may only open a document, so text before one is junk a server prepended (PHP
 * warnings, stray whitespace or bytes): start there. Only the first 64 KiB are searched.
 */
function startOfDocument(text: string): number {
  const declaration = text.slice(0, 65_536).search(/<\?xml\s/);
  return Math.max(declaration, 0);
}

/** The opening of a JSON Feed whose first member is its version (as the spec's examples and most generators write it). */
const JSON_FEED_START = /\{\s*"version"\s*:\s*"https:\/\/jsonfeed\.org\/version\//;

/** The start tag of a feed's root element, under any prefix. */
const FEED_ROOT_START = /<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)[\s>]/;

type RawResult = RawFeed & { repairs: FeedRepair[]; itemsCutOff: number };

/** Read the document's kind from its first characters and root element, refusing what is not a feed. */
async function readRaw(text: string, feedUrl: string | null, options: Required<ParseFeedOptions>): Promise<RawResult> {
  const from = startOfDocument(text);
  const junk: FeedRepair[] = from > 0 && /\S/.test(text.slice(0, from)) ? ["junk-before-root"] : [];
  const start = text.slice(from).search(/\S/);
  if (start < 0) throw notAFeed(feedUrl, "it is empty");
  const first = text[from + start];
  if (first === "{" || first === "[") {
    const feed = parseJsonFeed(text.slice(from), feedUrl, options);
    return { ...feed, repairs: [...junk, ...feed.repairs] };
  }
  if (first !== "<") {
    // Text a server put before a JSON Feed (warnings, stray output): read from the feed's opening brace.
    const json = text.slice(from, from + 65_536).search(JSON_FEED_START);
    if (json > 0) {
      const feed = parseJsonFeed(text.slice(from + json), feedUrl, options);
      return { ...feed, repairs: ["junk-before-root", ...feed.repairs] };
    }
    // Text a server put before the feed without an XML declaration (warnings, stray output): skip to the root.
    const root = text.slice(from, from + 65_536).search(FEED_ROOT_START);
    if (root > 0) {
      const feed = await parseXmlFeed(text, from + root, feedUrl, {
        maxItems: options.maxItems,
        maxDepth: options.maxDepth,
      });
      if ("items" in feed) return { ...feed, repairs: ["junk-before-root", ...feed.repairs] };
    }
    throw notAFeed(
      feedUrl,
      /<html[\s>]/i.test(text.slice(0, 4096)) ? "it looks like an HTML page" : "it looks like plain text",
    );
  }
  const result = await parseXmlFeed(text, from + start, feedUrl, {
    maxItems: options.maxItems,
    maxDepth: options.maxDepth,
  });
  if ("items" in result) return { ...result, repairs: [...junk, ...result.repairs] };
  const { root, doctype } = result;
  const isHtmlDoctype = doctype !== null && /^<!doctype\s+html/i.test(doctype);
  if (isHtmlDoctype || (root && HTML_ROOTS.has(root.toLowerCase())))
    throw notAFeed(feedUrl, "it looks like an HTML page");
  if (!root) throw notAFeed(feedUrl, "it has no root element");
  throw notAFeed(
    feedUrl,
    `it is an XML document whose root element is <${root.slice(0, 64)}>, not <rss>, <rdf:RDF> or <feed>`,
  );
}

/** A feed document read and keyed, its items normalized only on request (see FeedEntry). */
export interface FeedDocument extends Omit<ParsedFeed, "items"> {
  /** The items, keyed, in document order (unreadable, empty and repeated ones are in `skipped`). */
  entries: FeedEntry[];
  /** The encoding the bytes were decoded with (openFeed only). */
  encoding?: string;
  /**
   * The normalized FeedItem of one of `entries`. With `{ sanitize: false }` contentHtml is the feed's HTML as it
   * is (for callers that only turn it into text, which drops everything active anyway): no DOM is built.
   */
  finish(entry: FeedEntry, options?: FinishOptions): FeedItem;
}

/**
 * Read a decoded feed document (see decodeFeedBytes) up to keyed entries. `feedUrl` (where it was fetched
 * from) resolves relative links and names the feed in error messages. Broken XML is repaired, not refused
 * (see xml-repair.ts); what was repaired is listed in `repairs`.
 * @throws NotAFeedError when the text is not a feed; FeedError ("too-large", "dtd-refused", "too-deep",
 *   "malformed") when it cannot be read safely.
 */
export async function readFeedDocument(
  text: string,
  feedUrl?: string | null,
  opts: ParseFeedOptions = {},
): Promise<FeedDocument> {
  const url = feedUrl ?? null;
  const options: Required<ParseFeedOptions> = {
    maxChars: opts.maxChars ?? DEFAULT_MAX_FEED_CHARS,
    maxItems: Math.max(0, opts.maxItems ?? DEFAULT_MAX_FEED_ITEMS),
    maxDepth: opts.maxDepth ?? DEFAULT_MAX_XML_DEPTH,
  };
  if (text.length > options.maxChars) {
    throw new FeedError(
      "too-large",
      `${describeInput(url)} is ${text.length} characters long, more than the ${options.maxChars} a feed may have; it was not parsed. Ask the publisher for a shorter feed, or raise the limit.`,
    );
  }
  const raw = await readRaw(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, url, options);
  const language = normalizeLanguage(raw.language);
  const author = plainText(raw.author) || null;
  const { entries, skipped } = keyEntries(raw.items);
  for (let i = 0; i < raw.itemsCutOff; i++) {
    skipped.push({
      reason: `Item ${raw.items.length + i + 1} was skipped: the document ends in the middle of it`,
      kind: "cutOff",
    });
  }
  return {
    format: raw.format,
    title: plainText(raw.title),
    link: raw.link ? canonicalizeUrl(raw.link) : null,
    language,
    ttlMinutes: raw.ttlMinutes,
    entries,
    skipped,
    itemsOverCap: raw.itemsOverCap,
    repairs: raw.repairs,
    finish: (entry, finishOptions) => finishEntry(entry, language, author, finishOptions),
  };
}

function finishAll({ entries, finish, encoding: _encoding, ...feed }: FeedDocument): ParsedFeed {
  return { ...feed, items: entries.map((entry) => finish(entry)) };
}

/**
 * Parse a decoded feed document (see decodeFeedBytes and readFeedDocument) into normalized items.
 * @throws NotAFeedError when the text is not a feed; FeedError ("too-large", "dtd-refused", "too-deep",
 *   "malformed") when it cannot be read safely.
 */
export async function parseFeed(
  text: string,
  feedUrl?: string | null,
  opts: ParseFeedOptions = {},
): Promise<ParsedFeed> {
  return finishAll(await readFeedDocument(text, feedUrl, opts));
}

/**
 * Bytes as fetched -> FeedDocument: decodeFeedBytes then readFeedDocument, with invalid bytes (replaced by
 * U+FFFD where they stood) listed among the repairs.
 */
export async function openFeed(
  bytes: Uint8Array,
  httpCharset: string | null | undefined,
  feedUrl?: string | null,
  opts: ParseFeedOptions = {},
): Promise<FeedDocument & { encoding: string }> {
  const decoded = decodeFeedBytes(bytes, httpCharset);
  const feed = await readFeedDocument(decoded.text, feedUrl, opts);
  const repairs: FeedRepair[] = feed.repairs ?? [];
  return {
    ...feed,
    repairs: decoded.invalidBytes > 0 ? ["invalid-bytes", ...repairs] : repairs,
    encoding: decoded.encoding,
  };
}

/** Bytes as fetched -> ParsedFeed (openFeed, every item normalized). */
export async function readFeedBytes(
  bytes: Uint8Array,
  httpCharset: string | null | undefined,
  feedUrl?: string | null,
  opts: ParseFeedOptions = {},
): Promise<ParsedFeed & { encoding: string }> {
  const document = await openFeed(bytes, httpCharset, feedUrl, opts);
  return { ...finishAll(document), encoding: document.encoding };
}
