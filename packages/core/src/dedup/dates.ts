/**
 * The day a text was written, read from the text itself: its masthead or dateline at the top ("The Capital Times
 * | Jeddah | 11 March 2025", "WASHINGTON, Aug 9, 2025 (GWS) -", "Kyiv Dispatch | January 24, 2026") or the
 * date line that closes statements and readouts ("Moscow, 21 February 2023", "18 March 2025, 20:35"). Only full
 * dates with a year count. Two reports of one event are written days apart, two events of a storyline often
 * weeks or years apart; and a rewrite that says "on Tuesday" names no new day when the first text is dated on
 * that Tuesday.
 */

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};
const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
/** "11 March 2025", "Aug 9, 2025", "January 24, 2026", "2025-03-11", "11.03.2025" (day first, as Europe writes). */
const FULL_DATE = new RegExp(
  `\\b(\\d{1,2})\\s+${MONTH}\\.?,?\\s+((?:19|20)\\d\\d)\\b|\\b${MONTH}\\.?\\s+(\\d{1,2}),?\\s+((?:19|20)\\d\\d)\\b|\\b((?:19|20)\\d\\d)-(\\d\\d)-(\\d\\d)\\b|\\b(\\d{1,2})\\.(\\d{1,2})\\.((?:19|20)\\d\\d)\\b`,
  "i",
);
const DAY_MS = 86_400_000;
export const WEEKDAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

/** Opening lines read for a masthead or dateline; a line this short is furniture, not prose. */
const HEAD_PARAGRAPHS = 8;
const HEAD_LINE = 160;
/** A dateline's date sits in the first characters of the lead ("WASHINGTON, Aug 9, 2025 (GWS) -"). */
const DATELINE_CHARS = 50;
/** Longest closing line read as a date line. */
const TAIL_CHARS = 80;

/** Days since 1970-01-01 of a full date in the text, or null. */
export function parseFullDate(text: string): number | null {
  const m = FULL_DATE.exec(text);
  if (m === null) return null;
  let year: number;
  let month: number;
  let day: number;
  if (m[1] !== undefined) {
    day = Number(m[1]);
    month = MONTHS[(m[2] ?? "").slice(0, 3).toLowerCase()] ?? -1;
    year = Number(m[3]);
  } else if (m[4] !== undefined) {
    month = MONTHS[m[4].slice(0, 3).toLowerCase()] ?? -1;
    day = Number(m[5]);
    year = Number(m[6]);
  } else if (m[7] !== undefined) {
    year = Number(m[7]);
    month = Number(m[8]) - 1;
    day = Number(m[9]);
  } else {
    day = Number(m[10]);
    month = Number(m[11]) - 1;
    year = Number(m[12]);
  }
  if (month < 0 || month > 11 || day < 1 || day > 31) return null;
  return Math.floor(Date.UTC(year, month, day) / DAY_MS);
}

/**
 * The text's own date (days since 1970-01-01), or null. `body`: the raw text after the headline. Read from its
 * opening lines while they are short (masthead, byline, date line: up to HEAD_LINE characters) and from the start
 * of the first long paragraph (a dateline), else from a short closing line; never from the story's own dates.
 */
export function documentDate(body: string): number | null {
  // Only the opening lines and the last one are read: no need to split the whole text.
  let from = 0;
  let seen = 0;
  while (from < body.length && seen < HEAD_PARAGRAPHS) {
    const br = body.indexOf("\n", from);
    const to = br < 0 ? body.length : br;
    const line = body.slice(from, Math.min(to, from + HEAD_LINE + 1)).trim();
    const long = to - from > HEAD_LINE && line.length > DATELINE_CHARS;
    from = to + 1;
    if (line === "") continue;
    seen++;
    const day = parseFullDate(long ? line.slice(0, DATELINE_CHARS) : line);
    if (day !== null) return day;
    if (long) break;
  }
  const text = body.trimEnd();
  const last = text.lastIndexOf("\n");
  if (last < 0) return null;
  const tail = text.slice(last + 1).trim();
  return tail.length <= TAIL_CHARS ? parseFullDate(tail) : null;
}

/** Days since 1970-01-01 of an ISO timestamp, or null. */
export function dayOfTimestamp(iso: string | null | undefined): number | null {
  if (typeof iso !== "string" || iso === "") return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : Math.floor(t / DAY_MS);
}

/** The weekday ("tuesday") and the month and day ("march 11") of a day: the words a rewrite uses for it. */
export function dayWords(day: number): { weekday: string; monthDay: string } {
  const d = new Date(day * DAY_MS);
  const month = Object.keys(MONTHS)[d.getUTCMonth()] ?? "";
  return { weekday: WEEKDAY_NAMES[d.getUTCDay()] ?? "", monthDay: `${month} ${d.getUTCDate()}` };
}
