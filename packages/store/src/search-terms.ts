/**
 * The words of the story search (`q`): what is indexed for a story and what a query asks for go through the same
 * tokenizer, so they always agree. A word is a run of letters and digits (any script), case-folded, with accents
 * removed ("Zelenskyy’s" -> "zelenskyy" and "s"; "Kyïv" -> "kyiv"); words of one character and common function
 * words are not indexed, and very long tokens (hashes, URLs glued together) are ignored.
 *
 * Which words of a story are indexed (each is one small write, so this is what search costs): every word of the
 * title; every name in the text, anywhere in it (a word written with a capital letter inside a sentence: people,
 * places, organisations, acronyms such as NATO or SCO); and the first LEAD_WORDS other distinct words of the text,
 * which is roughly its lead. At most `max` in all (createStore's `searchWords`). On long articles that is about
 * half the distinct words, with every name; on short items nearly all of them. Scripts without capital letters
 * (Chinese, Arabic...) have no names to find: their title and lead are indexed.
 */

/** Words shorter than this are not indexed (and dropped from queries). */
export const MIN_TERM_LENGTH = 2;
/** Longer tokens are not words anyone searches for (base64, glued URLs); they are skipped. */
export const MAX_TERM_LENGTH = 40;
/** The most words indexed per story (the title's, the names and the lead together rarely reach it). */
export const MAX_TERMS_PER_STORY = 600;
/** Distinct words of the text indexed from its start besides its names: roughly the lead. */
export const LEAD_WORDS = 50;
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

const TOKEN = /[\p{L}\p{N}]+/gu;
const UPPER_START = /^\p{Lu}/u;
/** What ends a sentence between two words: a full stop, question or exclamation mark, ellipsis, or a new line. */
const SENTENCE_END = /[.!?…\n]/;
/** "Mr. Witkoff", "U.S. envoy": a full stop after a short capitalized word does not end the sentence. */
const ABBREVIATION = /^\p{Lu}[\p{L}]{0,2}$/u;

/** The words of a text in order, folded, each marked when it is a name (a capital letter inside a sentence). */
function* textWords(text: string): Generator<{ word: string; name: boolean }> {
  const plain = text.normalize("NFKD").replace(MARKS, "");
  let last = 0;
  let previous = "";
  for (const match of plain.matchAll(TOKEN)) {
    const token = match[0];
    const gap = plain.slice(last, match.index);
    const sentenceStart =
      last === 0 || (SENTENCE_END.test(gap) && !(gap.trim() === "." && ABBREVIATION.test(previous)));
    yield { word: token.toLowerCase(), name: !sentenceStart && UPPER_START.test(token) };
    last = (match.index ?? 0) + token.length;
    previous = token;
  }
}

/**
 * The indexed words of a story, at most `max` (0: none): its title's, its text's names and the first LEAD_WORDS
 * other words of its text (see the module comment).
 */
export function storyTerms(title: string, text: string, max = MAX_TERMS_PER_STORY): string[] {
  const terms = new Set<string>();
  if (max <= 0) return [];
  for (const word of words(title)) {
    if (!indexable(word)) continue;
    terms.add(word);
    if (terms.size >= max) return [...terms];
  }
  let lead = 0;
  for (const { word, name } of textWords(text)) {
    if (!indexable(word) || terms.has(word)) continue;
    if (!name && lead >= LEAD_WORDS) continue;
    terms.add(word);
    if (!name) lead += 1;
    if (terms.size >= max) break;
  }
  return [...terms];
}

/** The words a query asks for (all of them must occur), without stop words and duplicates. */
export function queryTerms(q: string): string[] {
  return [...new Set(words(q).filter(indexable))];
}
