/**
 * Full-text extraction from an article page: @mozilla/readability on a linkedom document, then the same
 * paragraph walk and furniture cleaning as feed content. Pure: the caller fetches the page; a page that
 * cannot be read gives null, never an exception.
 */
import { Readability } from "@mozilla/readability";
import { DOMParser } from "linkedom";
import { httpUrl } from "../feed/url.ts";
import { cleanParagraphs } from "./clean-paragraphs.ts";
import { MAX_HTML_CHARS, MAX_NESTING_DEPTH, MIN_ARTICLE_CHARS } from "./constants.ts";
import { detectLanguage } from "./detect-language.ts";
import { nodeToParagraphs, withinBudget } from "./html-to-paragraphs.ts";
import { collapseWhitespace } from "./plain-text.ts";

/** NodeFilter.SHOW_ELEMENT */
const SHOW_ELEMENT = 1;

export interface ExtractedArticle {
  title: string | null;
  byline: string | null;
  paragraphs: string[];
  /** ISO 639-1 code: detected from the text, the page's own lang attribute as the hint. */
  language: string | null;
  /** As the page states it (meta tags or JSON-LD), not reformatted; null when absent. */
  publishedTime: string | null;
  excerpt: string | null;
  siteName: string | null;
}

/** linkedom's HTML document, with the documentURI it lacks (null unless the page URL was given). */
export type PageDocument = ReturnType<typeof parseHtmlDocument> & { readonly documentURI?: string | null };

function parseHtmlDocument(html: string) {
  return new DOMParser().parseFromString(html, "text/html");
}

/** Parses a page into a linkedom document whose documentURI/baseURI are set, as Readability expects. */
export function parsePage(html: string, url?: string | null): PageDocument {
  const input = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  let document = parseHtmlDocument(input);
  // A fragment parses with its first element as the root (and linkedom's body getter would graft an empty
  // body into it): give it a real document instead.
  if (document.documentElement?.localName !== "html") {
    document = parseHtmlDocument(`<!DOCTYPE html><html><head></head><body>${input}</body></html>`);
  }
  const documentUrl = httpUrl(url);
  if (documentUrl) {
    // linkedom leaves both null; Readability resolves relative links against them.
    const base = httpUrl(document.querySelector("base[href]")?.getAttribute("href"), documentUrl) ?? documentUrl;
    Object.defineProperty(document, "documentURI", { value: documentUrl, configurable: true });
    Object.defineProperty(document, "baseURI", { value: base, configurable: true });
  }
  return document as PageDocument;
}

/** Deepest element nesting, in one pass (each element's depth is its parent's plus one). */
function nestingDepth(document: PageDocument): number {
  const root = document.documentElement;
  if (!root) return 0;
  const walker = document.createTreeWalker(root, SHOW_ELEMENT);
  const depths = new Map<unknown, number>([[root, 0]]);
  let deepest = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const depth = (depths.get(node.parentNode) ?? 0) + 1;
    depths.set(node, depth);
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

function text(value: string | null | undefined): string | null {
  const cleaned = collapseWhitespace(value ?? "");
  return cleaned || null;
}

/** The article in a page, or null when there is none (or the page cannot be parsed). */
export function extractArticle(html: string, url?: string | null): ExtractedArticle | null {
  try {
    // Readability's own maxElemsToParse counts getElementsByTagName("*"), which linkedom answers with 0.
    const input = html.slice(0, MAX_HTML_CHARS);
    if (withinBudget(input).length < input.length) return null;
    const document = parsePage(input, url);
    if (nestingDepth(document) > MAX_NESTING_DEPTH) return null;
    const pageLanguage = document.documentElement?.getAttribute("lang") ?? null;
    const result = new Readability<unknown>(document, { serializer: (node) => node }).parse();
    if (!result?.content) return null;
    const title = text(result.title);
    const paragraphs = cleanParagraphs(nodeToParagraphs(result.content));
    if (title && paragraphs[0] && collapseWhitespace(paragraphs[0]) === title) paragraphs.shift();
    if (paragraphs.join(" ").length < MIN_ARTICLE_CHARS) return null;
    return {
      title,
      byline: text(result.byline),
      paragraphs,
      language: detectLanguage(`${title ?? ""}\n${paragraphs.join("\n")}`, result.lang ?? pageLanguage),
      publishedTime: text(result.publishedTime),
      excerpt: text(result.excerpt),
      siteName: text(result.siteName),
    };
  } catch {
    return null;
  }
}
