/**
 * RSS / Atom text -> RawFeed through rss-parser's parseString (never parseURL), made robust:
 * lexical checks first (DTDs, depth, item cap), then the whole document; if rss-parser rejects it, once more
 * with bare "&" escaped and unreadable Atom dates emptied; if that fails too, each item on its own inside
 * the feed's shell, so one broken item costs only itself.
 */
import Parser from "rss-parser";
import { MAX_ISOLATION_WORK_CHARS } from "./constants.ts";
import { describeInput, FeedError, NotAFeedError } from "./errors.ts";
import type { RawFeed, RawItem } from "./item.ts";
import { RSS_PARSER_OPTIONS, readXmlFeed, type XmlFeedContext } from "./rss-atom.ts";
import {
  atomTextLinksToHref,
  blankUnreadableAtomDates,
  type ItemSpan,
  repairAmpersands,
  scanBody,
  type XmlRoot,
} from "./xml-scan.ts";

export interface XmlParseLimits {
  maxItems: number;
  maxDepth: number;
}

type ParserOutput = { items?: unknown[] } & Record<string, unknown>;

/** One rss-parser run on its own parser instance (xml2js parsers keep state between documents). */
async function runRssParser(xml: string): Promise<ParserOutput> {
  const parser = new Parser(
    RSS_PARSER_OPTIONS as unknown as Parser.ParserOptions<Record<string, unknown>, Record<string, unknown>>,
  );
  return (await parser.parseString(xml)) as unknown as ParserOutput;
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * A short, single-line account of why the text was refused: the XML error and where (sax reports
 * "message\nLine: n\nColumn: n"), or what rss-parser tripped over.
 */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [first = "unknown error", ...rest] = message.split("\n");
  const line = /Line:\s*(\d+)/.exec(rest.join(" "));
  const column = /Column:\s*(\d+)/.exec(rest.join(" "));
  if (line && column) {
    return `not well-formed XML: ${first.trim().slice(0, 120)} at line ${Number(line[1]) + 1}, column ${Number(column[1]) + 1}`;
  }
  return `its structure is not what RSS or Atom prescribes: ${first.trim().slice(0, 120)}`;
}

function malformed(feedUrl: string | null, error: unknown): FeedError {
  return new FeedError(
    "malformed",
    `${describeInput(feedUrl)} looks like a feed but cannot be read (${describeParseError(error)}); no item could be read from it. The publisher's feed is broken: try again later or tell them.`,
  );
}

function tooDeep(feedUrl: string | null): FeedError {
  return new FeedError(
    "too-deep",
    `${describeInput(feedUrl)} nests elements too deeply to be read safely; it was refused.`,
  );
}

/** The source XML of each item when rss-parser saw exactly the items the scan found, else nulls. */
function itemElements(text: string, spans: ItemSpan[], count: number): (string | null)[] {
  if (spans.length !== count || spans.some((span) => span.end < 0)) return new Array(count).fill(null);
  return spans.map((span) => text.slice(span.start, span.end));
}

interface Attempt {
  text: string;
  spans: ItemSpan[];
}

/** Drop items beyond the cap from the text before any parsing. */
function applyItemCap(text: string, spans: ItemSpan[], maxItems: number): { attempt: Attempt; overCap: number } {
  const firstDropped = spans[maxItems];
  if (!firstDropped) return { attempt: { text, spans }, overCap: 0 };
  const lastEnd = spans.reduce((end, span, index) => (index >= maxItems ? Math.max(end, span.end) : end), -1);
  const tail = lastEnd > firstDropped.start ? text.slice(lastEnd) : "";
  return {
    attempt: { text: text.slice(0, firstDropped.start) + tail, spans: spans.slice(0, maxItems) },
    overCap: spans.length - maxItems,
  };
}

type Isolated = { skip: string } | { output: unknown; element: string };

/** Re-parse item by item inside the feed's shell (everything but the items). */
async function parseItemByItem(
  attempt: Attempt,
  feedUrl: string | null,
  firstError: unknown,
): Promise<{ output: ParserOutput; items: Isolated[] }> {
  const closed = attempt.spans.filter((span) => span.end >= 0);
  const first = closed[0];
  const last = closed[closed.length - 1];
  if (!first || !last) throw malformed(feedUrl, firstError);
  const head = attempt.text.slice(0, first.start);
  const tail = attempt.text.slice(last.end);
  if ((head.length + tail.length) * closed.length > MAX_ISOLATION_WORK_CHARS) throw malformed(feedUrl, firstError);
  let output: ParserOutput;
  try {
    output = await runRssParser(head + tail);
  } catch (error) {
    throw isStackOverflow(error) ? tooDeep(feedUrl) : malformed(feedUrl, error);
  }
  const items: Isolated[] = [];
  for (const span of attempt.spans) {
    if (span.end < 0) {
      items.push({ skip: "it is never closed" });
      continue;
    }
    const element = attempt.text.slice(span.start, span.end);
    try {
      const single = await runRssParser(head + element + tail);
      const item = single.items?.[0];
      items.push(item === undefined ? { skip: "rss-parser found no item in it" } : { output: item, element });
    } catch (error) {
      items.push({ skip: `it cannot be read (${describeParseError(error)})` });
    }
  }
  return { output, items };
}

/** Whole-document parse; rss-parser's errors propagate, except a stack overflow, which is "too-deep". */
async function parseWhole(attempt: Attempt, context: XmlFeedContext): Promise<Omit<RawFeed, "itemsOverCap">> {
  let output: ParserOutput;
  try {
    output = await runRssParser(attempt.text);
  } catch (error) {
    if (isStackOverflow(error)) throw tooDeep(context.feedUrl);
    throw error;
  }
  return readXmlFeed(output, itemElements(attempt.text, attempt.spans, output.items?.length ?? 0), context);
}

/** The text again with the usual breakages repaired, and its item spans; `attempt` itself when nothing changed. */
function repairedAttempt(
  attempt: Attempt,
  root: XmlRoot,
  itemTag: string,
  limits: XmlParseLimits,
  feedUrl: string | null,
): Attempt {
  let text = repairAmpersands(attempt.text);
  if (itemTag === "entry") text = atomTextLinksToHref(blankUnreadableAtomDates(text));
  return text === attempt.text
    ? attempt
    : { text, spans: scanBody(text, root, itemTag, limits.maxDepth, feedUrl).items };
}

/** Parse an RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 document whose root element is known. */
export async function parseXmlFeed(
  text: string,
  root: XmlRoot,
  feedUrl: string | null,
  limits: XmlParseLimits,
): Promise<RawFeed> {
  const format = root.name === "feed" ? "atom" : "rss";
  const itemTag = format === "atom" ? "entry" : "item";
  const scan = scanBody(text, root, itemTag, limits.maxDepth, feedUrl);
  if (format === "rss" && !scan.hasChannel) {
    throw new NotAFeedError(
      `${describeInput(feedUrl)} is not an RSS, Atom or JSON Feed document: it has an <${root.name}> element but no <channel>, so it carries no feed.`,
    );
  }
  const { attempt, overCap } = applyItemCap(text, scan.items, limits.maxItems);
  const context: XmlFeedContext = { format, feedUrl, rootAttributes: root.attributes };
  const capped = (feed: Omit<RawFeed, "itemsOverCap">): RawFeed => {
    // rss-parser may see items the lexical scan did not (odd nesting): the cap still holds.
    const extra = Math.max(0, feed.items.length - limits.maxItems);
    return { ...feed, items: feed.items.slice(0, limits.maxItems), itemsOverCap: overCap + extra };
  };

  let firstError: unknown;
  try {
    return capped(await parseWhole(attempt, context));
  } catch (error) {
    if (error instanceof FeedError) throw error;
    firstError = error;
  }
  const retry = repairedAttempt(attempt, root, itemTag, limits, feedUrl);
  if (retry !== attempt) {
    try {
      return capped(await parseWhole(retry, context));
    } catch (error) {
      if (error instanceof FeedError) throw error;
    }
  }

  const isolated = await parseItemByItem(retry, feedUrl, firstError);
  const parsed = isolated.items.filter((entry) => "output" in entry);
  const feed = readXmlFeed(
    { ...isolated.output, items: parsed.map((entry) => entry.output) },
    parsed.map((entry) => entry.element),
    context,
  );
  let next = 0;
  const items = isolated.items.map((entry): RawItem | { skip: string } =>
    "skip" in entry ? entry : (feed.items[next++] as RawItem),
  );
  return capped({ ...feed, items });
}
