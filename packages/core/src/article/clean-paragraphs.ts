/**
 * Drops site furniture and repairs the artefacts that stripping markup leaves behind. Every sentence of the
 * body survives: furniture is matched on whole short lines only, and repairs only move spaces or split a
 * glued attribution into its own paragraph.
 *
 * Furniture is recognised by shape, not by what it says:
 *   - a whole line of closed phrases ("Share on X", "Advertisement") or an open-ended furniture line
 *     ("Tags: ...", "Sign up for our newsletter ...");
 *   - a link on its own line ("- [Headline](https://...)", a bare URL);
 *   - a link-list heading ("Related stories", "READ MORE", "Most read") and the run of headline-like lines
 *     after it (bulleted or not), up to the first line of prose;
 *   - "Previous/Next Article" and the one headline after it;
 *   - a run of two or more bulleted or numbered headline-like lines that ends the article (a related-links
 *     box without a heading), unless a lead-in ending in ":" introduces it (then it is the article's list).
 * A headline-like line is short and does not end like a sentence (no final ".", ":", ";" or ",").
 */
import {
  ATTRIBUTION_LEAD_INS,
  FURNITURE_LINES,
  FURNITURE_PHRASES,
  LINK_LIST_HEADINGS,
  MAX_FURNITURE_PHRASE_LINE,
  MAX_RELATED_TITLE,
  NAVIGATION_MARKER,
} from "./furniture.ts";
import { collapseWhitespace } from "./plain-text.ts";

/** Separators between furniture phrases on one line: spaces and the punctuation menus are built from. */
const SEPARATORS = String.raw`[\s|·•:.,!?…»›→>«‹←<\-–—/()\[\]]`;
const PHRASE_LINE = new RegExp(`^${SEPARATORS}*(?:(?:${FURNITURE_PHRASES.join("|")})(?:${SEPARATORS}+|$))+$`, "iu");
const OPEN_LINES = FURNITURE_LINES.map(({ pattern, maxLength, caseSensitive }) => ({
  regex: new RegExp(`^(?:${pattern})$`, caseSensitive === true ? "u" : "iu"),
  maxLength,
}));
/** A furniture line that ends by announcing a link to another article. */
const ENDS_WITH_MARKER = new RegExp(`${NAVIGATION_MARKER}${SEPARATORS}*$`, "iu");
/** "Next Article: Some Other Headline" on one line. */
const MARKER_WITH_TITLE = new RegExp(`^${NAVIGATION_MARKER}(?!-)${SEPARATORS}+(.+)$`, "iu");
/** A link-list heading on its own line, optionally ending in ":" or an arrow. */
const LINK_LIST_HEADING = new RegExp(`^(?:${LINK_LIST_HEADINGS.join("|")})${SEPARATORS}*$`, "iu");
/** A list item's marker: a bullet, an arrow or a number ("1.", "2)"). */
const LIST_MARKER = /^(?:[-*\u2022\u00B7\u00BB\u203A\u25AA\u25A0\u25E6\u2013\u2014\u2192]|\d{1,2}[.)])\s+/u;
/** A line that is one link: "[Headline](https://...)" (a list marker before it allowed), or a bare URL. */
const LINK_LINE = /^(?:\[[^\]]{1,300}\]\([^)\s]{1,2000}\)|<?(?:https?:)?\/\/\S+>?)$/iu;
/** Longest paragraph that can be furniture at all (the cookie notices): longer ones are prose, no test needed. */
const MAX_FURNITURE_CHARS = Math.max(MAX_FURNITURE_PHRASE_LINE, ...FURNITURE_LINES.map((l) => l.maxLength));
/** The open-ended furniture lines that may be longer than any phrase line (cookie notices, tag lists). */
const LONG_OPEN_LINES = OPEN_LINES.filter((l) => l.maxLength > MAX_FURNITURE_PHRASE_LINE);
/** A paragraph that ends like a sentence: no heading, link, listed headline or phrase line can. */
const SENTENCE_END = /[.!?…]["”’)\]]?$/u;
/** A space left in front of "." or "," by a stripped citation or link: "casualties ." -> "casualties.". */
const SPACE_BEFORE_STOP = /[^\S\n]+([.,])(?=$|[\s"”’')\]»])/gu;
/** Sentence end immediately followed (no space) by an attribution lead-in. */
const GLUED_ATTRIBUTION = new RegExp(
  `^(.*[\\p{Ll}\\p{N}%)][.!?…]["”’)]?)((?:${ATTRIBUTION_LEAD_INS.map(escapeRegExp).join("|")}).{0,200})$`,
  "u",
);

/** Any attribution lead-in, anywhere: a cheap test before GLUED_ATTRIBUTION. */
const LEAD_IN = new RegExp(ATTRIBUTION_LEAD_INS.map(escapeRegExp).join("|"), "u");

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** True when the whole line is site furniture ("Share on X", "No time to read? Get a summary", a cookie notice). */
export function isFurniture(line: string): boolean {
  const text = collapseWhitespace(line);
  if (!text) return false;
  if (text.length <= MAX_FURNITURE_PHRASE_LINE && PHRASE_LINE.test(text)) return true;
  return OPEN_LINES.some(({ regex, maxLength }) => text.length <= maxLength && regex.test(text));
}

/** Spaces collapsed, the space before "." and "," removed. Quotes and dashes are left exactly as they are. */
export function fixArtefacts(paragraph: string): string {
  return collapseWhitespace(paragraph).replace(SPACE_BEFORE_STOP, "$1");
}

/** "…and sanctions.Source attribution: Business Insider." -> the sentence, then the attribution on its own. */
export function splitGluedAttribution(paragraph: string): string[] {
  // The full pattern backtracks through the whole paragraph; without a lead-in anywhere it cannot match.
  if (!LEAD_IN.test(paragraph)) return [paragraph];
  const match = GLUED_ATTRIBUTION.exec(paragraph);
  if (!match?.[1] || !match[2]) return [paragraph];
  return [match[1], match[2]];
}

/** A short line that reads like a headline rather than prose (it does not end in a full stop). */
function isTitleLike(line: string): boolean {
  return line.length <= MAX_RELATED_TITLE && !/[.:;,]["”’)]?$/u.test(line);
}

/** The line without its list marker ("- ", "• ", "3. "). */
function withoutMarker(line: string): string {
  return line.replace(LIST_MARKER, "");
}

/** A line that is only a link to another page: "- [Headline](url)", a bare URL. */
export function isLinkLine(line: string): boolean {
  return line.length <= 2400 && LINK_LINE.test(withoutMarker(line.trim()));
}

/** A heading that opens a block of links to other articles ("Related stories", "READ MORE:", "Most read"). */
export function isLinkListHeading(line: string): boolean {
  return line.length <= 80 && LINK_LIST_HEADING.test(line.trim());
}

/** A bulleted or numbered headline-like line ("• Zelensky rules out withdrawing from Donbas"). */
function isListedTitle(line: string): boolean {
  return LIST_MARKER.test(line) && isTitleLike(withoutMarker(line));
}

/**
 * Drops furniture lines and blocks (see the top of this file) and keeps everything else as it is. Idempotent;
 * used by normalization (cleanParagraphs) and by scoring and duplicate detection on texts that were never
 * normalized, so a scraped page's related-headline list never counts as evidence.
 */
export function dropFurniture(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  /** Headline-like lines still to drop: after "Next Article" one, after a link-list heading all in a row. */
  let pending: "none" | "one" | "run" = "none";
  for (const paragraph of paragraphs) {
    if (!paragraph) continue;
    // Most paragraphs are prose: longer than any phrase line and ending like a sentence. Only a long open-ended
    // furniture line (a cookie notice) can look like that, so only those patterns are tried.
    const long = paragraph.length > MAX_FURNITURE_PHRASE_LINE;
    if (
      paragraph.length > MAX_FURNITURE_CHARS ||
      (long &&
        SENTENCE_END.test(paragraph) &&
        !LONG_OPEN_LINES.some((l) => paragraph.length <= l.maxLength && l.regex.test(paragraph)))
    ) {
      pending = "none";
      out.push(paragraph);
      continue;
    }
    if (isLinkListHeading(paragraph)) {
      pending = "run";
      continue;
    }
    if (isFurniture(paragraph)) {
      if (pending === "none" && ENDS_WITH_MARKER.test(paragraph)) pending = "one";
      continue;
    }
    if (isLinkLine(paragraph)) continue;
    const inline = MARKER_WITH_TITLE.exec(paragraph);
    if (inline?.[1] && isTitleLike(inline[1])) {
      pending = "none";
      continue;
    }
    if (pending !== "none" && isTitleLike(withoutMarker(paragraph))) {
      if (pending === "one") pending = "none";
      continue;
    }
    pending = "none";
    out.push(paragraph);
  }
  // A related-links box without a heading: two or more listed headlines that end the article.
  let start = out.length;
  while (start > 0 && isListedTitle(out[start - 1] ?? "")) start--;
  const leadIn = out[start - 1];
  if (out.length - start >= 2 && !(leadIn !== undefined && /:\s*$/.test(leadIn))) out.length = start;
  return out;
}

export function cleanParagraphs(paragraphs: readonly string[]): string[] {
  // Split first, then judge each part, so a second pass has nothing left to split or drop (idempotence).
  return dropFurniture(paragraphs.flatMap((raw) => splitGluedAttribution(fixArtefacts(raw))));
}
