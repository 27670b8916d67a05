/**
 * Drops site furniture lines and repairs the artefacts that stripping markup leaves behind. Every sentence of
 * the body survives: furniture is matched on whole short lines only, and repairs only move spaces or split a
 * glued attribution into its own paragraph.
 */
import {
  ATTRIBUTION_LEAD_INS,
  FURNITURE_LINES,
  FURNITURE_PHRASES,
  MAX_FURNITURE_PHRASE_LINE,
  MAX_RELATED_TITLE,
  NAVIGATION_MARKER,
} from "./furniture.ts";
import { collapseWhitespace } from "./html-to-paragraphs.ts";

/** Separators between furniture phrases on one line: spaces and the punctuation menus are built from. */
const SEPARATORS = String.raw`[\s|·•:.,!?…»›→>«‹←<\-–—/()\[\]]`;
const PHRASE_LINE = new RegExp(`^${SEPARATORS}*(?:(?:${FURNITURE_PHRASES.join("|")})(?:${SEPARATORS}+|$))+$`, "iu");
const OPEN_LINES = FURNITURE_LINES.map(({ pattern, maxLength }) => ({
  regex: new RegExp(`^(?:${pattern})$`, "iu"),
  maxLength,
}));
/** A furniture line that ends by announcing a link to another article. */
const ENDS_WITH_MARKER = new RegExp(`${NAVIGATION_MARKER}${SEPARATORS}*$`, "iu");
/** "Next Article: Some Other Headline" on one line. */
const MARKER_WITH_TITLE = new RegExp(`^${NAVIGATION_MARKER}(?!-)${SEPARATORS}+(.+)$`, "iu");
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

export function cleanParagraphs(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  let afterMarker = false;
  // Split first, then judge each part, so a second pass has nothing left to split or drop (idempotence).
  for (const paragraph of paragraphs.flatMap((raw) => splitGluedAttribution(fixArtefacts(raw)))) {
    if (!paragraph) continue;
    if (isFurniture(paragraph)) {
      afterMarker = afterMarker || ENDS_WITH_MARKER.test(paragraph);
      continue;
    }
    const inline = MARKER_WITH_TITLE.exec(paragraph);
    if (inline?.[1] && isTitleLike(inline[1])) {
      afterMarker = false;
      continue;
    }
    const isRelatedTitle = afterMarker && isTitleLike(paragraph);
    afterMarker = false;
    if (!isRelatedTitle) out.push(paragraph);
  }
  return out;
}
