/**
 * Plain text -> paragraphs, and the whitespace rule every text path shares. Nothing here parses HTML, so the
 * modules that only handle text (seed text, exports, the API) stay free of the DOM (linkedom).
 */

/** Invisible characters that only split words for a tokenizer: zero-width space, word joiner, BOM, soft hyphen. */
const INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/g;
/** Plain text whose lines all fit this width, with multi-line blocks, is hard-wrapped prose. */
const HARD_WRAP_WIDTH = 100;

/** Collapses every run of whitespace (including no-break and ideographic spaces) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/**
 * Splits plain text into paragraphs. Each line is a paragraph, except in hard-wrapped text (blank lines between
 * blocks of several lines, no line longer than HARD_WRAP_WIDTH) where the lines of a block are joined.
 */
export function textToParagraphs(text: string): string[] {
  const lines = text.replace(/\r\n?/g, "\n").trim().split("\n");
  const blocks = lines.join("\n").split(/\n[^\S\n]*\n/);
  const hardWrapped =
    blocks.length > 1 &&
    blocks.some((block) => block.trim().includes("\n")) &&
    lines.every((line) => line.trim().length <= HARD_WRAP_WIDTH);
  return (hardWrapped ? blocks : lines).map(collapseWhitespace).filter((p) => p.length > 0);
}
