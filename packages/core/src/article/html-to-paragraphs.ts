/**
 * HTML (or plain text) -> paragraphs of plain text. Block elements make paragraphs, inline markup disappears
 * without injecting spaces ("<b>Kyi</b>v" -> "Kyiv"), entities are decoded, and code, media, forms, page
 * chrome and share widgets are dropped with their contents. Nothing is executed or loaded: linkedom builds a
 * plain tree and only text nodes are read.
 */
import { DOMParser } from "linkedom";
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
import { collapseWhitespace, textToParagraphs } from "./plain-text.ts";

// Text that is already plain lives in plain-text.ts (no DOM), so code that never sees HTML does not load linkedom.
export { collapseWhitespace, textToParagraphs };

/** A tag, comment, doctype or CDATA section: without one the input is treated as plain text. */
const MARKUP = /<\/?[a-z][^<>]*>|<!--|<!\[CDATA\[|<!doctype/i;
/** Document-level tags; fragments are parsed inside a body of our own, so stray ones are dropped first. */
const DOCUMENT_TAGS = /<!doctype[^>]*>|<\/?(?:html|head|body)\b[^>]*>/gi;
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
  hasAttribute(name: string): boolean;
  querySelector(selector: string): unknown;
  closest(selector: string): unknown;
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

function paragraphsOf(html: string): string[] {
  const input = withinBudget(html);
  if (!input.trim()) return [];
  const isDocument = /<(?:html|body)\b/i.test(input);
  const body = parseBody(input.replace(DOCUMENT_TAGS, ""));
  if (!looksLikeHtml(input)) return textToParagraphs(textOf(body));
  return nodeToParagraphs(body, { pageLevel: isDocument });
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

function parseBody(fragment: string): DomElement {
  const document = new DOMParser().parseFromString(
    `<!DOCTYPE html><html><head></head><body>${fragment}</body></html>`,
    "text/html",
  ) as unknown as { body: DomElement };
  return document.body;
}

function textOf(node: DomNode): string {
  let text = "";
  for (const child of Array.from(node.childNodes)) {
    text += child.nodeType === TEXT_NODE ? (child.nodeValue ?? "") : textOf(child);
  }
  return text;
}

interface WalkOptions {
  /** The input was a whole page: a <header> directly in <body> is the site header. */
  pageLevel?: boolean;
}

/** Walks a parsed tree (iteratively: 10,000 nested elements must not overflow the stack). */
export function nodeToParagraphs(root: unknown, options: WalkOptions = {}): string[] {
  const paragraphs: string[] = [];
  let buffer = "";
  let preDepth = 0;
  const flush = (): void => {
    for (const part of buffer.split(DOUBLE_BREAK)) {
      const paragraph = collapseWhitespace(part);
      if (paragraph) paragraphs.push(paragraph);
    }
    buffer = "";
  };

  type Step = { node: DomNode; exit?: "block" | "cell" | "pre" };
  const stack: Step[] = [{ node: root as DomNode }];
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    if (step.exit) {
      if (step.exit === "cell") buffer += " ";
      else flush();
      if (step.exit === "pre") preDepth -= 1;
      continue;
    }
    const { node } = step;
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      const text = node.nodeValue ?? "";
      buffer += preDepth > 0 ? text.replace(/[^\S\n]+/g, " ").replace(/\n/g, BREAK + BREAK) : text.replace(/\s+/g, " ");
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const element = node as DomElement;
    const tag = (element.localName ?? "").toLowerCase();
    if (tag === "br") {
      buffer += BREAK;
      continue;
    }
    if (isRemoved(element, tag, options)) continue;
    if (tag === "pre") {
      flush();
      preDepth += 1;
      stack.push({ node, exit: "pre" });
    } else if (BLOCK_TAGS.has(tag)) {
      flush();
      stack.push({ node, exit: "block" });
    } else if (CELL_TAGS.has(tag)) {
      buffer += " ";
      stack.push({ node, exit: "cell" });
    }
    const children = Array.from(element.childNodes);
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push({ node: children[i] as DomNode });
  }
  flush();
  return paragraphs;
}

function isRemoved(element: DomElement, tag: string, options: WalkOptions): boolean {
  if (REMOVED_TAGS.has(tag)) return true;
  if (element.hasAttribute("hidden")) return true;
  const role = element.getAttribute("role");
  if (role && REMOVED_ROLES.has(role.trim().toLowerCase())) return true;
  const style = element.getAttribute("style");
  if (style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  if (tag === "header" && isSiteHeader(element, options)) return true;
  return isWidget(`${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`);
}

/** A <header> holding navigation or search, or sitting outside any article on a whole page. */
function isSiteHeader(element: DomElement, options: WalkOptions): boolean {
  if (element.querySelector("nav, form, [role=navigation], [role=search]")) return true;
  return options.pageLevel === true && !element.closest("article, main");
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
