/**
 * The text model scoring and dedup work on: a headline (or none) and paragraphs, split into sentences, each
 * tagged with where it sits (title, lead, body). It accepts seed-shaped text, an object with paragraphs, or an
 * object with a text body, and never throws on odd input. Site furniture left in a text that was never
 * normalized (a scraped page's related-headline list, "Read more" block, tags) is dropped by the same rules as
 * normalization (article/clean-paragraphs.ts), so it never counts as evidence or as a novel sentence.
 */
import { dropFurniture } from "../article/clean-paragraphs.ts";
import { LEAD_SENTENCES } from "./constants.ts";

export type Where = "title" | "lead" | "body";

/** What callers may pass: seed-shaped text, `{ title, paragraphs }` or `{ title, text }`. */
export type DocInput =
  | string
  | { title?: string | null; paragraphs: readonly string[] }
  | { title?: string | null; text: string };

export interface Doc {
  title: string | null;
  paragraphs: string[];
}

export interface Sentence {
  /** Position in the document: the headline (when present) is 0. */
  index: number;
  text: string;
  where: Where;
  /** Paragraph number (-1 for the headline). */
  paragraph: number;
}

const MAX_TITLE_CHARS = 300;

/** Normalizes line breaks, strips a BOM and NULs; never throws. */
function cleanRaw(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replaceAll("\u0000", "");
}

/** Anything tidyLine would change besides the ends (checked first: most lines are already tidy). */
const UNTIDY = /[\t\u00A0\u2000-\u200B\u202F\u205F\u3000]| {2}| [.,;:!?]/;

/** Tidies whitespace inside a line and the space some extractors leave before punctuation ("casualties ."). */
export function tidyLine(line: string): string {
  if (!UNTIDY.test(line)) return line.trim();
  return line
    .replace(/[\t\u00A0\u2000-\u200B\u202F\u205F\u3000]+/g, " ")
    .replace(/ {2,}/g, " ")
    .replace(/ +([.,;:!?])(?=\s|$)/g, "$1")
    .trim();
}

const TERMINAL = /[.!?…:;"”’')\]]$/;

/**
 * Splits a block (no blank lines inside) into paragraphs: one per line, except that a line continuing a
 * hard-wrapped sentence (previous line without final punctuation, this one starting in lower case) is joined.
 */
function blockToParagraphs(block: string): string[] {
  const out: string[] = [];
  for (const raw of block.split("\n")) {
    const line = tidyLine(raw);
    if (line === "") continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && !TERMINAL.test(prev) && /^[\p{Ll}]/u.test(line)) {
      out[out.length - 1] = `${prev} ${line}`;
    } else {
      out.push(line);
    }
  }
  return out;
}

/** Paragraphs of a body text (blank-line or line separated). */
export function textToParagraphs(text: string): string[] {
  return cleanRaw(text)
    .split(/\n[ \t]*\n/)
    .flatMap(blockToParagraphs);
}

/**
 * Parses seed-shaped text: an optional headline line followed by a blank line, then paragraphs. A first block
 * of several lines is body, not a headline (some seeds have no headline).
 */
export function parseDocText(text: string): Doc {
  const blocks = cleanRaw(text)
    .split(/\n[ \t]*\n/)
    .map((b) => b.trim())
    .filter((b) => b !== "");
  const first = blocks[0];
  if (blocks.length >= 2 && first !== undefined && !first.includes("\n") && first.length <= MAX_TITLE_CHARS) {
    return { title: tidyLine(first), paragraphs: dropFurniture(blocks.slice(1).flatMap(blockToParagraphs)) };
  }
  return { title: null, paragraphs: dropFurniture(blocks.flatMap(blockToParagraphs)) };
}

/** Any accepted input as a Doc. Unknown shapes become an empty Doc rather than an exception. */
export function toDoc(input: DocInput): Doc {
  if (typeof input === "string") return parseDocText(input);
  if (input === null || typeof input !== "object") return { title: null, paragraphs: [] };
  const rawTitle = typeof input.title === "string" ? tidyLine(input.title) : "";
  const title = rawTitle === "" ? null : rawTitle;
  if ("paragraphs" in input && Array.isArray(input.paragraphs)) {
    const paragraphs = input.paragraphs
      .filter((p): p is string => typeof p === "string")
      .flatMap((p) => textToParagraphs(p));
    return { title, paragraphs: dropFurniture(paragraphs) };
  }
  if ("text" in input && typeof input.text === "string") {
    return { title, paragraphs: dropFurniture(textToParagraphs(input.text)) };
  }
  return { title, paragraphs: [] };
}

/** Lower-case words (without the final dot) after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(
  (
    "mr mrs ms messrs dr prof gen lt col maj capt cmdr cdr adm sgt cpl pvt sen rep gov pres st jr sr rev hon amb " +
    "no nos vol vols fig approx est dept univ inc ltd co corp bros vs cf al e.g i.e jan feb mar apr jun jul aug " +
    "sep sept oct nov dec mon tue tues wed thu thur thurs fri sat mt ft gov't govt reps sens pp op ed eds"
  ).split(" "),
);

const LETTER = /\p{L}/u;

/** True when the text before a full stop ends with an abbreviation or an initial ("U.S.", "J.", "Gen."). */
function endsWithAbbreviation(before: string): boolean {
  let i = before.length;
  while (i > 0) {
    const ch = before.charAt(i - 1);
    if (ch === "." || ch === "'" || LETTER.test(ch)) i--;
    else break;
  }
  let word = before.slice(i);
  while (word.startsWith(".") || word.startsWith("'")) word = word.slice(1);
  if (word === "") return false;
  // Initials and dotted acronyms: "U.S", "U.N", "J", "a.m", "p.m".
  if (/^(?:\p{L}\.)*\p{L}$/u.test(word) && word.replace(/\./g, "").length <= 4 && word.length <= 7) {
    if (word.length === 1 || word.includes(".")) return true;
  }
  return ABBREVIATIONS.has(word.toLowerCase());
}

const BOUNDARY = /([.!?…]+)(["'”’)\]]*)(\s+)(?=["'“‘([]?[\p{Lu}\p{N}])/gu;
/** A full stop glued to the next capitalised word: "sanctions.Source" (checked further in unglue). */
const GLUED = /[.!?](?=\p{Lu}\p{Ll})/gu;
const LOWER3 = /^\p{Ll}{3}$/u;

/** Separates "word.Word" left by a bad extraction when the left word ends in 3+ lower-case letters. */
function unglue(text: string): string {
  if (!GLUED.test(text)) return text;
  GLUED.lastIndex = 0;
  return text.replace(GLUED, (punct: string, at: number) =>
    LOWER3.test(text.slice(Math.max(0, at - 3), at)) ? `${punct} ` : punct,
  );
}

/** Splits a paragraph into sentences; abbreviations and initials ("U.S.", "Gen.", "Feb.") do not split. */
export function splitSentences(paragraph: string): string[] {
  return splitTidy(tidyLine(paragraph));
}

/** splitSentences of a paragraph that is already tidy (toDoc's paragraphs are, and any suffix of one). */
export function splitTidy(tidy: string): string[] {
  const text = unglue(tidy);
  if (text === "") return [];
  const out: string[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m !== null; m = BOUNDARY.exec(text)) {
    const punct = m[1] ?? "";
    const end = m.index + punct.length + (m[2] ?? "").length;
    if (punct === "." && endsWithAbbreviation(text.slice(Math.max(start, m.index - 24), m.index))) continue;
    const sentence = text.slice(start, end).trim();
    if (sentence !== "") out.push(sentence);
    start = end + (m[3] ?? "").length;
  }
  const rest = text.slice(start).trim();
  if (rest !== "") out.push(rest);
  return out;
}

const MONTH_NAMES =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
/** A sentence that is only a place and a date: "18 March 2025.", "Beijing, 14 February 2025.", "MOSCOW, December 3." */
const DATE_ONLY = new RegExp(
  `^(?:\\p{Lu}[\\p{L}'\u2019. -]{1,30},\\s*)?(?:\\p{L}{3,9},?\\s+)?(?:\\d{1,2}\\s+(?:${MONTH_NAMES})\\.?|(?:${MONTH_NAMES})\\.?\\s+\\d{1,2})(?:,?\\s+\\d{4})?\\.?(?:\\s*/[\\p{Lu}-]+/\\.?)?$`,
  "iu",
);

/**
 * The sentences of a Doc (tidy paragraphs, as toDoc makes them), headline first, with the first LEAD_SENTENCES
 * body sentences marked as the lead. A first sentence that is only a place and a date ("18 March 2025.", the
 * opening of statements and readouts) is no sentence of the story: it would take the lead's place.
 */
export function docSentences(doc: Doc): Sentence[] {
  const out: Sentence[] = [];
  if (doc.title !== null && doc.title !== "") out.push({ index: 0, text: doc.title, where: "title", paragraph: -1 });
  let bodyCount = 0;
  doc.paragraphs.forEach((p, paragraph) => {
    for (const text of splitTidy(p)) {
      if (bodyCount === 0 && text.length <= 60 && DATE_ONLY.test(text)) continue;
      const where: Where = bodyCount < LEAD_SENTENCES ? "lead" : "body";
      out.push({ index: out.length, text, where, paragraph });
      bodyCount++;
    }
  });
  return out;
}
