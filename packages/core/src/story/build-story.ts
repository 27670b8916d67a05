/** FeedItem (+ optionally the extracted full text) -> Story in the seed shape. */
import { cleanParagraphs } from "../article/clean-paragraphs.ts";
import { detectLanguage, LANGUAGE_SAMPLE_CHARS } from "../article/detect-language.ts";
import { htmlToLine } from "../article/html-to-paragraphs.ts";
import { httpUrl, isHttpUrl } from "../feed/url.ts";
import { storyId } from "../ids.ts";
import type { FeedItem, Story } from "../types.ts";
import { itemParagraphs } from "./needs-full-text.ts";

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

/**
 * One line of plain text, by the one cleaning rule of every text field (feed/item.ts plainText): tags stripped,
 * entities decoded, markup escaped twice read once more (an <img onerror> in a title goes).
 */
export function plainLine(value: string | null | undefined): string {
  return value ? htmlToLine(value) : "";
}

/** Host name without "www.", or null when the value is not an http(s) URL. */
export function domainOf(url: string | null | undefined): string | null {
  const href = httpUrl(url);
  return href ? new URL(href).hostname.replace(/^www\./, "") || null : null;
}

/** Longest title taken from a story's own text (feed readers show about this much of an untitled item). */
export const DERIVED_TITLE_MAX_CHARS = 90;

const SENTENCE_END = /[.!?…。！？](?=["'”’»)\]]*(?:\s|$))/u;

/**
 * A title for an item that has none (and for stories stored before titles were derived at ingest), as feed
 * readers make one: the first sentence of the first paragraph when it is short enough (without its full stop),
 * else its first words up to `maxChars`, cut at a word and ended with "…".
 */
export function titleFromText(text: string | null | undefined, maxChars = DERIVED_TITLE_MAX_CHARS): string {
  const first = (text ?? "")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .find((p) => p.length > 0);
  if (!first) return "";
  const end = SENTENCE_END.exec(first);
  const sentence = end ? first.slice(0, end.index + 1) : first;
  if (sentence.length <= maxChars) return sentence.replace(/[.]$/, "");
  const cut = sentence.slice(0, maxChars);
  const space = cut.lastIndexOf(" ");
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, "")}…`;
}

export function buildStory(item: FeedItem, ctx: BuildStoryContext): Story {
  const ownTitle = plainLine(item.title);
  const extracted = ctx.extracted ? cleanParagraphs(ctx.extracted) : [];
  const paragraphs = extracted.length > 0 ? extracted : cleanParagraphs(itemParagraphs(item));
  if (ownTitle && paragraphs[0] === ownTitle) paragraphs.shift();
  const text = paragraphs.join("\n\n");
  const title = ownTitle || titleFromText(text);
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
    // A bounded sample: the detector reads at most its first few hundred characters anyway.
    language: detectLanguage(
      `${ownTitle}\n${text.slice(0, 2 * LANGUAGE_SAMPLE_CHARS)}`,
      item.language ?? ctx.feedLanguage ?? null,
    ),
    publishedAt: item.publishedAt,
    fetchedAt: ctx.fetchedAt,
  };
}
