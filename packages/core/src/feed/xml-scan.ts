/**
 * A cheap lexical pass over feed XML, run before rss-parser sees the document. It finds the root element,
 * refuses DTDs (internal subsets and entity declarations: billion laughs, XXE), caps nesting depth, and
 * locates the items (for the item cap, per-item re-parsing and reading XHTML bodies verbatim). It never
 * builds a tree and never expands anything; its regular expressions stop at the next "<" so hostile input
 * stays linear.
 */
import { describeInput, FeedError } from "./errors.ts";

/**
 * One markup token: CDATA, comment, processing instruction, declaration (<!...>), end tag (group 1: name),
 * or start tag (group 2: name, group 3: attributes, ending in "/" when self-closing).
 */
const TOKEN_SOURCE =
  /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|<![^>]*>|<\/\s*([^\s<>]+)\s*>|<([A-Za-z_:][^\s/<>]*)((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>/
    .source;

/** A fresh tokenizer (global regexes carry state, so each walk gets its own). */
function tokens(): RegExp {
  return new RegExp(TOKEN_SOURCE, "g");
}

/** CDATA sections and comments: the parts of a document whose text is not markup. */
const OPAQUE = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)/g;

export interface XmlRoot {
  name: string;
  attributes: Map<string, string>;
  /** Offset of the root start tag. */
  start: number;
}

export interface Prolog {
  root: XmlRoot | null;
  /** The <!DOCTYPE ...> declaration, when there is one (never with an internal subset: those are refused). */
  doctype: string | null;
  /** Non-whitespace text appeared before the root element (plain text, or HTML with text first). */
  textBeforeRoot: boolean;
}

export interface ItemSpan {
  start: number;
  /** Offset just after the closing tag; -1 when the item is never closed. */
  end: number;
}

export interface BodyScan {
  /** Items where the format puts them (feed>entry, rdf:RDF>item, rss>channel>item), in document order. */
  items: ItemSpan[];
  /** A <channel> child of the root was seen. */
  hasChannel: boolean;
}

const XML_ENTITIES = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
  ["apos", "'"],
]);

/** Decode the five XML entities and numeric character references. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== "#") return XML_ENTITIES.get(ref) ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Attributes of a start tag's attribute text, values entity-decoded. */
export function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const m of source.matchAll(/([^\s=/"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = m[1];
    if (name && !attributes.has(name)) attributes.set(name, decodeXmlEntities(m[2] ?? m[3] ?? ""));
  }
  return attributes;
}

function refuseDeclaration(token: string, feedUrl: string | null | undefined): void {
  const isDoctype = /^<!doctype/i.test(token);
  if (!isDoctype && !/^<!entity/i.test(token)) return;
  const systemId = /\b(?:SYSTEM\s+|PUBLIC\s+(?:"[^"]*"|'[^']*')\s+)(?:"([^"]*)"|'([^']*)')/i.exec(token);
  const system = systemId ? (systemId[1] ?? systemId[2] ?? "") : "";
  const internalSubset = isDoctype && token.includes("[");
  if (!isDoctype || internalSubset || (system !== "" && !/^https?:\/\//i.test(system))) {
    throw new FeedError(
      "dtd-refused",
      `${describeInput(feedUrl)} declares a DTD with entity definitions or local references, which feeds never need and attacks rely on; it was refused without being read. Ask the publisher for a plain RSS, Atom or JSON Feed document.`,
    );
  }
}

/** Find the root element and check what precedes it. Throws FeedError("dtd-refused") for DTD subsets/entities. */
export function scanProlog(text: string, feedUrl?: string | null): Prolog {
  let doctype: string | null = null;
  let textBeforeRoot = false;
  let last = 0;
  const lexer = tokens();
  for (let m = lexer.exec(text); m; m = lexer.exec(text)) {
    if (/\S/.test(text.slice(last, m.index))) textBeforeRoot = true;
    last = lexer.lastIndex;
    const token = m[0];
    if (m[2] !== undefined) {
      return { root: { name: m[2], attributes: parseAttributes(m[3] ?? ""), start: m.index }, doctype, textBeforeRoot };
    }
    if (m[1] !== undefined) break; // an end tag before any start tag: not XML we can read
    if (token.startsWith("<!") && !token.startsWith("<!--") && !token.startsWith("<![CDATA[")) {
      refuseDeclaration(token, feedUrl);
      doctype ??= token;
    }
  }
  if (/\S/.test(text.slice(last))) textBeforeRoot = true;
  return { root: null, doctype, textBeforeRoot };
}

/**
 * Walk the document from the root: depth cap (FeedError "too-deep"), DTD declarations anywhere
 * (FeedError "dtd-refused"), item spans and whether a <channel> exists.
 */
export function scanBody(
  text: string,
  root: XmlRoot,
  itemTag: string,
  maxDepth: number,
  feedUrl?: string | null,
): BodyScan {
  const items: ItemSpan[] = [];
  let hasChannel = false;
  let depth = 0;
  let openItem: { span: ItemSpan; depth: number } | null = null;
  // rss > channel > item; feed > entry and rdf:RDF > item are one level up.
  const itemDepth = root.name === "rss" ? 2 : 1;
  const lexer = tokens();
  lexer.lastIndex = root.start;
  for (let m = lexer.exec(text); m; m = lexer.exec(text)) {
    const [token, endName, startName, attributes] = m;
    if (startName !== undefined) {
      const selfClosing = (attributes ?? "").endsWith("/");
      if (startName === itemTag && openItem === null && depth === itemDepth) {
        const span = { start: m.index, end: selfClosing ? lexer.lastIndex : -1 };
        items.push(span);
        if (!selfClosing) openItem = { span, depth };
      }
      if (startName === "channel" && depth === 1) hasChannel = true;
      if (!selfClosing && ++depth > maxDepth) {
        throw new FeedError(
          "too-deep",
          `${describeInput(feedUrl)} nests elements more than ${maxDepth} levels deep, which no real feed does; it was refused.`,
        );
      }
    } else if (endName !== undefined) {
      depth--;
      if (openItem && endName === itemTag && depth === openItem.depth) {
        openItem.span.end = lexer.lastIndex;
        openItem = null;
      }
      if (depth <= 0) break; // the root is closed; anything after it is not part of the feed
    } else if (token.startsWith("<!") && !token.startsWith("<!--") && !token.startsWith("<![CDATA[")) {
      refuseDeclaration(token, feedUrl);
    }
  }
  return { items, hasChannel };
}

/**
 * The verbatim inner XML of the first child element `name` of the element that `element` starts with,
 * or null when there is none. Used for XHTML bodies, whose text order xml2js does not keep.
 */
export function childInnerXml(element: string, name: string): string | null {
  let depth = 0;
  let inner: { start: number; depth: number } | null = null;
  const lexer = tokens();
  for (let m = lexer.exec(element); m; m = lexer.exec(element)) {
    const [, endName, startName, attributes] = m;
    if (startName !== undefined) {
      const selfClosing = (attributes ?? "").endsWith("/");
      if (inner === null && depth === 1 && startName === name) {
        if (selfClosing) return "";
        inner = { start: lexer.lastIndex, depth };
      }
      if (!selfClosing) depth++;
    } else if (endName !== undefined) {
      depth--;
      if (inner && endName === name && depth === inner.depth) return element.slice(inner.start, m.index);
      if (depth <= 0) break;
    }
  }
  return null;
}

/** Apply `edit` to every part of the document outside CDATA sections and comments. */
function editOutsideOpaque(text: string, edit: (segment: string) => string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(OPAQUE)) {
    out += edit(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + edit(text.slice(last));
}

/** Escape bare "&" (not starting an entity or character reference), the most common way feeds break XML. */
export function repairAmpersands(text: string): string {
  return editOutsideOpaque(text, (segment) =>
    segment.replace(/&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)/g, "&amp;"),
  );
}

/** Whether rss-parser's `new Date(value).toISOString()` on an Atom date would succeed. */
function rssParserAcceptsDate(raw: string): boolean {
  const value = decodeXmlEntities(raw);
  if (value === "") return true; // an empty element is skipped by rss-parser
  return !Number.isNaN(new Date(value).getTime());
}

/**
 * Empty every Atom <published>/<updated> whose text rss-parser cannot turn into a date: it would otherwise
 * throw a RangeError and reject the whole feed. The item keeps everything else and gets no date.
 */
export function blankUnreadableAtomDates(text: string): string {
  return editOutsideOpaque(text, (segment) =>
    segment.replace(/(<(published|updated)(?:\s[^<>]*)?>)([^<]*)(<\/\2\s*>)/g, (whole, open, _name, value, close) =>
      rssParserAcceptsDate(value) ? whole : `${open}${close}`,
    ),
  );
}

/**
 * Atom <link>URL</link> (an RSS habit) -> <link href="URL"/>: rss-parser reads Atom links only from
 * attributes and throws a TypeError on a link without any.
 */
export function atomTextLinksToHref(text: string): string {
  return editOutsideOpaque(text, (segment) =>
    segment.replace(/<link((?:\s[^<>]*?)?)>([^<]*)<\/link\s*>/g, (whole, attributes: string, value: string) =>
      /\bhref\s*=/.test(attributes) || !value.trim()
        ? whole
        : `<link${attributes} href="${value.trim().replace(/"/g, "&quot;")}"/>`,
    ),
  );
}
