/**
 * What a re-post changes without changing the story: datelines ("KYIV, Feb 5 (Reuters) -"), agency credits,
 * "Reporting by ... Editing by ..." lines, copyright and newsletter furniture, spellings of acronyms and
 * numbers. These are removed or folded before texts are compared.
 */

/** A dateline at the start of a paragraph: "MOSCOW, Feb 5 (Reuters) -", "KYIV, Ukraine (AP) —", "(Reuters) -". */
const DATELINE =
  /^(?:[\p{Lu}][\p{Lu}\p{Ll} .'’/-]{1,40}(?:,\s*[\p{L} .]{2,30}?)?(?:,\s*\p{L}{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*)?\((?:Reuters|AP|AFP|Xinhua|TASS|Bloomberg|dpa|DPA|Interfax|UPI|ANI|IANS|Yonhap|Kyodo|RIA Novosti|Ukrinform|Al Jazeera)\)\s*[-—–:]+\s*/u;
/** TASS style: "MOSCOW, February 5. /TASS/." */
const TASS_DATELINE = /^[\p{Lu}][\p{Lu} -]{1,30},\s*\p{L}+\s+\d{1,2}\.\s*\/(?:TASS|ITAR-TASS)\/\.?\s*/u;
/** A bare city dateline with a dash: "KYIV —" (upper-case city only). */
const CITY_DASH = /^[\p{Lu}]{3,}(?:[ ,][\p{Lu}]{2,}){0,3}\s*[—–]\s+/u;

/** Sentences that carry no story: credits, copyright, calls to subscribe or read more. */
const BOILERPLATE: readonly RegExp[] = [
  /^\(?\s*(?:reporting|writing|editing|additional reporting|compiled|translated|graphics|video)\s+by\b/i,
  /\b(?:editing|reporting) by [\p{Lu}]/u,
  /^our standards:/i,
  /thomson reuters trust principles/i,
  /^(?:©|\(c\)|copyright)\s/i,
  /all rights reserved/i,
  /^(?:sign up|subscribe|follow us|follow [\p{Lu}][\p{L}]+ on)\b/iu,
  /^(?:read more|related|see also|more:|watch:|listen:|click here)\b/i,
  /^\(?this (?:story|article|version) (?:has been|was) (?:updated|corrected|amended|refiled)/i,
  /^\(?this is a developing story/i,
  /^(?:updated|published|last updated)(?: on)?\s*:?\s*\d/i,
  /may not be published, broadcast, rewritten or redistributed/i,
  /^follow\b.{0,60}\bcoverage\b/i,
  /^\S*https?:\/\/\S+$/i,
  /\bcontributed (?:reporting )?to this (?:report|story|article)/i,
  /^source: [\p{L} ]+(?:and news agencies)?\.?$/iu,
  /^(?:advertisement|download the app|get the latest|listen to this article|more on this story)\b/i,
  /^(?:[\p{Lu}][\p{L}.'-]+ ){1,3}(?:is|are) (?:an? )?(?:associated press|reuters|afp) (?:writer|reporter|correspondent)s?\b/iu,
  /^(?:share|tweet|email|print|comments?)$/i,
];

/** Photo captions and their credits: "PHOTO: ...", "... via REUTERS", "REUTERS/Name/File Photo", "(AP Photo/Name)". */
const PHOTO: readonly RegExp[] = [
  /^(?:photo|photograph|picture|image|file photo|caption)\s*[:|]/i,
  /\bvia (?:REUTERS|Reuters|AP|AFP|Getty Images|EPA|Sputnik)\.?$/,
  /\b(?:REUTERS|AFP|EPA(?:-EFE)?|AP)\s*\/\s*[\p{Lu}][\p{L} .'’-]+(?:\/(?:File Photo|Pool|Handout))?\.?$/u,
  /\(AP Photo(?:\/[^)]*)?\)\.?$/,
  /\b(?:Photograph|Photo|Illustration): [\p{L} .'’-]+(?:\/[\p{L} .'’-]+)+\.?$/u,
];

/** A photo credit or caption sentence; a paragraph that ends with one is a caption. */
export function isPhotoCaption(sentence: string): boolean {
  const s = sentence.trim();
  return PHOTO.some((re) => re.test(s));
}

/** Strips a dateline or agency credit from the start of a paragraph. */
export function stripDateline(paragraph: string): string {
  return paragraph.replace(DATELINE, "").replace(TASS_DATELINE, "").replace(CITY_DASH, "");
}

export function isBoilerplate(sentence: string): boolean {
  const s = sentence.trim();
  return s === "" || BOILERPLATE.some((re) => re.test(s));
}

const MONTHS: Record<string, string> = {
  jan: "january",
  feb: "february",
  mar: "march",
  apr: "april",
  jun: "june",
  jul: "july",
  aug: "august",
  sep: "september",
  sept: "september",
  oct: "october",
  nov: "november",
  dec: "december",
};

const NUMBER_WORDS: Record<string, string> = {
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
  eleven: "11",
  twelve: "12",
  fifteen: "15",
  twenty: "20",
  thirty: "30",
  fifty: "50",
  hundred: "100",
};
const NUMBER_WORD = new RegExp(`\\b(${Object.keys(NUMBER_WORDS).join("|")})\\b`, "gi");
const UNITS: Record<string, string> = {
  k: "thousand",
  m: "million",
  mn: "million",
  bn: "billion",
  b: "billion",
  tn: "trillion",
};

/**
 * Folds spellings that differ between re-posts: "U.S." -> "US", "1,550" -> "1550", "Feb." -> "February",
 * "ten" -> "10", "$290m" -> "$290 million", "5%" -> "5 percent".
 */
export function foldSpelling(text: string): string {
  return text
    .replace(NUMBER_WORD, (w: string) => NUMBER_WORDS[w.toLowerCase()] ?? w)
    .replace(/(\d)(k|m|mn|bn|b|tn)\b/gi, (_m, d: string, unit: string) => `${d} ${UNITS[unit.toLowerCase()] ?? unit}`)
    .replace(
      /\b([A-Z])\.([A-Z])\.(?:([A-Z])\.)?/g,
      (_m, x: string, y: string, z: string | undefined) => x + y + (z ?? ""),
    )
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?/g, (_m, mon: string) => {
      const full = MONTHS[mon.toLowerCase()] ?? mon;
      return full.charAt(0).toUpperCase() + full.slice(1);
    })
    .replace(/\bper cent\b/gi, "percent")
    .replace(/%/g, " percent");
}
