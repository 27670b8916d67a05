/**
 * RSS / Atom text -> RawFeed in one clear pass: xml-repair.ts walks the text once and writes well-formed XML
 * (caps, refusals and repairs included), rss-parser's parseString (never parseURL) reads that once, and
 * rss-atom.ts maps its output. rss-parser never sees a document it could reject, so no item is lost to
 * another item's broken XML.
 */
import Parser from "rss-parser";
import { feedDateMillis } from "./date.ts";
import { describeInput, FeedError, NotAFeedError } from "./errors.ts";
import type { RawFeed } from "./item.ts";
import { RSS_PARSER_OPTIONS, readXmlFeed } from "./rss-atom.ts";
import { isRepairedXml, type NotFeedRoot, type RepairLimits, repairXml, type XmlRepair } from "./xml-repair.ts";

type ParserOutput = { items?: unknown[] } & Record<string, unknown>;

/** One parser for every document: rss-parser resets its xml2js parser between parseString calls. */
let parser: Parser<Record<string, unknown>, Record<string, unknown>> | null = null;

async function runRssParser(xml: string): Promise<ParserOutput> {
  parser ??= new Parser(
    RSS_PARSER_OPTIONS as unknown as Parser.ParserOptions<Record<string, unknown>, Record<string, unknown>>,
  );
  try {
    return (await parser.parseString(xml)) as unknown as ParserOutput;
  } catch (error) {
    // A failed parse can leave xml2js's parser mid-document: start the next one on a fresh parser.
    parser = null;
    throw error;
  }
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

export interface XmlFeedResult extends RawFeed {
  repairs: XmlRepair[];
  /** Items dropped because the document ended inside them. */
  itemsCutOff: number;
}

/**
 * Parse an RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 document starting at `start` (the first "<").
 * Returns the root it found instead when that root is not a feed's; throws FeedError for refusals.
 */
export async function parseXmlFeed(
  text: string,
  start: number,
  feedUrl: string | null,
  limits: RepairLimits,
): Promise<XmlFeedResult | NotFeedRoot> {
  const repaired = repairXml(text, start, feedUrl, limits, feedDateMillis);
  if (!isRepairedXml(repaired)) return repaired;
  if (repaired.format !== "atom" && !repaired.hasChannel) {
    const root = repaired.format === "rss" ? "rss" : "rdf:RDF";
    throw new NotAFeedError(
      `${describeInput(feedUrl)} is not an RSS, Atom or JSON Feed document: it has an <${root}> element but no <channel>, so it carries no feed.`,
    );
  }
  let output: ParserOutput;
  try {
    output = await runRssParser(repaired.xml);
  } catch (error) {
    if (isStackOverflow(error)) {
      throw new FeedError(
        "too-deep",
        `${describeInput(feedUrl)} nests elements too deeply to be read safely; it was refused.`,
      );
    }
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0]?.slice(0, 120);
    throw new FeedError(
      "malformed",
      `${describeInput(feedUrl)} looks like a feed but could not be read even after repair (${reason}). The publisher's feed is broken: try again later or tell them.`,
    );
  }
  const count = output.items?.length ?? 0;
  const bodies = count === repaired.items.length ? repaired.items.map((item) => item.xhtml) : [];
  const feed = readXmlFeed(output, bodies, {
    format: repaired.format === "atom" ? "atom" : "rss",
    feedUrl,
    rootAttributes: repaired.rootAttributes,
  });
  return {
    ...feed,
    itemsOverCap: repaired.itemsOverCap,
    repairs: [...repaired.repairs],
    itemsCutOff: repaired.itemsCutOff,
  };
}
