/**
 * Feed text -> ParsedFeed: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through rss-parser, JSON Feed 1.0/1.1 directly.
 * Size and item caps apply before parsing; anything that is not a feed is a NotAFeedError that says what
 * it looks like instead; every other refusal is a FeedError with a code. Nothing here does I/O.
 */
import type { ParsedFeed } from "../types.ts";
import { DEFAULT_MAX_FEED_CHARS, DEFAULT_MAX_FEED_ITEMS, DEFAULT_MAX_XML_DEPTH } from "./constants.ts";
import { describeInput, FeedError, NotAFeedError } from "./errors.ts";
import { htmlToText } from "./html.ts";
import { buildItems, normalizeLanguage, type RawFeed } from "./item.ts";
import { parseJsonFeed } from "./json-feed.ts";
import { canonicalizeUrl } from "./url.ts";
import { parseXmlFeed } from "./xml-feed.ts";
import { scanProlog } from "./xml-scan.ts";

export interface ParseFeedOptions {
  /** Largest document accepted, in characters. Default DEFAULT_MAX_FEED_CHARS (10 MiB). */
  maxChars?: number;
  /** Items kept (the first ones in document order); the rest are counted in itemsOverCap. Default 500. */
  maxItems?: number;
  /** Deepest element nesting accepted. Default DEFAULT_MAX_XML_DEPTH (512). */
  maxDepth?: number;
}

const FEED_ROOTS = new Set(["rss", "rdf:RDF", "feed"]);

function notAFeed(feedUrl: string | null, looksLike: string): NotAFeedError {
  return new NotAFeedError(
    `${describeInput(feedUrl)} is not an RSS, Atom or JSON Feed document: ${looksLike}. Check that the URL points to the feed itself (often linked as "RSS" on the site).`,
  );
}

const HTML_ROOTS = new Set(["html", "head", "body", "div", "p", "title", "meta", "script", "span", "table", "a"]);

/**
 * An XML declaration may only open a document, so text before one is junk a server prepended (PHP
 * warnings, stray whitespace or bytes): drop it. Only the first 64 KiB are searched.
 */
function dropJunkBeforeXmlDeclaration(text: string): string {
  const declaration = text.slice(0, 65_536).search(/<\?xml\s/);
  return declaration > 0 ? text.slice(declaration) : text;
}

/** Read the document's kind from its first characters and root element, refusing what is not a feed. */
async function readRaw(whole: string, feedUrl: string | null, options: Required<ParseFeedOptions>): Promise<RawFeed> {
  const text = dropJunkBeforeXmlDeclaration(whole);
  const start = text.search(/\S/);
  if (start < 0) throw notAFeed(feedUrl, "it is empty");
  const first = text[start];
  if (first === "{" || first === "[") return parseJsonFeed(text, feedUrl, options.maxItems);
  if (first !== "<") {
    throw notAFeed(
      feedUrl,
      /<html[\s>]/i.test(text.slice(0, 4096)) ? "it looks like an HTML page" : "it looks like plain text",
    );
  }
  const prolog = scanProlog(text, feedUrl);
  const root = prolog.root;
  const isHtmlDoctype = prolog.doctype !== null && /^<!doctype\s+html/i.test(prolog.doctype);
  if (isHtmlDoctype || (root && HTML_ROOTS.has(root.name.toLowerCase()))) {
    throw notAFeed(feedUrl, "it looks like an HTML page");
  }
  if (!root) throw notAFeed(feedUrl, "it has no root element");
  if (!FEED_ROOTS.has(root.name)) {
    const name = root.name.slice(0, 64);
    throw notAFeed(feedUrl, `it is an XML document whose root element is <${name}>, not <rss>, <rdf:RDF> or <feed>`);
  }
  if (prolog.textBeforeRoot) throw notAFeed(feedUrl, "it has text before its root element, so it is not XML");
  return parseXmlFeed(text, root, feedUrl, { maxItems: options.maxItems, maxDepth: options.maxDepth });
}

/**
 * Parse a decoded feed document (see decodeFeedBytes). `feedUrl` (where it was fetched from) resolves
 * relative links and names the feed in error messages.
 * @throws NotAFeedError when the text is not a feed; FeedError ("too-large", "dtd-refused", "too-deep",
 *   "malformed") when it cannot be read safely.
 */
export async function parseFeed(
  text: string,
  feedUrl?: string | null,
  opts: ParseFeedOptions = {},
): Promise<ParsedFeed> {
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
  const { items, skipped } = buildItems(raw.items, language, raw.author);
  return {
    format: raw.format,
    title: raw.title ? htmlToText(raw.title.value) : "",
    link: raw.link ? canonicalizeUrl(raw.link) : null,
    language,
    ttlMinutes: raw.ttlMinutes,
    items,
    skipped,
    itemsOverCap: raw.itemsOverCap,
  };
}
