/** FeedItem (+ optionally the extracted full text) -> Story in the seed shape. */
import { cleanParagraphs } from "../article/clean-paragraphs.ts";
import { detectLanguage } from "../article/detect-language.ts";
import { collapseWhitespace, htmlToParagraphs, looksLikeHtml } from "../article/html-to-paragraphs.ts";
import { httpUrl, isHttpUrl } from "../article/http-url.ts";
import type { FeedItem, Story } from "../types.ts";
import { itemParagraphs } from "./needs-full-text.ts";
import { storyId } from "./story-id.ts";

export interface BuildStoryContext {
  feedId: string | null;
  feedUrl: string | null;
  feedTitle: string | null;
  /** ISO 8601 UTC time the item was fetched. */
  fetchedAt: string;
  /** Paragraphs extracted from the article page; when given (and not empty) they replace the feed's body. */
  extracted?: readonly string[] | null;
  /** The feed's language tag, used when the item has none of its own. */
  feedLanguage?: string | null;
}

/** One line of plain text: tags stripped when the value looks like HTML (an <img onerror> in a title goes). */
export function plainLine(value: string | null | undefined): string {
  if (!value) return "";
  return looksLikeHtml(value) ? htmlToParagraphs(value).join(" ") : collapseWhitespace(value);
}

/** Host name without "www.", or null when the value is not an http(s) URL. */
export function domainOf(url: string | null | undefined): string | null {
  const href = httpUrl(url);
  return href ? new URL(href).hostname.replace(/^www\./, "") || null : null;
}

export function buildStory(item: FeedItem, ctx: BuildStoryContext): Story {
  const title = plainLine(item.title);
  const extracted = ctx.extracted ? cleanParagraphs(ctx.extracted) : [];
  const paragraphs = extracted.length > 0 ? extracted : cleanParagraphs(itemParagraphs(item));
  if (title && paragraphs[0] === title) paragraphs.shift();
  const text = paragraphs.join("\n\n");
  const url = isHttpUrl(item.url) ? item.url : null;
  return {
    id: storyId(item.key, ctx.feedUrl),
    key: item.key,
    feedId: ctx.feedId,
    title,
    text,
    url,
    source: plainLine(ctx.feedTitle) || domainOf(url) || domainOf(ctx.feedUrl) || "unknown",
    author: plainLine(item.author) || null,
    language: detectLanguage(`${title}\n${text}`, item.language ?? ctx.feedLanguage ?? null),
    publishedAt: item.publishedAt,
    fetchedAt: ctx.fetchedAt,
  };
}
