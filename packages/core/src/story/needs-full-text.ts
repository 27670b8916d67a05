/** Decides whether a feed item carries only a teaser, so the article page should be fetched and extracted. */
import { htmlToParagraphs } from "../article/html-to-paragraphs.ts";
import { isHttpUrl } from "../feed/url.ts";
import type { FeedItem } from "../types.ts";

/** A body shorter than this (in characters of plain text) is treated as a summary. */
export const SUMMARY_MAX_CHARS = 600;

/** How teasers end: an ellipsis, "[…]", "Read more", "Continue reading →", "(more…)". */
const TEASER_ENDING =
  /(?:…|\.\.\.|\[(?:…|\.\.\.)\]|\((?:more|read more)\s*(?:…|\.\.\.)?\)|read more|continue reading|read the full (?:story|article)|keep reading)[\s.:»›→>)\]]*$/iu;

/** The item's text as plain paragraphs: its richest body, else its summary. */
export function itemParagraphs(item: Pick<FeedItem, "contentHtml" | "summary">): string[] {
  const body = htmlToParagraphs(item.contentHtml ?? "");
  return body.length > 0 ? body : htmlToParagraphs(item.summary ?? "");
}

export function needsFullText(item: Pick<FeedItem, "url" | "contentHtml" | "summary">): boolean {
  if (!isHttpUrl(item.url)) return false;
  const text = itemParagraphs(item).join("\n");
  return text.length < SUMMARY_MAX_CHARS || TEASER_ENDING.test(text);
}
