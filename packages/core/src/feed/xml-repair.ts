/**
 * The one pass over feed XML before rss-parser sees it. A linear tokenizer (regular expressions that stop at
 * the next "<", so hostile input stays linear) walks the document once and writes well-formed XML, repairing
 * what forgiving readers repair (feedparser's "bozo" feeds, browsers' XML recovery):
 *
 * - an undefined entity (`&foo;`) is kept as text (`&amp;foo;`); a known HTML entity (`&nbsp;`) becomes its
 *   character; a bare `&` or `<` is text;
 * - attributes without quotes, without values, with `<` or `&` inside, or repeated are rewritten;
 * - elements under any namespace prefix are renamed to the prefixes rss-parser reads (`a:feed` in the Atom
 *   namespace is `feed`, `c:encoded` in the content module is `content:encoded`, ...);
 * - an end tag that closes an outer element closes the inner ones too; a stray end tag is dropped; an item
 *   that starts while another is open closes it (items never nest);
 * - a document cut off mid-way is closed; the item it was cut in is dropped (its text is incomplete);
 * - rss-parser's own traps are defused: an Atom date it cannot read is emptied (it would reject the whole
 *   feed), an Atom `<link>` written as text gets its href (it would throw on it).
 *
 * It also refuses what must not be read (DTD internal subsets and entity declarations: billion laughs, XXE;
 * nesting deeper than the cap), finds the root, records each item's place in the output (for the item cap,
 * which keeps the newest items) and the verbatim inner XML of XHTML bodies (whose text order xml2js loses).
 */
import { decodeHTMLStrict } from "entities";
import type { FeedRepair } from "../types.ts";
import { describeInput, FeedError } from "./errors.ts";
import { keepNewest } from "./item-cap.ts";

/** Kinds of repair this pass makes (decoding makes the other, "invalid-bytes"). */
export type XmlRepair = Exclude<FeedRepair, "invalid-bytes">;

export type XmlFormat = "rss" | "rdf" | "atom";

export interface RepairedItem {
  /** Range of the item in the output parts. */
  partStart: number;
  partEnd: number;
  /** Text of the item's first date child (pubDate, dc:date, published, updated, ...), for the item cap. */
  dateText: string | null;
  /** Verbatim inner XML of body children that hold elements (XHTML), by element name. */
  xhtml: Map<string, string>;
}

export interface RepairedXml {
  /** Well-formed XML (no prolog), items over the cap removed. */
  xml: string;
  format: XmlFormat;
  /** Canonical root name and its attributes (xml:base, xml:lang). */
  rootAttributes: Map<string, string>;
  /** Kept items, in document order. */
  items: RepairedItem[];
  repairs: Set<XmlRepair>;
  /** Items dropped by the item cap (the oldest ones). */
  itemsOverCap: number;
  /** An item the document was cut off in (dropped). */
  itemsCutOff: number;
  /** A channel (RSS) was seen. */
  hasChannel: boolean;
}

/** What the document is when it is not a feed: the root element found (or none), for the caller's message. */
export interface NotFeedRoot {
  root: string | null;
  doctype: string | null;
}

export interface RepairLimits {
  maxItems: number;
  maxDepth: number;
}

const NS = {
  atom: "http://www.w3.org/2005/Atom",
  atom03: "http://purl.org/atom/ns#",
  rss1: "http://purl.org/rss/1.0/",
  rss090: "http://my.netscape.com/rdf/simple/0.9/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  xhtml: "http://www.w3.org/1999/xhtml",
};

/** Namespace URI -> the prefix rss-parser and rss-atom.ts read ("" = no prefix). Atom depends on the root. */
const CANONICAL_PREFIX = new Map<string, string>([
  [NS.rss1, ""],
  [NS.rss090, ""],
  ["http://backend.userland.com/rss2", ""],
  ["http://blogs.law.harvard.edu/tech/rss", ""],
  [NS.xhtml, ""],
  [NS.rdf, "rdf"],
  ["http://purl.org/rss/1.0/modules/content/", "content"],
  ["http://purl.org/dc/elements/1.1/", "dc"],
  ["http://search.yahoo.com/mrss/", "media"],
  ["http://search.yahoo.com/mrss", "media"],
  ["http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"],
  ["http://www.w3.org/XML/1998/namespace", "xml"],
]);

const XML_ENTITIES = new Set(["lt", "gt", "amp", "quot", "apos"]);

/**
 * One markup token: CDATA (group 1 set when closed), comment, processing instruction, declaration, end tag
 * (group 2: name), start tag (group 3: name, group 4: attribute text, ending in "/" when self-closing).
 */
const TOKEN =
  /<!\[CDATA\[[\s\S]*?(\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|<![^>]*>|<\/\s*([^\s<>]+)\s*>|<([A-Za-z_:\u00c0-\uffff][^\s/<>]*)((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>/g;
const VALID_NAME = /^[A-Za-z_:\u00c0-\uffff][-\w.:\u00b7-\uffff]*$/;
/** Attribute text that is already well-formed XML (quoted values without "<" and with only valid references). */
const WELL_FORMED_ATTRIBUTES =
  /^(?:\s+[A-Za-z_:][-\w.:]*\s*=\s*(?:"(?:[^"<&]|&(?:#\d+|#x[\da-fA-F]+|lt|gt|amp|quot|apos);)*"|'(?:[^'<&]|&(?:#\d+|#x[\da-fA-F]+|lt|gt|amp|quot|apos);)*'))*\s*\/?$/;
const ATTRIBUTE = /([^\s=/"'<>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`]+)))?/g;
const REFERENCE = /&(?:(#\d+|#x[\da-fA-F]+|[A-Za-z][A-Za-z0-9]*);)?|</g;
const NEEDS_ESCAPE = /[&<]/g;

/** Direct children of an item whose text orders dates, for the item cap. */
const DATE_CHILDREN = new Set(["pubDate", "dc:date", "published", "updated", "issued", "modified", "created"]);
/** Direct children of an item that may hold XHTML, whose verbatim inner XML is kept. */
const BODY_CHILDREN = new Set(["content", "summary", "title", "description", "content:encoded"]);

interface Scope {
  defaultNs: string | null;
  prefixes: Map<string, string> | null;
  parent: Scope | null;
}

interface Frame {
  /** The name as written (for matching end tags). */
  raw: string;
  /** The canonical name written out. */
  name: string;
  scope: Scope;
  /** Index in the output parts of the start tag, for frames whose content is read or rewritten; else -1. */
  part: number;
  hasChildren: boolean;
  attributes: Map<string, string> | null;
}

function resolvePrefix(scope: Scope | null, prefix: string): string | null {
  for (let s = scope; s; s = s.parent) {
    if (prefix === "") {
      if (s.defaultNs !== null) return s.defaultNs || null;
    } else {
      const uri = s.prefixes?.get(prefix);
      if (uri !== undefined) return uri;
    }
  }
  return prefix === "xml" ? "http://www.w3.org/XML/1998/namespace" : null;
}

function decodeCharacterReference(ref: string): string | null {
  const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
  const valid =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return valid ? String.fromCodePoint(code) : null;
}

function escapeText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;");
}

/** Decode the five XML entities and character references (attribute values, date text). */
export function decodeXmlText(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") return decodeCharacterReference(ref) ?? whole;
    switch (ref) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default:
        return whole;
    }
  });
}

class Repairer {
  readonly out: string[] = [];
  readonly stack: Frame[] = [];
  readonly items: RepairedItem[] = [];
  readonly repairs = new Set<XmlRepair>();
  format: XmlFormat | null = null;
  rootAttributes = new Map<string, string>();
  hasChannel = false;
  itemsCutOff = 0;
  /** The last parseAttributes call dropped a repeated or invalid attribute. */
  private droppedAttribute = false;
  /** The last parseAttributes call replaced an invalid character reference. */
  private fixedReference = false;
  private openItem: { item: RepairedItem; depth: number } | null = null;
  private itemTag = "item";
  private container = "channel";
  private atomPrefix = "atom";

  constructor(
    private readonly text: string,
    private readonly feedUrl: string | null,
    private readonly limits: RepairLimits,
  ) {}

  /** Input before this offset is in `out` already (or dropped); input from here on is copied when flushed. */
  private copyFrom = 0;

  /** Copy the input up to `upTo` into the output unchanged. */
  private flush(upTo: number): void {
    if (upTo > this.copyFrom) this.out.push(this.text.slice(this.copyFrom, upTo));
    if (upTo > this.copyFrom) this.copyFrom = upTo;
  }

  /** Write `replacement` instead of the input between `from` and `to`. */
  private replace(from: number, to: number, replacement: string): void {
    this.flush(from);
    if (replacement !== "") this.out.push(replacement);
    this.copyFrom = to;
  }

  /** Text content between tokens: copied as it is unless an entity or a stray "<" needs repair. */
  textSegment(from: number, to: number): void {
    if (this.stack.length === 0 || from >= to) return;
    NEEDS_ESCAPE.lastIndex = from;
    const found = NEEDS_ESCAPE.exec(this.text);
    if (found === null || found.index >= to) return;
    this.replace(from, to, this.repairReferences(this.text.slice(from, to)));
  }

  repairReferences(segment: string): string {
    return segment.replace(REFERENCE, (whole, ref: string | undefined) => {
      if (whole === "<") return "&lt;";
      if (ref === undefined) {
        this.repairs.add("bare-ampersands");
        return "&amp;";
      }
      if (ref[0] === "#") {
        if (decodeCharacterReference(ref) !== null) return whole;
        this.repairs.add("undefined-entities");
        return "\ufffd";
      }
      if (XML_ENTITIES.has(ref)) return whole;
      const decoded = decodeHTMLStrict(whole);
      this.repairs.add("undefined-entities");
      return decoded !== whole ? escapeText(decoded) : `&amp;${ref};`;
    });
  }

  /** The attributes of a start tag, parsed (values decoded), or null when the tag has none. */
  parseAttributes(source: string): Map<string, string> | null {
    if (!/\S/.test(source.replace(/\/$/, ""))) return null;
    const attributes = new Map<string, string>();
    this.droppedAttribute = false;
    this.fixedReference = false;
    for (const m of source.matchAll(ATTRIBUTE)) {
      const name = m[1] as string;
      if (!VALID_NAME.test(name) || attributes.has(name)) {
        this.droppedAttribute = true;
        continue;
      }
      const value = m[2] ?? m[3] ?? m[4] ?? name;
      attributes.set(name, decodeXmlText(value.includes("&") ? this.repairReferencesInValue(value) : value));
    }
    return attributes;
  }

  private repairReferencesInValue(value: string): string {
    // A bare "&" in an attribute value is text; an HTML entity is its character.
    return value.replace(/&(?:(#\d+|#x[\da-fA-F]+|[A-Za-z][A-Za-z0-9]*);)?/g, (whole, ref: string | undefined) => {
      if (ref === undefined) return "&amp;";
      if (ref[0] === "#") {
        if (decodeCharacterReference(ref) !== null) return whole;
        this.fixedReference = true;
        this.repairs.add("undefined-entities");
        return "\ufffd";
      }
      if (XML_ENTITIES.has(ref)) return whole;
      const decoded = decodeHTMLStrict(whole);
      return decoded !== whole ? escapeAttribute(decoded) : `&amp;${ref};`;
    });
  }

  scopeFor(attributes: Map<string, string> | null, parent: Scope): Scope {
    if (!attributes) return parent;
    let scope: Scope | null = null;
    for (const [name, value] of attributes) {
      if (name === "xmlns") {
        scope ??= { defaultNs: null, prefixes: null, parent };
        scope.defaultNs = value.trim();
      } else if (name.startsWith("xmlns:")) {
        scope ??= { defaultNs: null, prefixes: null, parent };
        scope.prefixes ??= new Map();
        scope.prefixes.set(name.slice(6), value.trim());
      }
    }
    return scope ?? parent;
  }

  /** The canonical name of an element (or attribute, `isAttribute`) in `scope`. */
  canonical(raw: string, scope: Scope, isAttribute = false): string {
    const colon = raw.indexOf(":");
    if (colon < 0 && (isAttribute || scope.defaultNs === null || !this.hasDefaultNs(scope))) return raw;
    const prefix = colon < 0 ? "" : raw.slice(0, colon);
    const local = colon < 0 ? raw : raw.slice(colon + 1);
    if (prefix === "xmlns" || local === "") return raw;
    const uri = resolvePrefix(scope, prefix);
    if (uri === null) return raw;
    const wanted = uri === NS.atom || uri === NS.atom03 ? this.atomPrefix : CANONICAL_PREFIX.get(uri);
    if (wanted === undefined) return raw;
    if (wanted === prefix) return raw;
    // An unprefixed attribute is in no namespace whatever the default; only prefixed ones are renamed.
    if (isAttribute && prefix === "") return raw;
    this.repairs.add("namespaces");
    return wanted ? `${wanted}:${local}` : local;
  }

  private hasDefaultNs(scope: Scope): boolean {
    for (let s: Scope | null = scope; s; s = s.parent) if (s.defaultNs !== null) return s.defaultNs !== "";
    return false;
  }

  /** Write a start tag with its attributes (canonical names, well-formed values). */
  startTag(name: string, attributeText: string, attributes: Map<string, string> | null, scope: Scope): string {
    const body = attributeText.endsWith("/") ? attributeText.slice(0, -1) : attributeText;
    if (!attributes) return `<${name}>`;
    // Character references are checked only when rebuilding (the pattern cannot tell &#0; from &#48;).
    const wellFormed = !this.droppedAttribute && WELL_FORMED_ATTRIBUTES.test(body) && !body.includes("&#");
    if (wellFormed && !/\s[\w.-]+:[\w.-]+\s*=/.test(body)) return `<${name}${body.trimEnd()}>`;
    let serialized = "";
    for (const [attributeName, value] of attributes) {
      serialized += ` ${this.canonical(attributeName, scope, true)}="${escapeAttribute(value)}"`;
    }
    if (!wellFormed && !(WELL_FORMED_ATTRIBUTES.test(body) && !this.droppedAttribute && !this.fixedReference)) {
      this.repairs.add("attributes");
    }
    return `<${name}${serialized}>`;
  }

  /**
   * Close the innermost open element at input offset `at`. `explicitEnd` is the end of the input's own end tag
   * when that tag closes this element (it then stays in the copy unless the element is rewritten or read).
   */
  closeTop(at: number, explicitEnd: number | null = null, endToken = ""): void {
    const frame = this.stack.pop() as Frame;
    const depth = this.stack.length;
    const parent = this.stack[depth - 1];
    const keepInput =
      explicitEnd !== null && frame.part < 0 && frame.name === frame.raw && endToken.startsWith(`</${frame.raw}`);
    if (!keepInput) {
      this.flush(at);
      this.out.push(`</${frame.name}>`);
      if (explicitEnd !== null) this.copyFrom = explicitEnd;
    }
    if (frame.part < 0) return;
    if (this.openItem && depth === this.openItem.depth) {
      this.openItem.item.partEnd = this.out.length;
      this.items.push(this.openItem.item);
      this.openItem = null;
    } else if (this.openItem && depth === this.openItem.depth + 1) {
      this.finishItemChild(frame, this.openItem.item);
    } else if (this.format === "atom" && parent && (parent.name === "feed" || parent.name === "entry")) {
      this.defuseAtom(frame, parent.name === "entry");
    }
  }

  /** The text between a frame's start tag and its end tag (the last part). */
  private inner(frame: Frame): string {
    return this.out.slice(frame.part + 1, this.out.length - 1).join("");
  }

  private finishItemChild(frame: Frame, item: RepairedItem): void {
    if (DATE_CHILDREN.has(frame.name) && item.dateText === null) item.dateText = decodeXmlText(this.inner(frame));
    if (frame.hasChildren && BODY_CHILDREN.has(frame.name) && !item.xhtml.has(frame.name)) {
      item.xhtml.set(frame.name, this.inner(frame));
    }
    if (this.format === "atom") this.defuseAtom(frame, true);
  }

  /** Empty Atom dates rss-parser cannot read; move a text <link> into href (rss-parser throws on both). */
  private defuseAtom(frame: Frame, inEntry: boolean): void {
    if (inEntry && (frame.name === "published" || frame.name === "updated") && !frame.hasChildren) {
      const value = decodeXmlText(this.inner(frame));
      if (value !== "" && Number.isNaN(new Date(value).getTime())) {
        this.out.splice(frame.part + 1, this.out.length - frame.part - 2);
        this.repairs.add("unreadable-dates");
      }
    } else if (frame.name === "link" && !frame.attributes?.has("href")) {
      const href = decodeXmlText(this.inner(frame)).trim();
      this.out.length = frame.part;
      if (href) {
        const attributes = new Map(frame.attributes ?? []);
        attributes.set("href", href);
        let serialized = "";
        for (const [name, value] of attributes) serialized += ` ${name}="${escapeAttribute(value)}"`;
        this.out.push(`<link${serialized}/>`);
      }
      this.repairs.add("text-links");
    }
  }

  openRoot(name: string, attributes: Map<string, string> | null): boolean {
    if (name === "rss") this.format = "rss";
    else if (name === "rdf:RDF") this.format = "rdf";
    else if (name === "feed") this.format = "atom";
    else return false;
    this.itemTag = this.format === "atom" ? "entry" : "item";
    this.container = this.format === "rss" ? "channel" : name;
    this.rootAttributes = attributes ?? new Map();
    return true;
  }

  /** Walk the document. Returns the root element's canonical name when it is not a feed root. */
  run(start: number): NotFeedRoot | null {
    const { text } = this;
    const root: Scope = { defaultNs: null, prefixes: null, parent: null };
    let doctype: string | null = null;
    let last = start;
    let end = text.length;
    let rootSeen = false;
    TOKEN.lastIndex = start;
    for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
      const token = m[0];
      const at = m.index;
      const tokenEnd = TOKEN.lastIndex;
      const textStart = last;
      last = tokenEnd;
      const [, cdataEnd, endName, startName, attributeText = ""] = m;
      if (startName !== undefined && VALID_NAME.test(startName)) {
        this.textSegment(textStart, at);
        const parent = this.stack[this.stack.length - 1];
        // Most start tags carry well-formed attributes that need no reading: they stay as they are.
        const simple = rootSeen && !startName.endsWith("link") && isSimpleAttributes(attributeText);
        const attributes = simple ? null : this.parseAttributes(attributeText);
        const scope = simple ? (parent?.scope ?? root) : this.scopeFor(attributes, parent?.scope ?? root);
        if (!rootSeen && !parent) {
          // The root decides the document's kind (and whether Atom elements carry a prefix).
          const uri = resolvePrefix(scope, startName.includes(":") ? startName.slice(0, startName.indexOf(":")) : "");
          if (uri === NS.atom || uri === NS.atom03) this.atomPrefix = "";
          const name = this.canonical(startName, scope);
          if (!this.openRoot(name, attributes)) return { root: name, doctype };
          if (text.slice(textStart, at).trim()) this.repairs.add("junk-before-root");
          rootSeen = true;
          this.copyFrom = at; // the prolog (declaration, comments, doctype) is not written
        } else if (!parent) {
          break; // a second root: whatever follows the feed is not part of it
        }
        const name = this.canonical(startName, scope);
        const selfClosing = attributeText.endsWith("/");
        if (name === this.itemTag && this.openItem) {
          this.repairs.add("nesting");
          const itemDepth = this.openItem.depth;
          while (this.stack.length > itemDepth) this.closeTop(at);
        }
        const current = this.stack[this.stack.length - 1];
        if (current) current.hasChildren = true;
        const isItem = name === this.itemTag && current?.name === this.container && this.openItem === null;
        const isItemChild = this.openItem !== null && this.stack.length === this.openItem.depth + 1;
        const isAtomChild = this.format === "atom" && (current?.name === "feed" || current?.name === "entry");
        const watched = isItem || isItemChild || isAtomChild;
        if (name === "channel" && this.stack.length === 1) this.hasChannel = true;
        const unchanged = simple && name === startName;
        const tag = unchanged
          ? token
          : simple
            ? `<${name}${selfClosing ? attributeText.slice(0, -1).trimEnd() : attributeText.trimEnd()}${selfClosing ? "/" : ""}>`
            : `${this.startTag(name, attributeText, attributes, scope).slice(0, -1)}${selfClosing ? "/" : ""}>`;
        if (watched || !unchanged) {
          this.flush(at);
          if (isItem)
            this.openItem = {
              item: { partStart: this.out.length, partEnd: -1, dateText: null, xhtml: new Map() },
              depth: this.stack.length,
            };
          this.out.push(tag);
          this.copyFrom = tokenEnd;
        }
        if (selfClosing) {
          if (isItem && this.openItem) {
            this.openItem.item.partEnd = this.out.length;
            this.items.push(this.openItem.item);
            this.openItem = null;
          }
          continue;
        }
        if (this.stack.length >= this.limits.maxDepth) {
          throw new FeedError(
            "too-deep",
            `${describeInput(this.feedUrl)} nests elements more than ${this.limits.maxDepth} levels deep, which no real feed does; it was refused.`,
          );
        }
        const part = watched ? this.out.length - 1 : -1;
        this.stack.push({ raw: startName, name, scope, part, hasChildren: false, attributes });
      } else if (endName !== undefined) {
        this.textSegment(textStart, at);
        if (!rootSeen) continue; // a stray end tag before the root
        const open = this.findOpen(endName);
        if (open < 0) {
          this.repairs.add("nesting");
          this.replace(at, tokenEnd, "");
          continue;
        }
        if (open < this.stack.length - 1) this.repairs.add("nesting");
        while (this.stack.length > open + 1) this.closeTop(at);
        this.closeTop(at, tokenEnd, token);
        if (this.stack.length === 0) {
          this.flush(tokenEnd);
          return null;
        }
      } else if (startName !== undefined) {
        // "<" followed by something that is not a name: text.
        this.textSegment(textStart, tokenEnd);
      } else if (token.startsWith("<![CDATA[")) {
        this.textSegment(textStart, at);
        if (cdataEnd === undefined || cdataEnd === "") {
          end = at; // cut off inside CDATA: the document ends here
          break;
        }
      } else if (token.startsWith("<!--") || token.startsWith("<?")) {
        this.textSegment(textStart, at);
        if (!token.endsWith(token.startsWith("<!--") ? "-->" : "?>")) {
          end = at;
          break;
        }
      } else {
        this.textSegment(textStart, at);
        refuseDeclaration(token, this.feedUrl);
        doctype ??= token;
        if (rootSeen) this.replace(at, tokenEnd, "");
      }
    }
    if (!rootSeen) {
      return { root: null, doctype };
    }
    if (this.stack.length > 0) {
      if (end === text.length) this.textSegment(last, end);
      this.cutOff(end);
    }
    return null;
  }

  /** Index in the stack of the element an end tag closes: the innermost of that name, else of that name in any case. */
  private findOpen(raw: string): number {
    for (let i = this.stack.length - 1; i >= 0; i--) if ((this.stack[i] as Frame).raw === raw) return i;
    const lower = raw.toLowerCase();
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const frame = this.stack[i] as Frame;
      if (frame.raw.toLowerCase() === lower || frame.name.toLowerCase() === lower) return i;
    }
    return -1;
  }

  /** The document ended (at `end`) with elements open: drop the item it was cut in, close the rest. */
  private cutOff(end: number): void {
    this.repairs.add("truncated");
    if (this.openItem) {
      this.out.length = this.openItem.item.partStart;
      this.stack.length = this.openItem.depth;
      this.openItem = null;
      this.itemsCutOff += 1;
    } else {
      this.flush(end);
    }
    this.copyFrom = end;
    while (this.stack.length > 0) {
      const frame = this.stack.pop() as Frame;
      this.out.push(`</${frame.name}>`);
    }
  }
}

/** Attribute text copied as it is: well-formed, no namespace declarations, no prefixed names but xml:, no &#. */
function isSimpleAttributes(text: string): boolean {
  if (text === "" || text === "/") return true;
  const body = text.endsWith("/") ? text.slice(0, -1) : text;
  return (
    !body.includes("xmlns") &&
    !body.includes("&#") &&
    WELL_FORMED_ATTRIBUTES.test(body) &&
    !/\s(?!xml:)[\w.-]+:[\w.-]+\s*=/.test(body)
  );
}

function refuseDeclaration(token: string, feedUrl: string | null): void {
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

/**
 * Repair a feed document (text from decodeFeedBytes, starting at `start`). Returns the repaired XML, or the
 * root it found when that root is not a feed's. Throws FeedError for DTD subsets and nesting over the cap.
 */
export function repairXml(
  text: string,
  start: number,
  feedUrl: string | null,
  limits: RepairLimits,
  parseDate: (text: string) => number | null,
): RepairedXml | NotFeedRoot {
  const repairer = new Repairer(text, feedUrl, limits);
  const notFeed = repairer.run(start);
  if (notFeed || repairer.format === null) return notFeed ?? { root: null, doctype: null };
  const { kept, dropped } = keepNewest(repairer.items, limits.maxItems, (item) =>
    item.dateText === null ? null : parseDate(item.dateText),
  );
  const parts = repairer.out;
  for (const item of dropped) for (let i = item.partStart; i < item.partEnd; i++) parts[i] = "";
  return {
    xml: parts.join(""),
    format: repairer.format,
    rootAttributes: repairer.rootAttributes,
    items: kept,
    repairs: repairer.repairs,
    itemsOverCap: dropped.length,
    itemsCutOff: repairer.itemsCutOff,
    hasChannel: repairer.hasChannel,
  };
}

export function isRepairedXml(value: RepairedXml | NotFeedRoot): value is RepairedXml {
  return "xml" in value;
}
