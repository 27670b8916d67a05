/**
 * rss-parser output -> RawFeed. rss-parser is asked to keep the raw xml2js nodes of the fields that matter
 * (custom fields with keepArray, stored under "sw:<name>"), because its own mapping drops attributes
 * (xml:base, xml:lang, isPermaLink, content types) and the order of XHTML text.
 */
import type { RawFeed, RawItem, TextValue } from "./item.ts";
import { personName } from "./item.ts";
import { httpUrl, resolveBase } from "./url.ts";
import { attr, firstText, hasChildElements, nodes, nodeText, own, type XmlNode } from "./xml-node.ts";

/** Prefix of the keys under which the raw nodes are kept on rss-parser's item and feed objects. */
const RAW = "sw:";

const ITEM_FIELDS = [
  "$",
  "title",
  "dc:title",
  "link",
  "atom:link",
  "guid",
  "id",
  "description",
  "content:encoded",
  "content",
  "summary",
  "media:group",
  "media:description",
  "itunes:summary",
  "pubDate",
  "dc:date",
  "published",
  "updated",
  "issued",
  "created",
  "modified",
  "author",
  "dc:creator",
  "itunes:author",
  "dc:language",
];

const FEED_FIELDS = ["$", "title", "link", "language", "dc:language", "ttl", "author", "dc:creator"];

/** rss-parser options: raw nodes for the fields above; any <rss> version read as RSS 2. */
export const RSS_PARSER_OPTIONS = {
  defaultRSS: 2,
  customFields: {
    item: ITEM_FIELDS.map((name) => [name, RAW + name, { keepArray: true }]),
    feed: FEED_FIELDS.map((name) => [name, RAW + name, { keepArray: true }]),
  },
};

/** Links that never point at the article itself. */
const NON_ARTICLE_RELS = new Set(["self", "edit", "edit-media", "enclosure", "replies", "hub", "license", "via"]);

function raw(holder: unknown, name: string): XmlNode[] {
  return nodes(holder, RAW + name);
}

function ownAttr(holder: unknown, name: string): string | null {
  const value = own(own(holder, `${RAW}$`), name);
  return typeof value === "string" ? value : null;
}

function rawText(holder: unknown, name: string): string | null {
  return firstText(holder, RAW + name);
}

/** Verbatim inner XML of an item's children that hold elements (XHTML), by name, as the repair pass kept it. */
type Bodies = ReadonlyMap<string, string> | null;

/** An RSS body field (HTML by convention); inline XHTML children are taken verbatim from the source. */
function rssBody(holder: unknown, name: string, bodies: Bodies): TextValue | null {
  const node = raw(holder, name)[0];
  if (node === undefined) return null;
  if (hasChildElements(node)) {
    const inner = bodies?.get(name) ?? null;
    return inner?.trim() ? { value: inner, type: "html" } : textValue(nodeText(node), "text");
  }
  return textValue(nodeText(node), "html");
}

function textValue(value: string, type: TextValue["type"]): TextValue | null {
  return value.trim() ? { value, type } : null;
}

/** An Atom text construct (1.0 type=text|html|xhtml, 0.3 MIME type + mode), or null for out-of-line/binary content. */
function atomText(holder: unknown, name: string, bodies: Bodies): TextValue | null {
  const node = raw(holder, name)[0];
  if (node === undefined || attr(node, "src") !== null) return null;
  const type = (attr(node, "type") ?? "text").trim().toLowerCase();
  const mode = (attr(node, "mode") ?? "").trim().toLowerCase();
  if (mode === "base64") return null;
  const isHtml = type === "html" || type === "text/html";
  const isXml = type === "xhtml" || type.endsWith("+xml") || type.endsWith("/xml") || (isHtml && mode === "xml");
  if (isXml || hasChildElements(node)) {
    const inner = bodies?.get(name) ?? null;
    return inner?.trim() ? { value: inner, type: "html" } : textValue(nodeText(node), "text");
  }
  if (isHtml) return textValue(nodeText(node), "html");
  if (type === "text" || type.startsWith("text/")) return textValue(nodeText(node), "text");
  return null;
}

function linkRef(node: XmlNode): string {
  return attr(node, "href") ?? nodeText(node);
}

/** The article link among Atom-style <link> nodes: alternate (HTML first), else any non-service link. */
function atomLink(links: XmlNode[], base: string | null): string | null {
  const rel = (node: XmlNode) => (attr(node, "rel") ?? "alternate").trim().toLowerCase();
  const htmlType = (node: XmlNode) => /html/i.test(attr(node, "type") ?? "text/html");
  const ordered = [
    ...links.filter((node) => rel(node) === "alternate" && htmlType(node)),
    ...links.filter((node) => rel(node) === "alternate" && !htmlType(node)),
    ...links.filter((node) => rel(node) !== "alternate" && !NON_ARTICLE_RELS.has(rel(node))),
  ];
  for (const node of ordered) {
    const url = httpUrl(linkRef(node), resolveBase(base, attr(node, "xml:base")));
    if (url) return url;
  }
  return null;
}

function rssLink(item: unknown, base: string | null): string | null {
  for (const node of raw(item, "link")) {
    const url = httpUrl(linkRef(node), resolveBase(base, attr(node, "xml:base")));
    if (url) return url;
  }
  return atomLink(raw(item, "atom:link"), base);
}

function joinedNames(values: string[]): string | null {
  const names = [...new Set(values.map(personName).filter((name) => name !== ""))];
  return names.length > 0 ? names.join(", ") : null;
}

/** Atom <author> elements: their <name>, else their text. */
function atomAuthors(holder: unknown): string | null {
  return joinedNames(raw(holder, "author").map((node) => firstText(node, "name") ?? nodeText(node)));
}

function rssAuthor(holder: unknown): string | null {
  const creators = raw(holder, "dc:creator").map((node) => nodeText(node));
  return (
    joinedNames(creators) ??
    joinedNames(raw(holder, "author").map((node) => firstText(node, "name") ?? nodeText(node))) ??
    rawText(holder, "itunes:author")
  );
}

function mediaDescription(item: unknown): TextValue | null {
  const inGroup = raw(item, "media:group").flatMap((group) => nodes(group, "media:description"));
  const text = [...raw(item, "media:description"), ...inGroup].map((node) => nodeText(node)).find((t) => t.trim());
  return text ? { value: text, type: "text" } : null;
}

function dates(item: unknown, names: string[]): (string | null)[] {
  return names.map((name) => rawText(item, name));
}

function readRssItem(item: unknown, bodies: Bodies, channelBase: string | null): RawItem {
  const base = resolveBase(channelBase, ownAttr(item, "xml:base"));
  const guidNode = raw(item, "guid")[0];
  const guid = guidNode === undefined ? "" : nodeText(guidNode).trim();
  const about = ownAttr(item, "rdf:about");
  const permalink = guid && attr(guidNode, "isPermaLink")?.trim().toLowerCase() !== "false" ? guid : null;
  const encoded = rssBody(item, "content:encoded", bodies);
  const description = rssBody(item, "description", bodies);
  const titleNode = raw(item, "title").length > 0 ? "title" : "dc:title";
  const itunesSummary = rawText(item, "itunes:summary");
  return {
    guid: guid || about,
    url: rssLink(item, base) ?? httpUrl(permalink) ?? httpUrl(about),
    title: rssBody(item, titleNode, bodies),
    body:
      encoded ??
      description ??
      mediaDescription(item) ??
      (itunesSummary ? { value: itunesSummary, type: "text" } : null),
    summary: encoded ? description : null,
    author: rssAuthor(item),
    dates: dates(item, ["pubDate", "dc:date", "published", "updated"]),
    language: ownAttr(item, "xml:lang") ?? rawText(item, "dc:language"),
  };
}

function readAtomEntry(entry: unknown, bodies: Bodies, feedBase: string | null): RawItem {
  const base = resolveBase(feedBase, ownAttr(entry, "xml:base"));
  const content = atomText(entry, "content", bodies);
  const summary = atomText(entry, "summary", bodies);
  return {
    guid: rawText(entry, "id"),
    url: atomLink(raw(entry, "link"), base),
    title: atomText(entry, "title", bodies),
    body: content ?? summary ?? mediaDescription(entry),
    summary: content ? summary : null,
    author: atomAuthors(entry),
    dates: dates(entry, ["published", "issued", "created", "updated", "modified"]),
    language: ownAttr(entry, "xml:lang") ?? rawText(entry, "dc:language"),
  };
}

function ttlMinutes(feed: unknown): number | null {
  const ttl = Number.parseInt(rawText(feed, "ttl") ?? "", 10);
  return Number.isFinite(ttl) && ttl > 0 ? ttl : null;
}

export interface XmlFeedContext {
  format: "rss" | "atom";
  feedUrl: string | null;
  /** Attributes of the document's root element (xml:base, xml:lang on <rss> or <rdf:RDF>). */
  rootAttributes: Map<string, string>;
}

/** Map rss-parser's output to a RawFeed. `bodies[i]` holds item i's XHTML bodies when known. */
export function readXmlFeed(
  output: { items?: unknown[] } & Record<string, unknown>,
  bodies: readonly ReadonlyMap<string, string>[],
  context: XmlFeedContext,
): Omit<RawFeed, "itemsOverCap"> {
  // Atom's root is the feed element itself (its attributes are rss-parser's feed "$"): its xml:base counts once.
  // RSS has two levels, <rss> (or <rdf:RDF>) and <channel>.
  const rootBase = context.rootAttributes.get("xml:base");
  const xmlBases = context.format === "atom" ? [rootBase] : [rootBase, ownAttr(output, "xml:base")];
  const base = xmlBases.reduce<string | null>((outer, inner) => resolveBase(outer, inner), context.feedUrl);
  // RSS has no base mechanism of its own: without xml:base, relative item links are taken relative to the
  // site (the channel <link>), which stays right when the feed is served from elsewhere (FeedBurner, mirrors).
  const rssItemBase = xmlBases.some((value) => value?.trim()) ? base : (rssLink(output, base) ?? base);
  const items = (output.items ?? []).map((item, index) => {
    const own = bodies[index] ?? null;
    return context.format === "atom" ? readAtomEntry(item, own, base) : readRssItem(item, own, rssItemBase);
  });
  const language = ownAttr(output, "xml:lang") ?? context.rootAttributes.get("xml:lang") ?? null;
  if (context.format === "atom") {
    return {
      format: "atom",
      title: atomText(output, "title", null),
      link: atomLink(raw(output, "link"), base),
      language: language ?? rawText(output, "dc:language"),
      ttlMinutes: null,
      author: atomAuthors(output),
      items,
    };
  }
  return {
    format: "rss",
    title: textValue(rawText(output, "title") ?? "", "html"),
    link: rssLink(output, base),
    language: rawText(output, "language") ?? rawText(output, "dc:language") ?? language,
    ttlMinutes: ttlMinutes(output),
    author: joinedNames(raw(output, "dc:creator").map((node) => nodeText(node))),
    items,
  };
}
