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
const THREE_CAPITALS = /^\p{Lu}{3}/u;
/** The longest place, region and date before an agency credit "(Reuters)" that DATELINE accepts. */
const MAX_DATELINE_PREFIX = 120;

/** A month name or its abbreviation, as datelines write it. */
const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\p{L}{0,6}\\.?";
/** One to four capitalised words: "QINGDAO", "Abu Dhabi", "WASHINGTON/KYIV", "St. Petersburg". */
const PLACE = "[\\p{Lu}][\\p{L}.'’/-]*(?: [\\p{Lu}][\\p{L}.'’/-]*){0,3}";
/**
 * A dated dateline without a known agency: "PLACE[, Region][ (Country)], <date> [(AGENCY)] <dash|colon>", as in
 * "QINGDAO, China, June 26 -", "Kyiv, June 26 —", "MOSCOW, June 26:", "Rome (Italy), 26 June (ANSA) -".
 */
const DATED_DATELINE = new RegExp(
  `^${PLACE}(?:,\\s*${PLACE})?(?:\\s*\\(${PLACE}\\))?,\\s*(?:${MONTH}\\s+\\d{1,2}|\\d{1,2}\\s+${MONTH})(?:,?\\s+\\d{4})?` +
    `(?:\\s*\\([\\p{L}\\p{N} .&/-]{2,30}\\))?\\s*(?:-{1,2}|[—–]|:)\\s+`,
  "u",
);

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
  // A byline on its own line is furniture (article/furniture.ts), dropped with the paragraph; this is the
  // staff credit that follows the last sentence.
  /^by (?:an?|our) (?:staff |special |foreign )?(?:reporter|correspondent|writer)s?\b/i,
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

/**
 * Splits a dateline or agency credit from the start of a paragraph: the dateline ("" when there is none) and
 * the rest. The dateline's words (place, date) still tell the reader something, so callers may keep them as
 * known words without comparing them as a sentence.
 */
export function splitDateline(paragraph: string): { dateline: string; rest: string } {
  // Each form is tried only where it can start: an agency credit needs its "(" near the start, a bare city
  // dash three capitals first (most paragraphs have neither).
  const paren = paragraph.indexOf("(");
  let rest = paren >= 0 && paren <= MAX_DATELINE_PREFIX ? paragraph.replace(DATELINE, "") : paragraph;
  // The dated forms put a comma after the place, near the start.
  const comma = rest.indexOf(",");
  if (comma > 0 && comma < 50) rest = rest.replace(TASS_DATELINE, "").replace(DATED_DATELINE, "");
  if (THREE_CAPITALS.test(rest)) rest = rest.replace(CITY_DASH, "");
  return { dateline: paragraph.slice(0, paragraph.length - rest.length), rest };
}

/** Strips a dateline or agency credit from the start of a paragraph. */
export function stripDateline(paragraph: string): string {
  return splitDateline(paragraph).rest;
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
  thirteen: "13",
  fourteen: "14",
  fifteen: "15",
  sixteen: "16",
  seventeen: "17",
  eighteen: "18",
  nineteen: "19",
  twenty: "20",
  thirty: "30",
  forty: "40",
  fifty: "50",
  sixty: "60",
  seventy: "70",
  eighty: "80",
  ninety: "90",
  hundred: "100",
  thousand: "1000",
};
/** A number word standing alone; inside a hyphenated modifier ("three-way", "two-day") it is left as a word. */
const NUMBER_WORD = new RegExp(`\\b(${Object.keys(NUMBER_WORDS).join("|")})\\b`, "gi");

/** Folds a number word to digits unless a hyphen joins it to another word ("three-way" stays). */
function foldNumberWord(w: string, offset: number, text: string): string {
  if (text.charCodeAt(offset - 1) === 45 || text.charCodeAt(offset + w.length) === 45) return w;
  return NUMBER_WORDS[w.toLowerCase()] ?? w;
}
const UNITS: Record<string, string> = {
  k: "thousand",
  m: "million",
  mn: "million",
  bn: "billion",
  b: "billion",
  tn: "trillion",
};

/** Number words a hyphenated modifier may start with ("one-year", "three-way"), "one" included. */
const COMPOUND_NUMBERS: Record<string, string> = { one: "1", ...NUMBER_WORDS };

/** Vague quantities and the figure they stand for: "half a century" is 50 years, "a dozen" is 12, "a week" 7 days. */
const VAGUE: Record<string, [value: number, unit: string]> = {
  week: [7, "days"],
  fortnight: [14, "days"],
  "half a century": [50, "years"],
  "half a decade": [5, "years"],
  "half a dozen": [6, ""],
  "half a year": [6, "months"],
  century: [100, "years"],
  decade: [10, "years"],
  dozen: [12, ""],
  year: [1, "years"],
};

/**
 * One pass finds all figures in words: a number word starting a hyphenated modifier ("three-way"), a vague
 * quantity ("half a century"; "a decade", but not inside "half a decade"), "<digits> decades|dozen".
 */
const SOFT = new RegExp(
  `\\b(${Object.keys(COMPOUND_NUMBERS).join("|")})-([a-z]+)` +
    "|\\b(half a (?:century|decade|dozen|year))\\b" +
    "|(?<!half )\\b(?:a|one) (century|decade|dozen|year|week|fortnight)\\b" +
    "|\\b(\\d+) (decades|dozen|weeks)\\b",
  "gi",
);
/** Cheap test that a sentence may hold a figure in words at all (most do not). */
const MAY_BE_VAGUE = /year|decade|centur|dozen|week|fortnight/i;
/** What "<digits> decades|dozen|weeks" stand for: a figure and the unit it counts. */
const MULTIPLES: Record<string, [factor: number, unit: string]> = {
  decades: [10, "years"],
  dozen: [12, ""],
  weeks: [7, "days"],
};

/** A figure written in words: its value and the word it counts ("three-way" -> 3 "way"; "a decade" -> 10 "years"). */
export interface SoftNumber {
  value: string;
  unit: string;
}

/**
 * Figures a text gives in words rather than digits, after foldSpelling: hyphenated modifiers ("three-way",
 * "one-year") and vague quantities ("half a century", "a dozen", "two decades"). They match the same figure
 * written in digits but are too loose to be a new fact on their own.
 */
export function softNumbers(folded: string): SoftNumber[] {
  const out: SoftNumber[] = [];
  if (!folded.includes("-") && !MAY_BE_VAGUE.test(folded)) return out;
  for (const m of folded.matchAll(SOFT)) {
    if (m[1] !== undefined) {
      const value = COMPOUND_NUMBERS[m[1].toLowerCase()];
      if (value !== undefined) out.push({ value, unit: (m[2] ?? "").toLowerCase() });
    } else if (m[5] !== undefined) {
      const [factor, unit] = MULTIPLES[(m[6] ?? "").toLowerCase()] ?? [1, ""];
      out.push({ value: String(Number(m[5]) * factor), unit });
    } else {
      const [value, unit] = VAGUE[(m[3] ?? m[4] ?? "").toLowerCase()] ?? [0, ""];
      if (value > 0) out.push({ value: String(value), unit });
    }
  }
  return out;
}

/** "6:30 p.m.", "6.30pm", "6 pm", "6pm"; and "18:00" (a colon between two digits and two). */
const CLOCK_12 = /\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?(?![\p{L}\p{N}])/giu;
const CLOCK_24 = /\b(\d{1,2}):(\d{2})\b/g;
/** Cheap tests before the replacements: a digit then ":" or am/pm; a digit glued to a lower-case letter. */
const MAY_BE_CLOCK = /\d(?::\d|\s?[ap]\.?m)/i;
const GLUED_UNIT = /\d[a-z]/;
const GLUED_UNITS = /\b(\d+)([a-z]{1,3})\b/g;
const ORDINAL = /^(?:st|nd|rd|th|s)$/;

function clock(hour: string, minutes: string | undefined, half: string | undefined): string {
  let h = Number(hour);
  const lower = half?.toLowerCase();
  if (lower === "p" && h < 12) h += 12;
  if (lower === "a" && h === 12) h = 0;
  return `${String(h).padStart(2, "0")}${minutes ?? "00"}`;
}

/**
 * Folds spellings that differ between re-posts: "U.S." -> "US", "1,550" -> "1550", "Feb." -> "February",
 * "ten" -> "10", "a thousand" -> "a 1000", "$290m" -> "$290 million", "5%" -> "5 percent", "18:00" / "6 p.m." -> "1800",
 * "50km" -> "50 km".
 */
const HAS_DIGIT = /\d/;
const HAS_INITIALS = /[A-Z]\.[A-Z]/;
const HAS_PER_CENT = /per cent/i;

export function foldSpelling(text: string): string {
  let out = text.replace(NUMBER_WORD, (w: string, _n: string, offset: number, text: string) =>
    foldNumberWord(w, offset, text),
  );
  // Each of the rest only where it can apply (most sentences have no digit, initials, month or percent).
  if (HAS_DIGIT.test(out)) {
    out = out
      .replace(/(\d)(k|m|mn|bn|b|tn)\b/gi, (_m, d: string, unit: string) => `${d} ${UNITS[unit.toLowerCase()] ?? unit}`)
      .replace(/(\d),(?=\d{3}\b)/g, "$1");
    // Clock times as four digits: "18:00", "6 p.m." and "6pm" are all "1800"; "15:00 GMT" is "1500 GMT".
    if (MAY_BE_CLOCK.test(out)) {
      out = out
        .replace(CLOCK_12, (_m, h: string, min: string | undefined, half: string) => clock(h, min, half))
        .replace(CLOCK_24, (_m, h: string, min: string) => clock(h, min, undefined));
    }
    // A figure glued to its unit is two words: "50km" is "50 km" ("290mn" was folded above; "2nd" stays).
    if (GLUED_UNIT.test(out)) {
      out = out.replace(GLUED_UNITS, (m: string, d: string, unit: string) => (ORDINAL.test(unit) ? m : `${d} ${unit}`));
    }
  }
  if (HAS_INITIALS.test(out)) {
    out = out.replace(
      /\b([A-Z])\.([A-Z])\.(?:([A-Z])\.)?/g,
      (_m, x: string, y: string, z: string | undefined) => x + y + (z ?? ""),
    );
  }
  out = out.replace(/\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?/g, (_m, mon: string) => {
    const full = MONTHS[mon.toLowerCase()] ?? mon;
    return full.charAt(0).toUpperCase() + full.slice(1);
  });
  if (out.includes("%")) out = out.replace(/%/g, " percent");
  return HAS_PER_CENT.test(out) ? out.replace(/\bper cent\b/gi, "percent") : out;
}
