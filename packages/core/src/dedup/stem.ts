/**
 * A light English stemmer for matching a rewrite's words with the original's: inflections (plurals, -ing, -ed,
 * a final -e, doubled consonants) and -ation, so "signed" / "signing" / "signs" / "sign", "talks" / "talk",
 * "strikes" / "striking" / "strike", "violation" / "violated" meet, while words that differ in meaning keep
 * apart ("suspension" is not "suspend"). Words of three letters or fewer and figures are left as they are.
 */

const CACHE_LIMIT = 50_000;
const cache = new Map<string, string>();

function strip(w: string): string {
  let s = w;
  if (s.endsWith("ies") && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith("sses")) s = s.slice(0, -2);
  else if (s.endsWith("s") && !s.endsWith("ss") && !s.endsWith("us") && !s.endsWith("is")) s = s.slice(0, -1);
  if (s.endsWith("ism") && s.length > 6) s = s.slice(0, -3);
  else if (s.endsWith("ation") && s.length > 7) s = s.slice(0, -3);
  else if (s.endsWith("ing") && s.length > 5) s = s.slice(0, -3);
  else if (s.endsWith("ed") && s.length > 4) s = s.slice(0, -2);
  const n = s.length;
  // "stopped" -> "stopp" -> "stop"; "agreed" -> "agre" -> "agr" is avoided by the final-e rule below.
  if (n > 3 && s.charCodeAt(n - 1) === s.charCodeAt(n - 2) && "bdgmnprt".includes(s.charAt(n - 1))) s = s.slice(0, -1);
  if (s.endsWith("e") && s.length > 4) s = s.slice(0, -1);
  return s;
}

/** The stem of a lower-case word. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  const c = word.charCodeAt(0);
  if (c >= 48 && c <= 57) return word;
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const s = strip(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, s);
  return s;
}
