/**
 * The seed text format (../shared/seeds): an optional headline line, a blank line, then the body as
 * paragraphs. Parsing: markdown front matter at the top is ignored; the first line is the headline when a
 * blank line follows it (and a body follows that); body paragraphs are separated by blank lines, and in a body
 * with no blank line each line is a paragraph.
 *
 * Writing: `title + "\n\n" + paragraphs.join("\n\n") + "\n"`. Without a title the paragraphs are written one
 * per line (`paragraphs.join("\n") + "\n"`, the shape of seeds 000, 001 and 003): joined by blank lines, the
 * first paragraph would read back as a headline, and normalizing would not be idempotent in structure.
 */
import { cleanParagraphs } from "./clean-paragraphs.ts";
import { collapseWhitespace, textToParagraphs } from "./plain-text.ts";

export interface SeedText {
  title: string | null;
  paragraphs: string[];
}

const FRONT_MATTER = /^---[^\S\n]*\n[\s\S]*?\n(?:---|\.\.\.)[^\S\n]*(?:\n|$)/;

export function parseSeedText(text: string): SeedText {
  const normalized = text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
  const body = normalized.replace(/^\s*\n/, "").replace(FRONT_MATTER, "");
  const lines = body.replace(/^(?:[^\S\n]*\n)+/, "").split("\n");
  const first = collapseWhitespace(lines[0] ?? "");
  const secondIsBlank = lines.length > 1 && !lines[1]?.trim();
  const rest = lines.slice(1).join("\n");
  if (first && secondIsBlank && rest.trim()) {
    return { title: first, paragraphs: textToParagraphs(rest) };
  }
  return { title: null, paragraphs: textToParagraphs(body) };
}

export function toSeedText({ title, paragraphs }: SeedText): string {
  const body = paragraphs.map(collapseWhitespace).filter((p) => p.length > 0);
  const headline = collapseWhitespace(title ?? "");
  if (!headline) return body.length > 0 ? `${body.join("\n")}\n` : "";
  if (body.length === 0) return `${headline}\n`;
  return `${headline}\n\n${body.join("\n\n")}\n`;
}

/** Parse, drop furniture, repair artefacts, write back. Idempotent. */
export function normalizeText(text: string): string {
  const { title, paragraphs } = parseSeedText(text);
  return toSeedText({ title, paragraphs: cleanParagraphs(paragraphs) });
}
