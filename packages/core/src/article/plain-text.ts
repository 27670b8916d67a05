/**
 * Plain text -> paragraphs, and the whitespace rule every text path shares. Nothing here parses HTML, so the
 * modules that only handle text (seed text, exports, the API) stay free of the HTML parser.
 */

/**
 * Invisible characters that only split words for a tokenizer (zero-width space, word joiner, BOM, soft hyphen)
 * and control characters, which no text means.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u2060\ufeff\u00ad]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the same characters, tested for
const HAS_INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u2060\ufeff\u00ad]/;
/** Whitespace that collapsing would change: two in a row, or any but a plain space. */
const NEEDS_COLLAPSE = /\s\s|[^\S ]/;
/** Plain text whose lines all fit this width, with multi-line blocks, is hard-wrapped prose. */
const HARD_WRAP_WIDTH = 100;

/**
 * Every run of whitespace (including no-break and ideographic spaces) one space, not trimmed. Most text has only
 * single spaces: it is tested before it is rewritten (a test allocates nothing; a replacement of each space by a
 * space does).
 */
export function singleSpaced(text: string): string {
  return NEEDS_COLLAPSE.test(text) ? text.replace(/\s+/g, " ") : text;
}

/** Collapses every run of whitespace (including no-break and ideographic spaces) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return singleSpaced(HAS_INVISIBLE.test(text) ? text.replace(INVISIBLE, "") : text).trim();
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
