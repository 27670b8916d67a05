/**
 * The invariants every built Story keeps, as one checkable list: what the store, the API, the exports and
 * the alerts rely on. Tests (and anyone handed a Story from outside) use storyProblems to check them.
 */
import type { Story } from "../types.ts";

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Markup that must never survive into plain text. */
const TAG = /<\/?(?:script|style|iframe|img|a|b|i|p|div|span|br|svg|object|embed)\b[^<>]*>/i;

function plainProblems(field: string, value: string, multiline: boolean): string[] {
  const problems: string[] = [];
  if (value !== value.trim()) problems.push(`${field} has leading or trailing whitespace`);
  if (CONTROL.test(value)) problems.push(`${field} contains a control character`);
  if (TAG.test(value)) problems.push(`${field} contains markup`);
  if (!multiline && value.includes("\n")) problems.push(`${field} spans lines`);
  return problems;
}

/** Every broken invariant of a story, as sentences; [] for a sound story. */
export function storyProblems(story: Story): string[] {
  const problems: string[] = [];
  if (!/^[0-9a-f]{16}$/.test(story.id)) problems.push(`id "${story.id}" is not 16 lowercase hex characters`);
  if (!story.key.trim()) problems.push("key is empty");
  problems.push(...plainProblems("title", story.title, false));
  problems.push(...plainProblems("text", story.text, true));
  const paragraphs = story.text === "" ? [] : story.text.split(/\n\n/);
  if (paragraphs.some((paragraph) => paragraph.trim() !== paragraph || !paragraph)) {
    problems.push("text is not paragraphs separated by single blank lines");
  }
  if (story.text && !story.title) problems.push("a story with text has no title");
  if (story.url !== null && !/^https?:\/\/[^\s]+$/i.test(story.url)) problems.push(`url "${story.url}" is not http(s)`);
  if (!story.source.trim()) problems.push("source is empty");
  if (story.author !== null) problems.push(...plainProblems("author", story.author, false));
  if (story.author === "") problems.push("author is empty instead of null");
  if (story.language !== null && !/^[a-z]{2,3}$/.test(story.language)) {
    problems.push(`language "${story.language}" is not an ISO 639 code`);
  }
  if (story.publishedAt !== null && !ISO_UTC.test(story.publishedAt)) {
    problems.push(`publishedAt "${story.publishedAt}" is not ISO 8601 UTC`);
  }
  if (!ISO_UTC.test(story.fetchedAt)) problems.push(`fetchedAt "${story.fetchedAt}" is not ISO 8601 UTC`);
  return problems;
}
