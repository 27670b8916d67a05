/**
 * Offline language detection: franc-min trigrams (restricted to the languages we can name in ISO 639-1), ranked
 * by trigram-ranking.ts (franc's scores, faster) on a bounded sample of the text, with the feed's or page's own
 * language tag as a hint. The hint wins when the text is too short to judge,
 * when franc's best guesses are too close to call, or when the hint is itself among them.
 */
import { FOREIGN_LETTERS, ISO639_3_TO_1, LANGUAGE_ALIASES, LANGUAGE_PRIORITY } from "./languages.ts";
import { rankLanguages } from "./trigram-ranking.ts";

/** Below this many letters, trigram statistics are noise: the hint decides (or the script, for CJK and the like). */
export const MIN_LETTERS_FOR_DETECTION = 40;
/** franc scores are 1 for the best language; another within this distance is "too close to call". */
const CLOSE_CALL = 0.05;
/**
 * Characters of text ranked: enough for a confident call on news prose (franc makes the same call on 200 characters as
 * on 600 for all but one of the 81 evaluation articles), and the cost of detection is linear in it.
 */
export const LANGUAGE_SAMPLE_CHARS = 256;

const CANDIDATES = Object.keys(ISO639_3_TO_1);
const DETECTABLE: ReadonlySet<string> = new Set(Object.values(ISO639_3_TO_1));

/** "en-GB", "EN_us", "eng", "zh-Hans-CN" -> "en", "en", "en", "zh"; null when it is not a language tag. */
export function normalizeLanguageTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const primary =
    tag
      .trim()
      .toLowerCase()
      .split(/[-_\s]/)[0] ?? "";
  if (!/^[a-z]{2,3}$/.test(primary)) return null;
  if (primary.length === 2) return primary;
  return ISO639_3_TO_1[primary] ?? LANGUAGE_ALIASES[primary] ?? null;
}

const LETTER = /\p{L}/u;

/**
 * Code units of the text's letters (what `text.replace(/\P{L}+/gu, "").length` counts), counted up to `enough`:
 * detectLanguage only compares the count with 0 and with MIN_LETTERS_FOR_DETECTION.
 */
export function letterUnits(text: string, enough = Number.POSITIVE_INFINITY): number {
  let count = 0;
  for (let i = 0; i < text.length && count < enough; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      const lower = code | 0x20;
      if (lower >= 0x61 && lower <= 0x7a) count++;
      continue;
    }
    const point = text.codePointAt(i) as number;
    const units = point > 0xffff ? 2 : 1;
    if (LETTER.test(String.fromCodePoint(point))) count += units;
    i += units - 1;
  }
  return count;
}

const URLS = /https?:\/\/\S+/g;
/** What the sample leaves out: numbers, punctuation, symbols, and whitespace (one space stands for a run of them). */
const LEFT_OUT = /[\p{N}\p{P}\p{S}]|\s/u;
/** Code unit -> 1 when LEFT_OUT, 2 when kept, 0 when not yet looked at (a surrogate pair is looked at as one). */
const leftOutUnits = new Uint8Array(65_536);

function isLeftOutUnit(code: number): boolean {
  const known = leftOutUnits[code] as number;
  if (known !== 0) return known === 1;
  const leftOut = LEFT_OUT.test(String.fromCharCode(code));
  leftOutUnits[code] = leftOut ? 1 : 2;
  return leftOut;
}

/**
 * The text ranked: its first characters without links, numbers, punctuation or symbols, each run of those and of
 * whitespace one space, trimmed, at most LANGUAGE_SAMPLE_CHARS long. The same string as
 * `text.slice(0, 2 * LANGUAGE_SAMPLE_CHARS).replace(URLS, " ").replace(/[\p{N}\p{P}\p{S}]+/gu, " ").replace(/\s+/g, " ")
 * .trim().slice(0, LANGUAGE_SAMPLE_CHARS)`, in one pass over the characters.
 */
export function detectionSample(text: string): string {
  const source = text.slice(0, LANGUAGE_SAMPLE_CHARS * 2).replace(URLS, " ");
  let sample = "";
  let kept = 0;
  let inGap = false;
  for (let i = 0; i < source.length; ) {
    const code = source.charCodeAt(i);
    let units = 1;
    let leftOut: boolean;
    const low = code >= 0xd800 && code <= 0xdbff ? source.charCodeAt(i + 1) : 0;
    if (low >= 0xdc00 && low <= 0xdfff) {
      units = 2;
      leftOut = LEFT_OUT.test(source.slice(i, i + 2));
    } else {
      leftOut = isLeftOutUnit(code);
    }
    if (leftOut && !inGap) {
      sample += `${source.slice(kept, i)} `;
      inGap = true;
    } else if (!leftOut && inGap) {
      kept = i;
      inGap = false;
    }
    i += units;
  }
  if (!inGap) sample += source.slice(kept);
  const from = sample.startsWith(" ") ? 1 : 0;
  const to = sample.endsWith(" ") ? sample.length - 1 : sample.length;
  return sample.slice(from, Math.max(from, to)).slice(0, LANGUAGE_SAMPLE_CHARS);
}

/** ISO 639-1 code of the text's language, the hint's when the text cannot tell, or null when unknown. */
export function detectLanguage(text: string, hint?: string | null): string | null {
  const hinted = normalizeLanguageTag(hint);
  const sample = detectionSample(text);
  const letters = letterUnits(sample, MIN_LETTERS_FOR_DETECTION);
  if (letters === 0) return hinted;

  const ranked = rankLanguages(sample, CANDIDATES, ruledOut(sample))
    .filter(([code]) => code !== "und")
    .map(([code, score]) => ({ code: ISO639_3_TO_1[code] ?? null, score }));
  const best = ranked[0];
  if (!best?.code) return hinted;
  // A script used by one language only (Han, kana, Hangul, Greek, Thai...) is conclusive even in a headline.
  if (ranked.length === 1) return best.code;
  // franc cannot contradict a language it does not know (Catalan, Norwegian...): trust the page.
  if (hinted && !DETECTABLE.has(hinted)) return hinted;
  // Otherwise the hint is usable only when it names a language written in the text's script.
  const hintFits = hinted !== null && ranked.some((entry) => entry.code === hinted);
  if (letters < MIN_LETTERS_FOR_DETECTION) return hintFits ? hinted : null;

  const close = ranked.filter((entry) => best.score - entry.score <= CLOSE_CALL);
  if (hintFits && close.some((entry) => entry.code === hinted)) return hinted;
  if (close.length > 1) return byPriority(close.map((entry) => entry.code ?? ""));
  return best.code;
}

/** Letters that rule languages out -> those languages (FOREIGN_LETTERS inverted). */
const RULED_OUT_BY = new Map<string, string[]>();
for (const [code, letters] of Object.entries(FOREIGN_LETTERS)) {
  for (const letter of letters) RULED_OUT_BY.set(letter, [...(RULED_OUT_BY.get(letter) ?? []), code]);
}
/** Only Cyrillic letters rule anything out (FOREIGN_LETTERS): text without them is not scanned letter by letter. */
const MAY_RULE_OUT = /[\u0400-\u04ff]/;

/** Languages the text's letters exclude: two or more of their foreign letters (see FOREIGN_LETTERS). */
function ruledOut(sample: string): string[] {
  if (!MAY_RULE_OUT.test(sample)) return [];
  const counts = new Map<string, number>();
  for (const char of sample.toLowerCase()) {
    for (const code of RULED_OUT_BY.get(char) ?? []) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count >= 2).map(([code]) => code);
}

function byPriority(codes: string[]): string | null {
  const rank = (code: string): number => {
    const index = LANGUAGE_PRIORITY.indexOf(code);
    return index === -1 ? LANGUAGE_PRIORITY.length : index;
  };
  return [...codes].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}
