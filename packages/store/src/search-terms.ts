/**
 * The words of the story search (`q`): what is indexed for a story and what a query asks for go through the same
 * tokenizer, so they always agree. A word is a run of letters and digits (any script), case-folded, with accents
 * removed ("Zelenskyy’s" -> "zelenskyy" and "s"; "Kyïv" -> "kyiv"); words of one character and common function
 * words are not indexed, and very long tokens (hashes, URLs glued together) are ignored.
 */

/** Words shorter than this are not indexed (and dropped from queries). */
export const MIN_TERM_LENGTH = 2;
/** Longer tokens are not words anyone searches for (base64, glued URLs); they are skipped. */
export const MAX_TERM_LENGTH = 40;
/**
 * Distinct words indexed per story: every word of the title, then the text's words in order of first appearance
 * until this many. 600 covers the whole text of nearly every news article (the seed articles have 250-560).
 */
export const MAX_TERMS_PER_STORY = 600;
/** Words a query may have; more is refused with a clear message. */
export const MAX_QUERY_TERMS = 8;

/**
 * English function words: present in nearly every story, so an index entry for them costs a write per story and
 * answers nothing. A query made only of them is refused with a sentence saying so.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an and are as at be been but by for from had has have he her his i if in into is it its of on or our she " +
    "so than that the their them then there these they this those to was we were what when where which who will " +
    "with would you your not no do does did can could should may might must also about after before over said says " +
    "more most other some such only"
  ).split(" "),
);

const NON_WORD = /[^\p{L}\p{N}]+/u;
const MARKS = /\p{M}+/gu;

/** The words of a text, in order, folded as the index stores them (stop words and short tokens included). */
function words(text: string): string[] {
  return text.normalize("NFKD").replace(MARKS, "").toLowerCase().split(NON_WORD);
}

function indexable(word: string): boolean {
  return word.length >= MIN_TERM_LENGTH && word.length <= MAX_TERM_LENGTH && !STOP_WORDS.has(word);
}

/** The distinct indexed words of a story: its title's, then its text's, at most `max` (0: none). */
export function storyTerms(title: string, text: string, max = MAX_TERMS_PER_STORY): string[] {
  const terms = new Set<string>();
  if (max <= 0) return [];
  for (const source of [title, text]) {
    for (const word of words(source)) {
      if (!indexable(word)) continue;
      terms.add(word);
      if (terms.size >= max) return [...terms];
    }
  }
  return [...terms];
}

/** The words a query asks for (all of them must occur), without stop words and duplicates. */
export function queryTerms(q: string): string[] {
  return [...new Set(words(q).filter(indexable))];
}
