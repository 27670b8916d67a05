/**
 * Offline language detection: franc-min trigrams (restricted to the languages we can name in ISO 639-1),
 * with the feed's or page's own language tag as a hint. The hint wins when the text is too short to judge,
 * when franc's best guesses are too close to call, or when the hint is itself among them.
 */
import { francAll } from "franc-min";
import { FOREIGN_LETTERS, ISO639_3_TO_1, LANGUAGE_ALIASES, LANGUAGE_PRIORITY } from "./languages.ts";

/** Below this many letters, trigram statistics are noise: the hint decides (or the script, for CJK and the like). */
export const MIN_LETTERS_FOR_DETECTION = 40;
/** franc scores are 1 for the best language; another within this distance is "too close to call". */
const CLOSE_CALL = 0.05;
/** Characters of text handed to franc: enough for a confident call on news prose, and 3-4x cheaper than its 2048 maximum. */
const SAMPLE_CHARS = 600;

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

/** ISO 639-1 code of the text's language, the hint's when the text cannot tell, or null when unknown. */
export function detectLanguage(text: string, hint?: string | null): string | null {
  const hinted = normalizeLanguageTag(hint);
  const sample = text
    .slice(0, SAMPLE_CHARS * 2)
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[\p{N}\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, SAMPLE_CHARS);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return hinted;

  const ranked = francAll(sample, { only: CANDIDATES, ignore: ruledOut(sample), minLength: 1 })
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

/** Languages the text's letters exclude (see FOREIGN_LETTERS). */
function ruledOut(sample: string): string[] {
  const lower = sample.toLowerCase();
  return Object.entries(FOREIGN_LETTERS)
    .filter(([, letters]) => {
      let count = 0;
      for (const char of lower) if (letters.includes(char)) count += 1;
      return count >= 2;
    })
    .map(([code]) => code);
}

function byPriority(codes: string[]): string | null {
  const rank = (code: string): number => {
    const index = LANGUAGE_PRIORITY.indexOf(code);
    return index === -1 ? LANGUAGE_PRIORITY.length : index;
  };
  return [...codes].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}
