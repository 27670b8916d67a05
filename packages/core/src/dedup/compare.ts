/**
 * Duplicate / update / related / unrelated between two documents.
 *
 * Both texts are reduced to their story: mastheads, bylines, datelines, agency credits and furniture removed,
 * spellings folded ("U.S."/"US", "1,550"/"1550", "Feb."/"February", "6 p.m."/"18:00", "fourteen days"/"two
 * weeks"), and each is dated by its own masthead, dateline or closing date line (else a Story's publishedAt;
 * dates.ts). Then:
 *   - shingles: word 3-grams of each body; overlap = |A∩B| / min(|A|, |B|) (a trimmed re-post scores 1);
 *   - stems: b's content words, inflections and country names folded ("signed"/"signing", "Kremlin"/"Russia";
 *     stem.ts, places.ts), and the share of them a uses. Another outlet's rewrite of a report shares few word
 *     sequences (overlap 0.0-0.3) but most of its words;
 *   - every sentence of b is matched against a: coverage = the larger of its word containment in the best
 *     sentence of a and its shingle containment in all of a. Covered from COVERED (0.6) on;
 *   - a sentence of b is NOVEL only when it brings facts a lacks: a strong one (a new number, a number changed
 *     from the sentence of a it rewrites, a new quotation, a new weekday with new wording) or 1.5 of weak ones (a
 *     new name 1, a new name of several words 1.5, a new month or bare year 0.5). A paraphrased lead brings none.
 *     Paraphrase is no fact: a figure in words ("three-way", "half a century") matches the same figure in digits
 *     and is new only where it replaces another count of the same thing; a capital standing for its country
 *     ("Moscow" for "the Russian side") is no new name; a's dateline ("QINGDAO, June 26 -") and the day a was
 *     written (its weekday, "on Tuesday") are known. In a short item the headline is judged too.
 *   - same story: overlap >= 0.35, or half of b's sentences covered, or a paraphrase (overlap >= 0.2 on the same
 *     topic), or the same entities and numbers on the same topic, or a rewrite by stems: 70% of b's stems in a
 *     (55% when b brings no new fact at all), on the same topic (cosine >= 0.45), b of 20 stems or more, and
 *     both written within 3 days when both are dated;
 *   - the same event without shared wording (event.ts): b reports the outcome of the meeting a announces (the
 *     venue, in b's lead or dateline, the date and two names agree; within 45 days), or b follows a's event up
 *     (within 3 days when dated: a revised toll, the other side's answer, a confirmation).
 * relation: same story and nothing novel -> duplicate (but the report of how an announced meeting went is an
 * update whatever its wording); same story and novel sentences -> update (a rewrite needs two); b reporting how
 * a's announced meeting went -> update, the outcome its novel sentences; a follow-up -> update, or duplicate when
 * it brings no fact and shares half of its stems; otherwise related when both documents match a common
 * storyline (the storyline scorer's `matched`), else unrelated.
 */
import { type Analysis, analyze, words } from "../scoring/analysis.ts";
import { defaultStorylines } from "../scoring/defaults/index.ts";
import type { Storyline } from "../scoring/storyline-schema.ts";
import { scoreStorylines } from "../scoring/storyline-score.ts";
import type { DocInput } from "../scoring/text.ts";
import {
  COVERED,
  FOLLOW_UP_DUPLICATE_STEMS,
  MAX_NOVEL,
  MIN_STORY_STEMS,
  NEW_DAY_WORDS,
  NO_NEWS_STEMS,
  NOVEL_WEAK,
  PARAPHRASE_OVERLAP,
  PARAPHRASE_TOPIC,
  REWRITE_DAYS,
  REWRITE_NOVEL,
  SAME_EVENT_ENTITIES,
  SAME_EVENT_TOPIC,
  SAME_STORY_OVERLAP,
  SAME_STORY_SENTENCES,
  SAME_STORY_STEMS,
  SHORT_BODY_SENTENCES,
  STEMS_TOPIC,
} from "./constants.ts";
import { type EventCues, eventCues, followsUp, reportsAnnouncedEvent } from "./event.ts";
import type { SoftNumber } from "./normalize.ts";
import { STAND_IN_GROUPS, STAND_INS } from "./places.ts";
import { type Prepared, type PreparedSentence, prepare, titleSentence } from "./prepare.ts";

export type CompareRelation = "duplicate" | "update" | "related" | "unrelated";

export interface CompareResult {
  relation: CompareRelation;
  /** Textual similarity 0..1: shingle overlap of the shorter text with the longer. */
  similarity: number;
  /** Sentences of b that are new relative to a and carry new facts (empty unless an update). */
  novel: string[];
  /** The measures behind the decision. */
  details: {
    jaccard: number;
    overlap: number;
    coveredSentences: number;
    entityOverlap: number;
    topic: number;
    sharedStorylines: string[];
  };
}

export interface CompareOptions {
  /** Storylines used to decide "related" (default: the default storylines). */
  storylines?: readonly Storyline[];
  /** Storyline ids already known to match a and b (skips scoring them). */
  storylinesA?: readonly string[];
  storylinesB?: readonly string[];
  /**
   * The caller knows a and b belong to one storyline (placing a story among its storyline's recent stories):
   * the same-event test needs no storyline scoring.
   */
  sameStoryline?: boolean;
}

function intersectionSize<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Content word -> sentences of a that contain it (built once per prepared document). */
function sentenceIndex(a: Prepared): Map<string, number[]> {
  if (a.sentenceIndex !== undefined) return a.sentenceIndex;
  const index = new Map<string, number[]>();
  a.sentences.forEach((t, i) => {
    for (const w of t.content) {
      const list = index.get(w);
      if (list === undefined) index.set(w, [i]);
      else list.push(i);
    }
  });
  a.sentenceIndex = index;
  return index;
}

/** How much of sentence s is found in a, and a's sentence that shares most of its words (-1: none). */
interface Coverage {
  /** The larger of word containment in a's best sentence and shingle containment in all of a. */
  value: number;
  best: number;
}

function coverage(s: PreparedSentence, a: Prepared): Coverage {
  if (s.content.size === 0) return { value: 1, best: -1 };
  const index = sentenceIndex(a);
  const shared = new Map<number, number>();
  let most = 0;
  let best = -1;
  for (const w of s.content) {
    for (const i of index.get(w) ?? []) {
      const n = (shared.get(i) ?? 0) + 1;
      shared.set(i, n);
      if (n > most) {
        most = n;
        best = i;
      }
    }
  }
  const words = most / s.content.size;
  if (words === 1) return { value: 1, best };
  const sh = s.shingles.size === 0 ? 0 : intersectionSize(s.shingles, a.shingles) / s.shingles.size;
  return { value: Math.max(words, sh), best };
}

const YEAR = /^(?:19|20)\d\d$/;
const WEEKDAYS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);

/** Content words of s that a never uses (numbers, dates and names aside): new wording, i.e. a new claim. */
function newWording(s: PreparedSentence, a: Prepared): number {
  let n = 0;
  for (const w of s.content) {
    if (a.contentCounts.has(w) || a.tokens.has(w) || isDigitWord(w) || WEEKDAYS.has(w)) continue;
    n++;
  }
  return n;
}

function isDigitWord(w: string): boolean {
  const c = w.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** Head words of institutions: "Pacific Fleet Command" is the "Pacific Fleet" a already named. */
const INSTITUTION_HEADS = new Set(
  (
    "command office ministry service services council agency department committee commission forces force " +
    "fleet army navy government administration headquarters staff press centre center group district region " +
    "oblast province spokesman spokeswoman spokesperson"
  ).split(" "),
);

/**
 * A name is new when a lacks its head (last word): "Vladimir Putin" is not new where "Putin" was, "Sergei
 * Ryabkov" is where only "Sergei Lavrov" was. An institution's head word after words a knows ("Pacific Fleet
 * Command" after "Pacific Fleet") is not a new name either.
 */
function isNewName(name: readonly string[], a: Prepared): boolean {
  const head = name[name.length - 1] ?? "";
  if (a.tokens.has(head)) return false;
  const standIns = STAND_INS.get(head) ?? (name.length > 1 ? STAND_INS.get(name.join(" ")) : undefined);
  if (standIns?.some((words) => words.every((w) => a.tokens.has(w)))) return false;
  if (!INSTITUTION_HEADS.has(head)) return true;
  return name.slice(0, -1).every((w) => !a.tokens.has(w));
}

/** The figures of a sentence, in digits or in words, each with what it counts. */
function figuresOf(s: PreparedSentence): SoftNumber[] {
  const out = s.numbers.map((value, i) => ({ value, unit: s.units[i] ?? "" }));
  for (const f of s.soft) out.push(f);
  return out;
}

/**
 * The new facts sentence s brings relative to a (and to m, a's sentence it rewrites when it is a near match):
 *   strong (1 each): a number a lacks (not a bare year); a number changed from m's ("killed 9" -> "killed
 *     12", even if 12 appears elsewhere in a); a quotation a lacks; a weekday a lacks in a sentence with new
 *     wording ("Japan lodged formal protests on Wednesday": a new day's event); a figure in words that
 *     replaces m's count of the same thing ("a two-day pause" -> "a five-day pause");
 *   weak: a new name (see isNewName) 1, or 1.5 for a name of several words ("Minoru Kihara"); a weekday,
 *     month or bare year alone 0.5 ("since February 2022" is background).
 */
function newFacts(s: PreparedSentence, a: Prepared, m: PreparedSentence | undefined): { strong: number; weak: number } {
  let strong = 0;
  let weak = 0;
  const own = new Set(s.numbers);
  for (const f of s.soft) own.add(f.value);
  // Numbers of m this sentence dropped: any number it has instead is a changed figure.
  const figures = m === undefined ? [] : figuresOf(m);
  const before = figures.filter((f) => !own.has(f.value) && !YEAR.test(f.value));
  const inM = (n: string) => figures.some((f) => f.value === n);
  for (const n of new Set(s.numbers)) {
    if (YEAR.test(n)) {
      if (!a.tokens.has(n)) weak += 0.5;
    } else if (!a.tokens.has(n)) strong++;
    else if (before.length > 0 && !inM(n)) strong++;
  }
  // A figure in words ("a three-day truce") is news only where it replaces another count of the same thing.
  for (const f of s.soft) {
    if (!inM(f.value) && before.some((g) => g.unit === f.unit)) strong++;
  }
  for (const q of s.quotes) {
    const unseen = q.filter((w) => !a.tokens.has(w)).length;
    if (q.length > 0 && unseen / q.length >= 0.5) strong++;
  }
  const heads = new Set<string>();
  for (const name of s.names) {
    if (!isNewName(name, a) || heads.has(name[name.length - 1] ?? "")) continue;
    heads.add(name[name.length - 1] ?? "");
    weak += name.length > 1 ? 1.5 : 1;
  }
  let newDay = false;
  for (const d of new Set(s.dates)) {
    if (a.tokens.has(d)) continue;
    weak += 0.5;
    if (WEEKDAYS.has(d)) newDay = true;
  }
  if (newDay && newWording(s, a) >= NEW_DAY_WORDS) strong++;
  return { strong, weak };
}

/**
 * Is sentence s of b novel relative to a? It must bring a strong fact or 1.5 of weak ones, whether it is a
 * new sentence or one of a's sentences rewritten (coverage >= COVERED: compared with that sentence for
 * changed numbers). Sentences wholly contained in a bring nothing.
 */
function isNovel(s: PreparedSentence, a: Prepared, cov: Coverage): boolean {
  if (cov.value >= 1) return false;
  const m = cov.value >= COVERED ? a.sentences[cov.best] : undefined;
  const { strong, weak } = newFacts(s, a, m);
  return strong >= 1 || weak >= NOVEL_WEAK;
}

function storylineIds(p: Prepared, given: readonly string[] | undefined, storylines: readonly Storyline[]): string[] {
  if (given !== undefined) return [...given];
  if (p.storylineIds === undefined) {
    const a: Analysis = analyze(p.source);
    p.storylineIds = scoreStorylines(a, storylines)
      .filter((r) => r.matched)
      .map((r) => r.id);
  }
  return p.storylineIds;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

const ACRONYM = /^\p{Lu}{2,6}$/u;

/**
 * Words that name no particular event: countries and capitals, and the words of the storylines' own names
 * (cues without a `near` rule: "New START", "Shanghai Cooperation Organization"), which every story of a
 * storyline shares. Built once per storyline list.
 */
const genericCache = new WeakMap<readonly Storyline[], Set<string>>();
function genericWords(storylines: readonly Storyline[]): Set<string> {
  const hit = genericCache.get(storylines);
  if (hit !== undefined) return hit;
  const out = new Set<string>();
  for (const group of STAND_IN_GROUPS) for (const name of group) for (const w of name.split(" ")) out.add(w);
  for (const s of storylines) {
    for (const c of s.cues) {
      // The storyline's own name ("New START") and its acronyms ("SCO", however many senses it has).
      if (c.near === undefined || ACRONYM.test(c.phrase)) for (const w of words(c.phrase)) out.add(w.toLowerCase());
    }
  }
  genericCache.set(storylines, out);
  return out;
}

function cuesOf(p: Prepared, generic: ReadonlySet<string>): EventCues {
  p.event ??= eventCues(
    p.title,
    p.sentences.map((s) => s.text),
    generic,
    p.datelines,
  );
  return p.event;
}

/** Share of b's word stems (headline and body) that a uses too. */
function stemCover(a: Prepared, b: Prepared): number {
  if (b.stems.size === 0) return 0;
  let n = 0;
  for (const x of b.stems.keys()) if (a.stems.has(x)) n++;
  return n / b.stems.size;
}

/** Names (not numbers) both documents use. */
function sharedNames(a: Prepared, b: Prepared): number {
  let n = 0;
  for (const e of a.entities) if (b.entities.has(e) && !isDigitWord(e)) n++;
  return n;
}

/**
 * The outcome's new facts; when none qualifies as a fact, its lead sentences that a lacks, else those of its lead
 * that a does not hold word for word.
 */
function outcomeSentences(novel: readonly string[], a: Prepared, b: Prepared): string[] {
  if (novel.length > 0) return [...novel];
  const lead = b.title === null ? b.sentences.slice(0, 2) : b.sentences.slice(0, 1);
  const fresh = lead.filter((s) => coverage(s, a).value < COVERED);
  // Told in the announcement's own words ("met ... and parted without agreement"): the lead is still the outcome.
  return (fresh.length > 0 ? fresh : lead.filter((s) => coverage(s, a).value < 1)).map((s) => s.text);
}

/** The sentences of b that bring facts a lacks, and how many of b's sentences a covers. */
export function novelSentences(a: Prepared, b: Prepared): { novel: string[]; covered: number } {
  const novel: string[] = [];
  let covered = 0;
  // In a short item the headline carries facts the one or two sentences under it leave out.
  const t = b.sentences.length <= SHORT_BODY_SENTENCES ? titleSentence(b) : null;
  if (t !== null && isNovel(t, a, coverage(t, a))) novel.push(t.text);
  for (const s of b.sentences) {
    const cov = coverage(s, a);
    if (cov.value >= COVERED) covered++;
    if (isNovel(s, a, cov)) novel.push(s.text);
  }
  return { novel, covered };
}

/** Compares two prepared documents: is b a duplicate of a, an update to it, related, or unrelated? */
export function comparePrepared(a: Prepared, b: Prepared, options: CompareOptions = {}): CompareResult {
  const shared = intersectionSize(a.shingles, b.shingles);
  const union = a.shingles.size + b.shingles.size - shared;
  const jaccard = union === 0 ? 0 : shared / union;
  const minSize = Math.min(a.shingles.size, b.shingles.size);
  const overlap = minSize === 0 ? 0 : shared / minSize;

  const { novel, covered } = novelSentences(a, b);
  const coveredSentences = b.sentences.length === 0 ? 0 : covered / b.sentences.length;
  const entityUnion = new Set([...a.entities, ...b.entities]).size;
  const entityOverlap = entityUnion === 0 ? 0 : intersectionSize(a.entities, b.entities) / entityUnion;
  const topic = cosine(a.contentCounts, b.contentCounts);

  const stems = stemCover(a, b);
  const gap = a.day !== null && b.day !== null ? b.day - a.day : null;
  const sameStory =
    overlap >= SAME_STORY_OVERLAP ||
    coveredSentences >= SAME_STORY_SENTENCES ||
    (overlap >= PARAPHRASE_OVERLAP && topic >= PARAPHRASE_TOPIC) ||
    (entityOverlap >= SAME_EVENT_ENTITIES && topic >= SAME_EVENT_TOPIC) ||
    // Another outlet's rewrite shares few word sequences but most of its words (inflections aside); a brief
    // that paraphrases a statement shares fewer, but brings not one fact the statement lacks.
    ((stems >= SAME_STORY_STEMS || (novel.length === 0 && stems >= NO_NEWS_STEMS)) &&
      topic >= STEMS_TOPIC &&
      b.stems.size >= MIN_STORY_STEMS &&
      (gap === null || Math.abs(gap) <= REWRITE_DAYS));

  let relation: CompareRelation;
  let sharedStorylines: string[] = [];
  if (a.sentences.length === 0 || b.sentences.length === 0) {
    // Nothing to compare: two empty texts are the same (empty) story; one empty text is unrelated.
    relation = a.sentences.length === b.sentences.length ? "duplicate" : "unrelated";
  } else if (sameStory) {
    // A heavy rewrite (same story by topic, little shared wording) throws up the odd "new" figure or quote in
    // paraphrase; an update of it brings more than one new sentence.
    const rewrite = overlap < SAME_STORY_OVERLAP && coveredSentences < SAME_STORY_SENTENCES;
    relation = novel.length >= (rewrite ? REWRITE_NOVEL : 1) ? "update" : "duplicate";
    // A text that reports how the meeting the first text announced went is news, even when it is told in the same
    // words and the outcome carries no new name or figure ("met ... and parted without agreement").
    if (relation === "duplicate") {
      const generic = genericWords(options.storylines ?? defaultStorylines);
      if (reportsAnnouncedEvent(cuesOf(a, generic), cuesOf(b, generic), sharedNames(a, b), gap)) {
        relation = "update";
        novel.splice(0, novel.length, ...outcomeSentences(novel, a, b));
      }
    }
  } else {
    const storylines = options.storylines ?? defaultStorylines;
    const generic = genericWords(storylines);
    let noStoryline = false;
    if (options.sameStoryline !== true) {
      const idsA = storylineIds(a, options.storylinesA, storylines);
      const idsB = storylineIds(b, options.storylinesB, storylines);
      sharedStorylines = idsA.filter((id) => idsB.includes(id));
      noStoryline = idsA.length === 0 && idsB.length === 0;
    }
    const oneStoryline = options.sameStoryline === true || sharedStorylines.length > 0;
    const ca = cuesOf(a, generic);
    const cb = cuesOf(b, generic);
    if (oneStoryline && reportsAnnouncedEvent(ca, cb, sharedNames(a, b), gap)) {
      // How an announced meeting went is news, whatever wording the two share.
      relation = "update";
      novel.splice(0, novel.length, ...outcomeSentences(novel, a, b));
    } else if (
      (oneStoryline || noStoryline) &&
      followsUp(ca, cb, gap, a.day) &&
      (novel.length > 0 || stems >= FOLLOW_UP_DUPLICATE_STEMS)
    ) {
      // The same event written afresh: the toll revised, the other side's answer, more details. (Two texts in
      // different storylines are two events, whatever place they share: talks in Geneva on arms and on Ukraine.)
      // With no new fact it is a duplicate only when it also tells it in the same words; otherwise it stays apart.
      relation = novel.length === 0 ? "duplicate" : "update";
    } else {
      // Related means the same storyline: both documents pass the same scoring test. Shared vocabulary ("naval
      // exercise" in a NATO drill and a China-Russia drill) is not enough.
      relation = oneStoryline ? "related" : "unrelated";
    }
  }
  return {
    relation,
    similarity: round(overlap),
    novel: relation === "update" ? novel.slice(0, MAX_NOVEL) : [],
    details: {
      jaccard: round(jaccard),
      overlap: round(overlap),
      coveredSentences: round(coveredSentences),
      entityOverlap: round(entityOverlap),
      topic: round(topic),
      sharedStorylines,
    },
  };
}

/** Compares two documents (seed-shaped text, `{ title, paragraphs }` or `{ title, text }`). */
export function compare(a: DocInput, b: DocInput, options: CompareOptions = {}): CompareResult {
  return comparePrepared(prepare(a), prepare(b), options);
}
