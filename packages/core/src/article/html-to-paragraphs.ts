/**
 * HTML (or plain text) -> paragraphs of plain text. Block elements make paragraphs, inline markup disappears
 * without injecting spaces ("<b>Kyi</b>v" -> "Kyiv"), entities are decoded, and code, media, forms, page
 * chrome and share widgets are dropped with their contents. Nothing is executed or loaded.
 *
 * Feed HTML is read by a streaming tokenizer (htmlparser2, the one linkedom builds its trees with), at tens of
 * MB/s: no tree is built. A parsed tree (Readability's output) is walked by nodeToParagraphs with the same
 * rules: both feed one ParagraphWriter.
 */
import { decodeHTML } from "entities";
import { Parser } from "htmlparser2";
import {
  BLOCK_TAGS,
  CELL_TAGS,
  MAX_ELEMENTS_TO_PARSE,
  MAX_HTML_CHARS,
  RELATED_CLASS_PARTS,
  REMOVED_ROLES,
  REMOVED_TAGS,
  WIDGET_CLASS_PARTS,
} from "./constants.ts";
// Text that is already plain is plain-text.ts (no HTML parser): code that never sees HTML (seed text, the API)
// imports it from there, and so does not load a parser.
import { collapseWhitespace, singleSpaced, textToParagraphs } from "./plain-text.ts";

/** A tag, comment, doctype or CDATA section: without one the input is treated as plain text. */
const MARKUP = /<\/?[a-z][^<>]*>|<!--|<!\[CDATA\[|<!doctype/i;
/** Tags of a whole document; they are transparent here (their content is read, they make no paragraph). */
const DOCUMENT_TAGS: ReadonlySet<string> = new Set(["html", "head", "body"]);
/** A tag that survived entity decoding (the source was escaped twice). */
const ESCAPED_TAG =
  /<\/?(?:a|b|i|p|br|div|span|img|script|style|iframe|strong|em|ul|ol|li|h[1-6]|blockquote|svg|video|object|embed|form|input)\b[^<>]*>/i;
/** Marker for a <br> inside the paragraph buffer (text nodes never contain it: their whitespace is collapsed). */
const BREAK = "\n";
/** Two line breaks with only spaces between them end a paragraph; one is a space. */
const DOUBLE_BREAK = /\n *\n[\n ]*/;

/** Minimal view of the DOM nodes we read; linkedom's nodes satisfy it. */
interface DomNode {
  nodeType: number;
  nodeValue?: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  localName: string;
  getAttribute(name: string): string | null;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

export function looksLikeHtml(text: string): boolean {
  return MARKUP.test(text);
}

/**
 * Paragraphs of plain text from an HTML fragment, a whole HTML document, or plain text (no tags at all),
 * which keeps its own paragraphs (see textToParagraphs).
 */
export function htmlToParagraphs(html: string): string[] {
  // Feeds that escape their HTML twice leave tags in the decoded text: those paragraphs are read once more,
  // so "&lt;img onerror=...&gt;" ends up as nothing rather than as tag-shaped text.
  return paragraphsOf(html).flatMap((paragraph) =>
    ESCAPED_TAG.test(paragraph) ? paragraphsOf(paragraph) : [paragraph],
  );
}

/** One line of plain text from HTML or text: the paragraphs joined by a space (titles, authors, summaries). */
export function htmlToLine(html: string): string {
  if (!/[<&]/.test(html)) return collapseWhitespace(html);
  return htmlToParagraphs(html).join(" ");
}

function paragraphsOf(html: string): string[] {
  const input = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  if (!input.trim()) return [];
  if (!looksLikeHtml(input)) return textToParagraphs(input.includes("&") ? decodeHTML(input) : input);
  return streamParagraphs(input);
}

/** The input cut to MAX_HTML_CHARS and to the start tags within MAX_ELEMENTS_TO_PARSE. */
export function withinBudget(html: string): string {
  const input = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  const tag = /<[a-z]/gi;
  for (let count = 0; tag.exec(input) !== null; ) {
    count += 1;
    if (count > MAX_ELEMENTS_TO_PARSE) return input.slice(0, tag.lastIndex - 2);
  }
  return input;
}

type Attribute = (name: string) => string | null | undefined;
type FrameKind = "inline" | "skip" | "block" | "cell" | "pre" | "article" | "header";

/**
 * Builds paragraphs from open / text / close events (a tokenizer's or a tree walk's). Every open has exactly
 * one close. A <header> is site chrome when it holds navigation or search, or when it sits outside any
 * article on a whole page; its paragraphs are taken back when that shows.
 */
class ParagraphWriter {
  readonly paragraphs: string[] = [];
  private buffer = "";
  private preDepth = 0;
  private skipDepth = 0;
  private articleDepth = 0;
  private readonly frames: FrameKind[] = [];
  private readonly headers: { start: number; chrome: boolean }[] = [];
  elements = 0;

  constructor(public pageLevel: boolean) {}

  private flush(): void {
    if (this.buffer === "") return;
    for (const part of this.buffer.split(DOUBLE_BREAK)) {
      const paragraph = collapseWhitespace(part);
      if (paragraph) this.paragraphs.push(paragraph);
    }
    this.buffer = "";
  }

  open(tag: string, attr: Attribute): void {
    this.elements += 1;
    if (this.skipDepth > 0) {
      this.skipDepth += 1;
      this.frames.push("skip");
      return;
    }
    if (tag === "br") {
      this.buffer += BREAK;
      this.frames.push("inline");
      return;
    }
    if (this.headers.length > 0 && isNavigation(tag, attr)) for (const header of this.headers) header.chrome = true;
    if (isRemoved(tag, attr) || (tag === "header" && this.pageLevel && this.articleDepth === 0)) {
      this.skipDepth = 1;
      this.frames.push("skip");
      return;
    }
    if (tag === "header") {
      this.flush();
      this.headers.push({ start: this.paragraphs.length, chrome: false });
      this.frames.push("header");
    } else if (tag === "article" || tag === "main") {
      this.flush();
      this.articleDepth += 1;
      this.frames.push("article");
    } else if (tag === "pre") {
      this.flush();
      this.preDepth += 1;
      this.frames.push("pre");
    } else if (BLOCK_TAGS.has(tag)) {
      this.flush();
      this.frames.push("block");
    } else if (CELL_TAGS.has(tag)) {
      this.buffer += " ";
      this.frames.push("cell");
    } else {
      this.frames.push("inline");
    }
  }

  close(): void {
    switch (this.frames.pop()) {
      case "skip":
        this.skipDepth -= 1;
        break;
      case "block":
        this.flush();
        break;
      case "cell":
        this.buffer += " ";
        break;
      case "pre":
        this.flush();
        this.preDepth -= 1;
        break;
      case "article":
        this.flush();
        this.articleDepth -= 1;
        break;
      case "header": {
        this.flush();
        const header = this.headers.pop();
        if (header?.chrome) this.paragraphs.length = header.start;
        break;
      }
      default:
    }
  }

  text(data: string): void {
    if (this.skipDepth > 0 || data === "") return;
    this.buffer +=
      this.preDepth > 0 ? data.replace(/[^\S\n]+/g, " ").replace(/\n/g, BREAK + BREAK) : singleSpaced(data);
  }

  finish(): string[] {
    this.flush();
    return this.paragraphs;
  }
}

/** What the shared streaming parser writes to during one streamParagraphs call. */
const stream: { writer: ParagraphWriter; stopped: boolean } = { writer: new ParagraphWriter(false), stopped: false };

/** One tokenizer for every call (reset before each): calls are synchronous and never nested. */
const streamParser = new Parser(
  {
    onopentag(name, attributes) {
      if (stream.stopped) return;
      if (DOCUMENT_TAGS.has(name)) {
        if (name !== "head") stream.writer.pageLevel = true;
        return;
      }
      if (stream.writer.elements >= MAX_ELEMENTS_TO_PARSE) {
        stream.stopped = true;
        return;
      }
      stream.writer.open(name, (attribute) => attributes[attribute]);
    },
    ontext(text) {
      if (!stream.stopped) stream.writer.text(text);
    },
    onclosetag(name) {
      if (!stream.stopped && !DOCUMENT_TAGS.has(name)) stream.writer.close();
    },
  },
  { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
);

/** Paragraphs of an HTML string, read by the streaming tokenizer (no tree). */
function streamParagraphs(html: string): string[] {
  stream.writer = new ParagraphWriter(false);
  stream.stopped = false;
  streamParser.reset();
  streamParser.end(html);
  return stream.writer.finish();
}

/** Walks a parsed tree (iteratively: 10,000 nested elements must not overflow the stack). */
export function nodeToParagraphs(root: unknown, options: { pageLevel?: boolean } = {}): string[] {
  const writer = new ParagraphWriter(options.pageLevel === true);
  type Step = { node: DomNode; exit?: true };
  const stack: Step[] = [{ node: root as DomNode }];
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    if (step.exit) {
      writer.close();
      continue;
    }
    const { node } = step;
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      writer.text(node.nodeValue ?? "");
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const element = node as DomElement;
    writer.open((element.localName ?? "").toLowerCase(), (name) => element.getAttribute(name));
    stack.push({ node, exit: true });
    const children = element.childNodes;
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push({ node: children[i] as DomNode });
  }
  return writer.finish();
}

/** Navigation or search inside a <header> makes it site chrome. */
function isNavigation(tag: string, attr: Attribute): boolean {
  if (tag === "nav" || tag === "form") return true;
  const role = attr("role")?.trim().toLowerCase();
  return role === "navigation" || role === "search";
}

function isRemoved(tag: string, attr: Attribute): boolean {
  if (REMOVED_TAGS.has(tag)) return true;
  if (attr("hidden") != null) return true;
  const role = attr("role");
  if (role && REMOVED_ROLES.has(role.trim().toLowerCase())) return true;
  const style = attr("style");
  if (style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  const classes = attr("class");
  const id = attr("id");
  return (classes != null || id != null) && isWidget(`${classes ?? ""} ${id ?? ""}`);
}

/** Class or id naming a share bar, ad slot, newsletter box, cookie banner, comment list or related-posts box. */
export function isWidget(classAndId: string): boolean {
  for (const token of classAndId.toLowerCase().split(/\s+/)) {
    if (!token) continue;
    const parts = token.split(/[-_]+/);
    if (parts.some((part) => WIDGET_CLASS_PARTS.has(part))) return true;
    const related = parts.some((part) => part === "related" || part === "relatedposts");
    if (related && (parts.includes("relatedposts") || parts.some((part) => RELATED_CLASS_PARTS.has(part)))) {
      return true;
    }
  }
  return false;
}
