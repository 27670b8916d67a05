/**
 * Countries and the names written for them: capitals, seats of power and adjectives ("Moscow", "the Kremlin" and
 * "Russian" for Russia). A rewrite swaps them freely, so none of them is a new name where another of its group
 * is known, and word stems compare them as one (`countryOf`).
 */

/**
 * Capitals and seats of power written for their countries ("Moscow" for Russia, "the White House" for the
 * United States): a rewrite swaps them freely, so one is no new name where another of its group is known.
 */
export const STAND_IN_GROUPS: readonly (readonly string[])[] = [
  ["russia", "russian", "russians", "moscow", "kremlin"],
  ["china", "chinese", "beijing"],
  ["ukraine", "ukrainian", "ukrainians", "kyiv", "kiev"],
  ["us", "usa", "america", "american", "americans", "washington", "white house", "united states"],
  ["japan", "japanese", "tokyo"],
  ["eu", "brussels", "european union"],
  ["uk", "britain", "british", "london", "united kingdom", "downing street"],
  ["france", "french", "paris", "elysee"],
  ["germany", "german", "berlin"],
  ["iran", "iranian", "tehran"],
  ["india", "indian", "delhi", "new delhi"],
  ["pakistan", "pakistani", "islamabad"],
  ["turkey", "turkiye", "turkish", "ankara"],
  ["belarus", "belarusian", "minsk"],
  ["taiwan", "taiwanese", "taipei"],
  ["north korea", "north korean", "pyongyang"],
  ["south korea", "south korean", "seoul"],
];

/**
 * More countries and their capitals, stand-ins for each other in a rewrite ("Saudi Arabia" after "the Saudi city
 * of Jeddah"). Unlike the groups above, they are event anchors too: talks "in Abu Dhabi" or "in Cairo" name a venue.
 */
export const MORE_STAND_IN_GROUPS: readonly (readonly string[])[] = [
  ["saudi", "saudi arabia", "saudis", "riyadh"],
  ["qatar", "qatari", "doha"],
  ["uae", "emirati", "emirates", "united arab emirates", "abu dhabi"],
  ["israel", "israeli", "israelis", "jerusalem"],
  ["syria", "syrian", "damascus"],
  ["egypt", "egyptian", "cairo"],
  ["armenia", "armenian", "yerevan"],
  ["azerbaijan", "azerbaijani", "baku"],
  ["georgia", "georgian", "tbilisi"],
  ["kazakhstan", "kazakh", "astana"],
  ["kyrgyzstan", "kyrgyz", "bishkek"],
  ["uzbekistan", "uzbek", "tashkent"],
  ["tajikistan", "tajik", "dushanbe"],
  ["mongolia", "mongolian", "ulaanbaatar"],
  ["afghanistan", "afghan", "kabul"],
  ["poland", "polish", "warsaw"],
  ["italy", "italian", "rome"],
  ["spain", "spanish", "madrid"],
  ["hungary", "hungarian", "budapest"],
  ["finland", "finnish", "helsinki"],
  ["estonia", "estonian", "tallinn"],
  ["latvia", "latvian", "riga"],
  ["lithuania", "lithuanian", "vilnius"],
  ["moldova", "moldovan", "chisinau"],
  ["austria", "austrian"],
  ["switzerland", "swiss", "bern"],
  ["norway", "norwegian", "oslo"],
  ["sweden", "swedish", "stockholm"],
  ["denmark", "danish", "copenhagen"],
  ["netherlands", "dutch", "the hague"],
  ["canada", "canadian", "ottawa"],
  ["brazil", "brazilian", "brasilia"],
  ["south africa", "south african", "pretoria"],
  ["vietnam", "vietnamese", "hanoi"],
  ["thailand", "thai", "bangkok"],
  ["cambodia", "cambodian", "phnom penh"],
  ["malaysia", "malaysian", "kuala lumpur"],
  ["indonesia", "indonesian", "jakarta"],
  ["philippines", "philippine", "filipino", "manila"],
  ["sudan", "sudanese", "khartoum"],
];

/** Words too common to stand for a country on their own ("us" is also the pronoun). */
const AMBIGUOUS = new Set(["us"]);

/** Name (or head word) -> the other names of its country, each as its words. */
export const STAND_INS: ReadonlyMap<string, readonly (readonly string[])[]> = (() => {
  const map = new Map<string, string[][]>();
  for (const group of [...STAND_IN_GROUPS, ...MORE_STAND_IN_GROUPS]) {
    const known = group.filter((n) => !AMBIGUOUS.has(n)).map((n) => n.split(" "));
    for (const n of group) map.set(n, known);
  }
  return map;
})();

/** Single word -> the first name of its group ("moscow" -> "russia", "chinese" -> "china"). */
const CANONICAL: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const group of [...STAND_IN_GROUPS, ...MORE_STAND_IN_GROUPS]) {
    const first = group[0] ?? "";
    if (first.includes(" ")) continue;
    for (const n of group) if (!n.includes(" ") && !AMBIGUOUS.has(n)) map.set(n, first);
  }
  return map;
})();

/** The country a lower-case word stands for ("kremlin" -> "russia", "russia" -> "russia"), or undefined. */
export function countryOf(word: string): string | undefined {
  return CANONICAL.get(word);
}
