/**
 * The same event told twice without shared wording. Two kinds are an update of the first text's event:
 *   - an announcement ("Russia and Ukraine to hold talks in Istanbul on Friday") and the report of how it went
 *     ("Istanbul talks end with prisoner deal, no ceasefire"): the outcome is the news;
 *   - a follow-up written afresh: the toll revised, the other side's answer, more details of the same meeting
 *     ("Ternopil strike death toll revised to 33" after "Death toll in Ternopil missile strike rises to 26").
 *
 * Read from the headline and the lead (the first body sentences) of each text:
 *   - an outcome report: a sentence with a meeting word and an outcome verb ("ended", "concluded", "agreed",
 *     "failed", "held talks", "met"), in a text whose headline announces nothing ("... and agreed to meet again
 *     in September" is an outcome);
 *   - an announcement: a sentence with a meeting word ("talks", "meeting", "summit", "round", "meet"), a
 *     future marker ("will", "would", "to hold", "are due to", "next week", "scheduled") and no outcome verb;
 *   - venues: capitalised places after "in" or "at" in the announcement ("talks in Istanbul", "would be in
 *     Istanbul"), countries and capitals aside ("the war in Ukraine");
 *   - the meeting's date: day-and-month dates ("on May 16", "on 25 June") and weekdays ("on Friday") shortly
 *     after a meeting word ("..., the ministry said on Monday" is when it was said); and the round ("second
 *     round"). Where both texts give the same kind, they must agree (a weekday against a date is no
 *     contradiction: there is no year to check);
 *   - anchors: what names the event rather than its storyline: names ("Ternopil", "Abu Dhabi", "Sea of
 *     Japan"), figures of two digits or more other than years, and day-and-month dates; not countries,
 *     capitals and the words of the storylines' own names ("New START", "Shanghai Cooperation
 *     Organization"), which every story of a storyline shares.
 * Announcement -> outcome: a announces a meeting and reports none, the report names one of the announced venues
 * (in its lead or its dateline: "ISTANBUL, May 16 -"), dates agree, EVENT_SHARED_NAMES names in common, and it
 * was written within OUTCOME_DAYS after the announcement when both are dated.
 * Follow-up: dates and rounds agree, it is not the announcement of a meeting somewhere else after a report (the
 * next round in Geneva is another event), and either
 *   - both texts are dated within FOLLOW_UP_DAYS and share EVENT_SHARED_ANCHORS anchors (compared by the words
 *     that name them: "indian defence minister rajnath singh" is "defence minister rajnath singh"; the place of a
 *     dateline is an anchor), or one anchor and b's lead names the day a was written ("the proposal Putin made on
 *     Monday"), or their headlines agree (EVENT_HEADLINE_COVER_DATED) and share an anchor, or, within SAME_DAYS,
 *     their headlines mostly agree (EVENT_HEADLINE_COVER, MIN_HEADLINE_WORDS);
 *   - or, undated, one headline's words are mostly (EVENT_HEADLINE_COVER) in the other's headline and lead and a
 *     specific name is in both headlines or EVENT_SHARED_ANCHORS anchors are in both leads.
 * Headlines are compared by stems without countries, storyline names and news words ("President", "says").
 */

import { words } from "../scoring/analysis.ts";
import {
  EVENT_DAYS,
  EVENT_HEADLINE_COVER,
  EVENT_HEADLINE_COVER_DATED,
  EVENT_LEAD_SENTENCES,
  EVENT_SHARED_ANCHORS,
  EVENT_SHARED_NAMES,
  FOLLOW_UP_DAYS,
  MIN_HEADLINE_WORDS,
  OUTCOME_DAYS,
  SAME_DAYS,
} from "./constants.ts";
import { dayWords } from "./dates.ts";
import { foldSpelling } from "./normalize.ts";
import { STOPWORDS, stemOf } from "./prepare.ts";

export interface EventCues {
  announces: boolean;
  reports: boolean;
  /** Venues of the announced meeting, lower case. */
  venues: string[];
  /** The headline and lead, lower case, to look venues up in. */
  lead: string;
  weekdays: Set<string>;
  dates: Set<string>;
  /** Rounds named ("second"), from "second round", "third round of talks". */
  rounds: Set<string>;
  /** Content words of the headline (of the first sentence when there is none). */
  headline: Set<string>;
  /** Content words of the headline and lead. */
  leadWords: Set<string>;
  /** Names, figures and dates of the headline and lead (see the top of this file), lower case. */
  anchors: Set<string>;
  /** The names of the headline alone. */
  headlineNames: Set<string>;
}

const MEETING =
  /\b(?:talks|meeting|meetings|meet|meets|met|summit|round|negotiations|consultations|conference|session|dialogue|gathering|exercise|exercises|drill|drills|manoeuvres|maneuvers)\b/i;
const FUTURE =
  /\b(?:will|would|to (?:hold|meet|host|resume|gather|convene|attend|travel|be in|be held)|(?:is|are) (?:due|expected|scheduled|set|planning|to) |next (?:week|month|round|meeting)|plans? to|(?:scheduled|set|planned) for)\b/i;
const OUTCOME =
  /\b(?:end|ends|ended|conclude|concludes|concluded|wrapped up|close|closes|closed|broke up|(?<!\bbe\s)held|met|agreed|agree|agrees|failed|fail|fails|yielded|produced|reached|opened|lasted)\b/i;
/** A capitalised place after "in" or "at": "in Istanbul", "at the Dolmabahce Palace". */
const VENUE = /\b(?:in|at)\s+(?:the\s+)?((?:\p{Lu}[\p{L}'-]+)(?:\s\p{Lu}[\p{L}'-]+){0,2})/gu;
const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
/**
 * The meeting's date: "on <weekday>" or "on <month> <day>" / "on <day> <month>" shortly after a meeting word
 * ("meet in Geneva on July 28", "talks ended in Istanbul on Friday").
 */
const MEETING_DATE = new RegExp(
  `\\b(?:talks|meeting|meet|meets|met|summit|round|negotiations|consultations|conference|session|held|hold|gather|convene|end|ends|ended|concluded|be in)\\b[^.;]{0,60}?\\bon\\s+(?:(${WEEKDAYS})|(${MONTHS})\\.?\\s+(\\d{1,2})\\b|(\\d{1,2})\\s+(${MONTHS})\\b)`,
  "giu",
);
/** Between a meeting word and a date, a verb of saying makes it the date something was said. */
const SAID = /\b(?:said|says|say|told|tells|announced|announces|reported|reports|added|stated|confirmed)\b/i;
/** "second round", "third round of talks". */
const ROUND =
  /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th)\s+round\b/gi;
const MONTH_DAY = new RegExp(`\\b(${MONTHS})\\.?\\s+(\\d{1,2})\\b|\\b(\\d{1,2})\\s+(${MONTHS})\\b`, "gi");
const YEAR = /^(?:19|20)\d\d$/;
const CAPITAL = /^\p{Lu}/u;
const NOT_VENUES = new Set(
  `${WEEKDAYS}|january|february|march|april|may|june|july|august|september|october|november|december`.split("|"),
);
/**
 * Words of any news story ("President", "statement", "says") and words that stand for a country: a headline's
 * agreement with another is measured without them ("Statement by the President of Ukraine" does not restate
 * "Telephone conversation with US President Donald Trump").
 */
const NEWS_WORDS = new Set(
  (
    "president presidential prime minister ministry foreign defence defense statement says said say told official " +
    "officials spokesman spokeswoman spokesperson readout live update updates news report reports reported government " +
    "leader leaders country countries state states new first"
  )
    .split(" ")
    .map(stemOf),
);

/** Words that say when or how much, not what happened: no event anchor. */
const NOT_ANCHORS = new Set(NOT_VENUES);

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

/** Stems of the content words of a line (prepare.ts stemOf): no function words, no years, no one-letter words. */
function contentWords(line: string): string[] {
  return words(foldSpelling(line))
    .map((w) => w.toLowerCase())
    .filter((w) => !STOPWORDS.has(w) && !YEAR.test(w) && (w.length > 2 || /^\d/.test(w)))
    .map(stemOf);
}

/**
 * Names, figures and day-and-month dates of a line. A name is a run of capitalised words ("Abu Dhabi", "Sea of
 * Japan", "Rustem Umerov"), each either past the sentence's first word or never written in lower case in the
 * text ("Thailand and Cambodia agree ...", but not "Rescuers searched ..." in a text that also says "rescuers";
 * in a Title Case headline only such words count). A figure has two digits or more and is no year ("26", "1,000";
 * "five days" is no anchor).
 */
function anchorsOf(line: string, lowerSeen: ReadonlySet<string>, headline: boolean, out: Set<string>): void {
  const ws = words(foldSpelling(line));
  let run: string[] = [];
  const flush = () => {
    while (run.length > 0 && run[run.length - 1] === "of") run.pop();
    if (run.length > 0) out.add(run.join(" "));
    run = [];
  };
  ws.forEach((w, i) => {
    const lw = w.toLowerCase();
    const name =
      CAPITAL.test(w) &&
      lw.length > 1 &&
      !STOPWORDS.has(lw) &&
      !NOT_ANCHORS.has(lw) &&
      (headline || i === 0 ? !lowerSeen.has(lw) : true);
    if (name) run.push(lw);
    else if (lw === "of" && run.length > 0) run.push(lw);
    else {
      flush();
      if (/^\d\d/.test(lw) && !YEAR.test(lw)) out.add(lw);
    }
  });
  flush();
  for (const m of line.matchAll(MONTH_DAY)) {
    const month = (m[1] ?? m[4] ?? "").toLowerCase().slice(0, 3);
    out.add(`${month} ${Number(m[2] ?? m[3])}`);
  }
}

/** What the headline and lead say about an event. `body`: the body's sentences, in order. */
export function eventCues(
  title: string | null,
  body: readonly string[],
  generic: ReadonlySet<string>,
  datelines: readonly string[] = [],
): EventCues {
  const leadSentences = body.slice(0, EVENT_LEAD_SENTENCES);
  const sentences = title === null ? leadSentences : [title, ...leadSentences];
  let announces = false;
  let reports = false;
  const venues = new Set<string>();
  const weekdays = new Set<string>();
  const dates = new Set<string>();
  const rounds = new Set<string>();
  const anchors = new Set<string>();
  const leadWords = new Set<string>();
  const lowerSeen = new Set<string>();
  for (const s of [title ?? "", ...body]) for (const w of words(s)) if (!CAPITAL.test(w)) lowerSeen.add(w);
  const headlineNames = new Set<string>();
  if (title !== null) anchorsOf(title, lowerSeen, true, headlineNames);
  for (const s of sentences) {
    for (const w of contentWords(s)) leadWords.add(w);
    anchorsOf(s, lowerSeen, s === title, anchors);
    for (const m of s.matchAll(ROUND)) rounds.add(ordinal((m[1] ?? "").toLowerCase()));
    if (!MEETING.test(s)) continue;
    meetingDates(s, weekdays, dates);
    // "Talks ended ... and the sides agreed to meet again in September" reports an outcome.
    if (OUTCOME.test(s)) reports = true;
    else if (FUTURE.test(s)) {
      announces = true;
      for (const m of s.matchAll(VENUE)) {
        const venue = (m[1] ?? "").toLowerCase();
        if (!NOT_VENUES.has(venue.split(" ")[0] ?? "") && !generic.has(venue)) venues.add(venue);
      }
    }
  }
  // A text whose headline announces a meeting reports no outcome, whatever its background says.
  if (title !== null && MEETING.test(title) && FUTURE.test(title) && !OUTCOME.test(title)) reports = false;
  // Where the report was filed is an anchor too ("QINGDAO, China, June 26 -", "NEW DELHI/BEIJING, June 27 -").
  for (const d of datelines) {
    const place = /^[^,(—–-]+/u.exec(d)?.[0] ?? "";
    for (const p of place.split("/")) if (p.trim() !== "") anchors.add(p.trim().toLowerCase());
  }
  const specific = (x: string) => x.split(" ").some((w) => w !== "of" && !generic.has(w));
  for (const x of [...anchors]) if (!specific(x)) anchors.delete(x);
  for (const x of [...headlineNames]) if (!specific(x) || /^\d/.test(x)) headlineNames.delete(x);
  return {
    announces,
    reports,
    venues: [...venues],
    // The dateline names where a report was filed ("ISTANBUL, May 16 -"): the venue of the meeting it reports.
    lead: [...datelines, ...sentences].join(" ").toLowerCase(),
    weekdays,
    dates,
    rounds,
    headline: new Set(contentWords(sentences[0] ?? "").filter((w) => !generic.has(w) && !NEWS_WORDS.has(w))),
    leadWords,
    anchors,
    headlineNames,
  };
}

const ORDINALS: Record<string, string> = {
  "1st": "first",
  "2nd": "second",
  "3rd": "third",
  "4th": "fourth",
  "5th": "fifth",
  "6th": "sixth",
  "7th": "seventh",
  "8th": "eighth",
  "9th": "ninth",
  "10th": "tenth",
};

function ordinal(word: string): string {
  return ORDINALS[word] ?? word;
}

function agree(x: ReadonlySet<string>, y: ReadonlySet<string>, near: (u: string, v: string) => boolean): boolean {
  if (x.size === 0 || y.size === 0) return true;
  for (const u of x) for (const v of y) if (near(u, v)) return true;
  return false;
}

const DAY_ORDER = WEEKDAYS.split("|");
/** Days between two weekdays, either way round the week. */
function weekdayGap(u: string, v: string): number {
  const d = Math.abs(DAY_ORDER.indexOf(u) - DAY_ORDER.indexOf(v));
  return Math.min(d, 7 - d);
}

/** "may 16" and "may 17": the same month, this many days apart. */
function dateGap(u: string, v: string): number {
  const [mu, du] = u.split(" ");
  const [mv, dv] = v.split(" ");
  return mu === mv ? Math.abs(Number(du) - Number(dv)) : Number.POSITIVE_INFINITY;
}

/**
 * The dates and rounds of the two texts do not contradict each other. Meetings and drills last days: the day
 * one opens and the day it ends may be EVENT_DAYS apart.
 */
function sameTime(a: EventCues, b: EventCues): boolean {
  return (
    agree(a.dates, b.dates, (u, v) => dateGap(u, v) <= EVENT_DAYS) &&
    agree(a.weekdays, b.weekdays, (u, v) => weekdayGap(u, v) <= EVENT_DAYS) &&
    agree(a.rounds, b.rounds, (u, v) => u === v)
  );
}

/**
 * Is b the outcome of the meeting a announces? `sharedNames`: names both texts use. The caller checks that
 * both belong to one storyline.
 */
export function reportsAnnouncedEvent(
  a: EventCues,
  b: EventCues,
  sharedNames: number,
  gap: number | null = null,
): boolean {
  // a announces a meeting and reports none (a report of talks held is no announcement, whatever it says of the
  // next steps).
  if (!a.announces || a.reports || !b.reports) return false;
  // An outcome is written after its announcement, within weeks.
  if (gap !== null && (gap < 0 || gap > OUTCOME_DAYS)) return false;
  if (!a.venues.some((v) => b.lead.includes(v))) return false;
  return sameTime(a, b) && sharedNames >= EVENT_SHARED_NAMES;
}

/**
 * Anchors of x that y has too, by the words that name them: "indian defence minister rajnath singh" is "defence
 * minister rajnath singh"; "26" is "26". Titles and offices ("minister", "president") do not name anyone.
 */
function sharedAnchors(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  const words = new Set<string>();
  for (const anchor of y) for (const w of anchor.split(" ")) if (w !== "of" && !NEWS_WORDS.has(stemOf(w))) words.add(w);
  let n = 0;
  for (const anchor of x) if (anchor.split(" ").some((w) => words.has(w))) n++;
  return n;
}

/**
 * Does a lead name a day `gap` days before its own: that day's weekday (within the week), or its month and day
 * ("on Monday", "on September 22", "on 22 September")?
 */
function namesDay(lead: string, day: number, gap: number): boolean {
  if (gap < 1) return false;
  const { weekday, monthDay } = dayWords(day);
  if (gap < 7 && new RegExp(`\\b(?:on|since|last) ${weekday}\\b`).test(lead)) return true;
  const [month = "", date = ""] = monthDay.split(" ");
  return new RegExp(`\\b${month}[a-z]*\\.? ${date}\\b|\\b${date} ${month}`).test(lead);
}

/** A name of x and a name of y share a word ("alaska" and "alaska air defense identification zone"). */
function shareName(x: ReadonlySet<string>, y: ReadonlySet<string>): boolean {
  const words = new Set<string>();
  for (const name of y) for (const w of name.split(" ")) words.add(w);
  for (const name of x) for (const w of name.split(" ")) if (w !== "of" && words.has(w)) return true;
  return false;
}

/** Share of x's words that are in y. */
function cover(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  if (x.size === 0) return 0;
  let n = 0;
  for (const w of x) if (y.has(w)) n++;
  return n / x.size;
}

/**
 * Is b a follow-up of a's event written afresh (see the top of this file)? `gap`: days between the two texts'
 * dates when both are known. Follow-ups come within FOLLOW_UP_DAYS; when both dates say so, the headlines need
 * agree less (EVENT_HEADLINE_COVER_DATED) and one shared anchor is enough.
 */
export function followsUp(a: EventCues, b: EventCues, gap: number | null = null, aDay: number | null = null): boolean {
  if (gap !== null && Math.abs(gap) > FOLLOW_UP_DAYS) return false;
  // A report followed by the announcement of a meeting somewhere else: another event of the storyline.
  if (a.reports && b.announces && !b.reports && b.venues.some((v) => !a.lead.includes(v))) return false;
  if (!sameTime(a, b)) return false;
  const dated = gap !== null;
  // Within days of each other, two texts that share names of people, places and figures of the event need no
  // shared headline ("India says it could not sign ..." after "... meeting ends without joint statement").
  const anchors = sharedAnchors(a.anchors, b.anchors);
  if (dated && anchors >= EVENT_SHARED_ANCHORS) return true;
  // b's lead names the day a was written ("adding detail to the proposal Putin made on Monday") and a name of a.
  if (dated && anchors >= 1 && aDay !== null && namesDay(b.lead, aDay, gap)) return true;
  const headlines = Math.max(cover(a.headline, b.leadWords), cover(b.headline, a.leadWords));
  if (headlines < (dated ? EVENT_HEADLINE_COVER_DATED : EVENT_HEADLINE_COVER)) return false;
  // Two texts of the same day or the next whose headlines mostly agree (in words that name the event) need no more.
  const specific = Math.min(a.headline.size, b.headline.size) >= MIN_HEADLINE_WORDS;
  if (dated && Math.abs(gap) <= SAME_DAYS && specific && headlines >= EVENT_HEADLINE_COVER) return true;
  // A specific name in both headlines ("Ternopil", "Abu Dhabi"; "Alaska" in "the Alaska Air Defense
  // Identification Zone") is enough; otherwise anchors of the leads.
  if (shareName(a.headlineNames, b.headlineNames)) return true;
  return sharedAnchors(a.anchors, b.anchors) >= (dated ? 1 : EVENT_SHARED_ANCHORS);
}
