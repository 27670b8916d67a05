/**
 * The same event told twice without shared wording: an announcement ("Russia and Ukraine to hold talks in
 * Istanbul on Friday") and the report of how it went ("Istanbul talks end with prisoner deal, no ceasefire").
 * The second is an update of the first's event; its new facts are the outcome.
 *
 * Read from the headline and the lead (the first body sentences) of each text:
 *   - an outcome report: a sentence with a meeting word and an outcome verb ("ended", "concluded", "agreed",
 *     "failed", "held talks", "met"), in a text whose headline announces nothing ("... and agreed to meet again in
 *     September" is an outcome);
 *   - an announcement: a sentence with a meeting word ("talks", "meeting", "summit", "round", "meet"), a
 *     future marker ("will", "to hold", "are due to", "next week", "scheduled") and no outcome verb;
 *   - the venue: the place after "in" or "at" just after a meeting word in the announcement ("talks in
 *     Istanbul", "meet in Riyadh"); the report must name it in its headline or lead;
 *   - the date: the meeting's day-and-month dates ("on May 16", "on 25 June") and weekdays ("on Friday") in
 *     the two headlines and leads must agree where both give the same kind (a weekday against a date is no
 *     contradiction: there is no year to check);
 *   - the parties: at least EVENT_SHARED_NAMES names (people, places, organisations) in common.
 * Two announcements, two reports, another venue or another date are another event ("related" at most).
 */
import { EVENT_LEAD_SENTENCES, EVENT_SHARED_NAMES } from "./constants.ts";

export interface EventCues {
  announces: boolean;
  reports: boolean;
  /** Venues of the announced meeting, lower case. */
  venues: string[];
  /** The headline and lead, lower case, to look venues up in. */
  lead: string;
  weekdays: Set<string>;
  dates: Set<string>;
}

const MEETING =
  /\b(?:talks|meeting|meetings|meet|meets|met|summit|round|negotiations|consultations|conference|session|dialogue|gathering)\b/i;
const FUTURE =
  /\b(?:will|to (?:hold|meet|host|resume|gather|convene|attend|travel)|(?:is|are) (?:due|expected|scheduled|set|planning) to|next (?:week|month)|plans? to|to be held|scheduled for)\b/i;
const OUTCOME =
  /\b(?:end|ends|ended|conclude|concludes|concluded|wrapped up|close|closes|closed|broke up|(?<!\bbe\s)held|met|agreed|agree|agrees|failed|fail|fails|yielded|produced|reached|opened)\b/i;
/** "talks in Istanbul", "meet in the Saudi capital Riyadh", "summit at Camp David": the capitalised place. */
const VENUE =
  /\b(?:talks|meeting|meet|meets|summit|round|negotiations|consultations|conference|session|gather|convene|held|hold)\b[^.;]{0,40}?\b(?:in|at)\s+(?:the\s+)?((?:\p{Lu}[\p{L}'-]+)(?:\s\p{Lu}[\p{L}'-]+){0,2})/gu;
const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
/**
 * The meeting's date: "on <weekday>" or "on <month> <day>" / "on <day> <month>" shortly after a meeting word
 * ("meet in Geneva on July 28", "talks ended in Istanbul on Friday"); "..., the ministry said on Monday" is
 * when it was said, not when they meet.
 */
const MEETING_DATE = new RegExp(
  `\\b(?:talks|meeting|meet|meets|met|summit|round|negotiations|consultations|conference|session|held|hold|gather|convene|end|ends|ended|concluded)\\b[^.;]{0,60}?\\bon\\s+(?:(${WEEKDAYS})|(${MONTHS})\\.?\\s+(\\d{1,2})\\b|(\\d{1,2})\\s+(${MONTHS})\\b)`,
  "giu",
);
const NOT_VENUES = new Set([
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
]);

/** Between a meeting word and a date, a verb of saying makes it the date something was said. */
const SAID = /\b(?:said|says|say|told|tells|announced|announces|reported|reports|added|stated|confirmed)\b/i;

/** The meeting dates a sentence gives, as weekdays and as "may 16" (for "May 16" and "16 May" alike). */
function meetingDates(sentence: string, weekdays: Set<string>, dates: Set<string>): void {
  for (const m of sentence.matchAll(MEETING_DATE)) {
    if (SAID.test(m[0])) continue;
    if (m[1] !== undefined) weekdays.add(m[1].toLowerCase());
    const month = (m[2] ?? m[5] ?? "").toLowerCase().slice(0, 3);
    const day = Number(m[3] ?? m[4]);
    if (month !== "" && day >= 1 && day <= 31) dates.add(`${month} ${day}`);
  }
}

/** What the headline and lead say about a meeting. `lead`: the headline (when any) and the first body sentences. */
export function eventCues(title: string | null, body: readonly string[]): EventCues {
  const leadSentences = body.slice(0, EVENT_LEAD_SENTENCES);
  const sentences = title === null ? leadSentences : [title, ...leadSentences];
  let announces = false;
  let reports = false;
  const venues = new Set<string>();
  const weekdays = new Set<string>();
  const dates = new Set<string>();
  for (const s of sentences) {
    if (!MEETING.test(s)) continue;
    meetingDates(s, weekdays, dates);
    // "Talks ended ... and the sides agreed to meet again in September" reports an outcome.
    if (OUTCOME.test(s)) reports = true;
    else if (FUTURE.test(s)) {
      announces = true;
      for (const m of s.matchAll(VENUE)) {
        const venue = (m[1] ?? "").toLowerCase();
        if (!NOT_VENUES.has(venue.split(" ")[0] ?? "")) venues.add(venue);
      }
    }
  }
  // A text whose headline announces a meeting reports no outcome, whatever its background says.
  if (title !== null && MEETING.test(title) && FUTURE.test(title) && !OUTCOME.test(title)) reports = false;
  return { announces, reports, venues: [...venues], lead: sentences.join(" ").toLowerCase(), weekdays, dates };
}

function agree(x: ReadonlySet<string>, y: ReadonlySet<string>): boolean {
  if (x.size === 0 || y.size === 0) return true;
  for (const v of x) if (y.has(v)) return true;
  return false;
}

/**
 * Is b the outcome of the meeting a announces? `sharedNames`: names both texts use. The caller checks that
 * both belong to one storyline.
 */
export function reportsAnnouncedEvent(a: EventCues, b: EventCues, sharedNames: number): boolean {
  if (!a.announces || !b.reports) return false;
  if (!a.venues.some((v) => b.lead.includes(v))) return false;
  if (!agree(a.dates, b.dates) || !agree(a.weekdays, b.weekdays)) return false;
  return sharedNames >= EVENT_SHARED_NAMES;
}
