/**
 * A document reduced to what duplicate detection compares: body sentences without datelines, agency credits
 * or furniture, spellings folded, with their words, content words, shingles, numbers, named entities, dates
 * and quotations. Prepare once and compare many times.
 */

import { wordRanges, words } from "../scoring/analysis.ts";
import { type Doc, type DocInput, splitTidy, toDoc } from "../scoring/text.ts";
import { dayOfTimestamp, dayWords, documentDate } from "./dates.ts";
import type { EventCues } from "./event.ts";
import { fnv1a, fnv1aRange, shingleSimhash, shinglesOfHashes, simhash } from "./hash.ts";
import {
  foldSpelling,
  isBoilerplate,
  isPhotoCaption,
  type SoftNumber,
  softNumbers,
  splitDateline,
} from "./normalize.ts";
import { countryOf } from "./places.ts";
import { stem } from "./stem.ts";

export interface PreparedSentence {
  text: string;
  tokens: string[];
  /** fnv1a of each token. */
  hashes: number[];
  content: Set<string>;
  shingles: Set<number>;
  numbers: string[];
  /** The word after each of `numbers`: what it counts ("12 warships" -> "warships"). */
  units: string[];
  /** Figures written in words ("three-way", "half a century"): they match digits but are no new fact alone. */
  soft: SoftNumber[];
  entities: string[];
  /**
   * Names: runs of adjacent capitalised words (not the sentence's first word), lower case ("minoru kihara",
   * "sudan doctors network"). The last word is the head: "vladimir putin" is not a new name where "putin" is known.
   */
  names: string[][];
  dates: string[];
  quotes: string[][];
}

/** A document reduced for comparison; build once with `prepare` when comparing it to many. */
export interface Prepared {
  sentences: PreparedSentence[];
  shingles: Set<number>;
  tokens: Set<string>;
  contentCounts: Map<string, number>;
  entities: Set<string>;
  /** Stems of the content words of the headline and body (stem.ts), with their counts. */
  stems: Map<string, number>;
  /** The day the text was written (days since 1970-01-01; dates.ts), from the text, else its publishedAt; or null. */
  day: number | null;
  /** The headline (kept out of the sentences). */
  title: string | null;
  /** The headline as a sentence (judged for new facts in short items): see `titleSentence`. */
  titleSentence?: PreparedSentence | null;
  /** Datelines removed from the paragraphs ("ISTANBUL, May 16, 2025 (GWS) -"). */
  datelines: string[];
  /** For lazily scoring storylines. */
  source: DocInput;
  storylineIds?: string[];
  /** Content word -> sentence numbers, built on first comparison. */
  sentenceIndex?: Map<string, number[]>;
  /** What the headline and lead say about a meeting, read when first needed (event.ts). */
  event?: EventCues;
}

/** Function words: no content, no fact. */
export const STOPWORDS = new Set(
  (
    "a an the and or but if of to in on at by for with from as into over under about after before between " +
    "during without within against among through since until upon per via is are was were be been being am " +
    "has have had having do does did doing will would shall should can could may might must it its it's this " +
    "that these those there here their they them he him his she her we our us you your i me my not no nor so " +
    "than too very also just only more most much many some such any each other another all both few own same " +
    "said says say told according while which who whom whose what when where why how s t"
  ).split(" "),
);

const WEEKDAYS_MONTHS = new Set(
  (
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july " +
    "august september october november december"
  ).split(" "),
);

/** Capitalised words that start clauses or titles rather than name things. */
const NOT_ENTITIES = new Set(
  "the a an in on at but and or as it its he she they we this that these those his her their mr mrs ms dr".split(" "),
);

const QUOTE_CHAR = /[“"«‘]/;
/**
 * Quotations: curly or guillemet quotes, and straight ones that open after a space or bracket and close before a
 * space or punctuation, so the text between two quoted ship names ("Admiral Tributs", the corvettes "Gromky") is no
 * quotation.
 */
const QUOTED = /[“«]([^”»]{8,})[”»]|‘([^’]{8,})’|(?<![^\s([—–-])"([^"]{8,})"(?=[\s.,;:!?)\]—–-]|$)/gu;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(word.charAt(0));
}

const UPPER = /\p{Lu}/u;

function prepareSentence(raw: string): PreparedSentence {
  const text = foldSpelling(raw);
  const ranges = wordRanges(text);
  const orig: string[] = [];
  for (let r = 0; r < ranges.length; r += 2) orig.push(text.slice(ranges[r] ?? 0, ranges[r + 1] ?? 0));
  /** Only a space between words i-1 and i (a comma or a dash ends a name). */
  const spaced = (i: number) => text.slice(ranges[2 * i - 1] ?? 0, ranges[2 * i] ?? 0) === " ";
  const tokens: string[] = [];
  const hashes: number[] = [];
  const content = new Set<string>();
  const numbers: string[] = [];
  const units: string[] = [];
  const entities: string[] = [];
  const names: string[][] = [];
  const dates: string[] = [];
  let name: string[] | null = null;
  for (let i = 0; i < orig.length; i++) {
    const w = orig[i] ?? "";
    const lw = w.toLowerCase();
    tokens.push(lw);
    hashes.push(fnv1a(lw));
    if (isDigit(w.charCodeAt(0))) {
      const unit = (orig[i + 1] ?? "").toLowerCase();
      // "2 decades", "3 dozen" and "2 weeks" are figures in words (softNumbers), not the numbers 2 and 3.
      if (unit !== "decades" && unit !== "dozen" && unit !== "weeks") {
        numbers.push(lw);
        units.push(unit);
      }
      content.add(lw);
      name = null;
      continue;
    }
    if (lw.length > 1 && !STOPWORDS.has(lw)) content.add(lw);
    if (WEEKDAYS_MONTHS.has(lw)) {
      dates.push(lw);
      name = null;
    } else if (i > 0 && lw.length > 1 && isUpper(w) && !NOT_ENTITIES.has(lw)) {
      entities.push(lw);
      if (name === null || !spaced(i)) {
        name = [lw];
        names.push(name);
      } else name.push(lw);
    } else name = null;
  }
  const quotes: string[][] = [];
  if (QUOTE_CHAR.test(text)) {
    for (const m of text.matchAll(QUOTED)) {
      const q = words((m[1] ?? m[2] ?? m[3] ?? "").toLowerCase());
      if (q.length >= 4) quotes.push(q.filter((w) => !STOPWORDS.has(w)));
    }
  }
  return {
    text: raw,
    tokens,
    hashes,
    content,
    shingles: shinglesOfHashes(hashes),
    numbers,
    units,
    soft: softNumbers(text),
    entities,
    names,
    dates,
    quotes,
  };
}

/**
 * The body's sentences that carry the story (no dateline, credits or furniture); the title when there is no
 * body. Datelines removed go to `datelines` when given.
 */
function storySentences(doc: Doc, datelines?: string[]): string[] {
  const paragraphs = doc.paragraphs.length > 0 ? doc.paragraphs : doc.title === null ? [] : [doc.title];
  const out: string[] = [];
  for (const p of paragraphs) {
    const { dateline, rest } = splitDateline(p);
    if (dateline !== "") datelines?.push(dateline);
    // toDoc's paragraphs are tidy, and so is what follows a dateline.
    const sentences = splitTidy(rest.trimStart());
    // A photo caption: its credit ends the paragraph ("... Handout via REUTERS"); all of it is furniture.
    if (isPhotoCaption(sentences[sentences.length - 1] ?? "") || isPhotoCaption(sentences[0] ?? "")) continue;
    for (const s of sentences) if (!isBoilerplate(s)) out.push(s);
  }
  return out;
}

/** Reduces a document for comparison (datelines, credits and furniture dropped; title kept out of the body). */
export function prepare(input: DocInput): Prepared {
  const doc = toDoc(input);
  const datelines: string[] = [];
  const sentences = storySentences(doc, datelines).map(prepareSentence);
  const all: number[] = [];
  const tokens = new Set<string>();
  const contentCounts = new Map<string, number>();
  const entities = new Set<string>();
  for (const s of sentences) {
    for (const h of s.hashes) all.push(h);
    for (const t of s.tokens) tokens.add(t);
    for (const c of s.content) contentCounts.set(c, (contentCounts.get(c) ?? 0) + 1);
    for (const e of s.entities) entities.add(e);
    for (const n of s.numbers) entities.add(n);
    // A figure in words matches the same figure in digits: "over 50 years" is no news after "half a century".
    for (const f of s.soft) tokens.add(f.value);
  }
  const stems = new Map<string, number>();
  for (const [w, n] of contentCounts) {
    const s = stemOf(w);
    stems.set(s, (stems.get(s) ?? 0) + n);
  }
  // The title and the datelines ("QINGDAO, June 26") are known words: the body of the other text may repeat them.
  for (const line of doc.title === null ? datelines : [doc.title, ...datelines]) {
    for (const w of words(foldSpelling(line))) {
      const lw = w.toLowerCase();
      tokens.add(lw);
      if (line === doc.title && lw.length > 1 && !STOPWORDS.has(lw)) {
        const s = stemOf(lw);
        stems.set(s, (stems.get(s) ?? 0) + 1);
      }
    }
  }
  // The day the text was written is known: a rewrite that says "on Tuesday" or "on March 11" names no new day.
  const day = documentDate(bodyText(input)) ?? dayOfTimestamp(publishedAtOf(input));
  if (day !== null) {
    const { weekday, monthDay } = dayWords(day);
    tokens.add(weekday);
    for (const w of monthDay.split(" ")) tokens.add(w);
  }
  return {
    sentences,
    shingles: shinglesOfHashes(all),
    tokens,
    contentCounts,
    stems,
    day,
    entities,
    title: doc.title,
    datelines,
    source: input,
  };
}

/** A content word as compared across texts: its country when it stands for one ("kremlin"), else its stem. */
export function stemOf(word: string): string {
  return countryOf(word) ?? stem(word);
}

/** The headline of a document with a body, as a sentence (prepared on first use), or null. */
export function titleSentence(p: Prepared): PreparedSentence | null {
  if (p.titleSentence === undefined) {
    p.titleSentence = p.title === null || p.sentences.length === 0 ? null : prepareSentence(p.title);
  }
  return p.titleSentence;
}

/** The raw body of an input (the text after a seed-shaped headline), where a masthead or date line sits. */
function bodyText(input: DocInput): string {
  if (typeof input === "string") {
    // The headline is the first line when a blank line follows it (parseDocText); "\r" is whitespace to the reader.
    const text = input.trimStart();
    const br = text.indexOf("\n");
    if (br < 0) return text;
    const next = text.indexOf("\n", br + 1);
    const gap = text.slice(br + 1, next < 0 ? text.length : next);
    return gap.trim() === "" ? text.slice(br + 1) : text;
  }
  if (input === null || typeof input !== "object") return "";
  if ("text" in input && typeof input.text === "string") return input.text;
  if ("paragraphs" in input && Array.isArray(input.paragraphs)) return input.paragraphs.join("\n\n");
  return "";
}

/** A story's publishedAt, when the input is one (a Story passed as a document). */
function publishedAtOf(input: DocInput): string | null {
  if (typeof input !== "object" || input === null || !("publishedAt" in input)) return null;
  const at = (input as { publishedAt?: unknown }).publishedAt;
  return typeof at === "string" ? at : null;
}

/** SimHash of a prepared document (same as fingerprint(doc)). */
export function preparedFingerprint(p: Prepared): string {
  return simhash(p.shingles);
}

/** SimHash fingerprint (16 hex characters) of a document: seed-shaped text, `{ title, paragraphs }` or `{ title, text }`. */
export function fingerprint(input: DocInput): string {
  const hashes: number[] = [];
  for (const s of storySentences(toDoc(input))) {
    const text = foldSpelling(s);
    const lower = text.toLowerCase();
    const source = lower.length === text.length ? lower : text;
    const ranges = wordRanges(text);
    for (let r = 0; r < ranges.length; r += 2) {
      const from = ranges[r] ?? 0;
      const to = ranges[r + 1] ?? 0;
      hashes.push(source === lower ? fnv1aRange(lower, from, to) : fnv1a(text.slice(from, to).toLowerCase()));
    }
  }
  return shingleSimhash(hashes);
}
