/**
 * Duplicate / update / related / unrelated between two documents.
 *
 * Both texts are reduced to their story: datelines, agency credits and furniture removed, spellings folded
 * ("U.S."/"US", "1,550"/"1550", "Feb."/"February"). Then:
 *   - shingles: word 3-grams of each body; overlap = |A∩B| / min(|A|, |B|) (a trimmed re-post scores 1);
 *   - every sentence of b is matched against a: coverage = the larger of its word containment in the best
 *     sentence of a and its shingle containment in all of a. Covered from COVERED (0.6) on;
 *   - a sentence of b is NOVEL when it brings facts a lacks: a new number or a new quotation (strong), or new
 *     named entities (weak, 1 each) / weekdays, months and bare years (0.5: "since February 2022" is background). Uncovered sentences need a strong fact or 1.5
 *     weak (one lone new name, "... across Europe", is not news); partly covered ones a strong fact or two
 *     weak; near-verbatim ones (>= VERBATIM) only a changed number ("killed 9" -> "killed 12").
 *   - same story: overlap >= 0.35, or half of b's sentences covered, or (no shared wording but) the same
 *     entities and numbers (entity Jaccard >= 0.6) on the same topic (cosine >= 0.6).
 * relation: same story and nothing novel -> duplicate; same story and novel sentences -> update; otherwise
 * related when both belong to a common storyline (or topic cosine >= RELATED_TOPIC), else unrelated.
 */
import { type Analysis, analyze } from "../scoring/analysis.ts";
import { defaultStorylines } from "../scoring/defaults/index.ts";
import type { Storyline } from "../scoring/storyline-schema.ts";
import { scoreStorylines } from "../scoring/storyline-score.ts";
import type { DocInput } from "../scoring/text.ts";
import {
  COVERED,
  MAX_NOVEL,
  RELATED_TOPIC,
  SAME_EVENT_ENTITIES,
  SAME_EVENT_TOPIC,
  SAME_STORY_OVERLAP,
  SAME_STORY_SENTENCES,
  VERBATIM,
} from "./constants.ts";
import { type Prepared, type PreparedSentence, prepare } from "./prepare.ts";

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

/** How much of sentence s is found in a: word containment in a's best sentence, or shingle containment in a. */
function coverage(s: PreparedSentence, a: Prepared): number {
  if (s.content.size === 0) return 1;
  const index = sentenceIndex(a);
  const shared = new Map<number, number>();
  let most = 0;
  for (const w of s.content) {
    for (const i of index.get(w) ?? []) {
      const n = (shared.get(i) ?? 0) + 1;
      shared.set(i, n);
      if (n > most) most = n;
    }
  }
  const best = most / s.content.size;
  if (best === 1) return 1;
  const sh = s.shingles.size === 0 ? 0 : intersectionSize(s.shingles, a.shingles) / s.shingles.size;
  return Math.max(best, sh);
}

const YEAR = /^(?:19|20)\d\d$/;

/** Strength of the new facts sentence s brings relative to a: numbers and quotes 2 each, entities 1, dates 0.5. */
function newFacts(s: PreparedSentence, a: Prepared): { strong: number; weak: number } {
  let strong = 0;
  let weak = 0;
  for (const n of new Set(s.numbers)) {
    if (a.tokens.has(n)) continue;
    // A bare year ("since February 2022") is mostly background; other numbers are news.
    if (YEAR.test(n)) weak += 0.5;
    else strong++;
  }
  for (const q of s.quotes) {
    const unseen = q.filter((w) => !a.tokens.has(w)).length;
    if (q.length > 0 && unseen / q.length >= 0.5) strong++;
  }
  for (const e of new Set(s.entities)) if (!a.tokens.has(e)) weak++;
  for (const d of new Set(s.dates)) if (!a.tokens.has(d)) weak += 0.5;
  return { strong, weak };
}

function isNovel(s: PreparedSentence, a: Prepared, cov: number): boolean {
  const { strong, weak } = newFacts(s, a);
  if (cov >= VERBATIM) return s.numbers.some((n) => !a.tokens.has(n));
  if (cov >= COVERED) return strong >= 1 || weak >= 2;
  return strong >= 1 || weak >= 1.5;
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

/** Compares two prepared documents: is b a duplicate of a, an update to it, related, or unrelated? */
export function comparePrepared(a: Prepared, b: Prepared, options: CompareOptions = {}): CompareResult {
  const shared = intersectionSize(a.shingles, b.shingles);
  const union = a.shingles.size + b.shingles.size - shared;
  const jaccard = union === 0 ? 0 : shared / union;
  const minSize = Math.min(a.shingles.size, b.shingles.size);
  const overlap = minSize === 0 ? 0 : shared / minSize;

  const novel: string[] = [];
  let covered = 0;
  for (const s of b.sentences) {
    const cov = coverage(s, a);
    if (cov >= COVERED) covered++;
    if (isNovel(s, a, cov)) novel.push(s.text);
  }
  const coveredSentences = b.sentences.length === 0 ? 0 : covered / b.sentences.length;
  const entityUnion = new Set([...a.entities, ...b.entities]).size;
  const entityOverlap = entityUnion === 0 ? 0 : intersectionSize(a.entities, b.entities) / entityUnion;
  const topic = cosine(a.contentCounts, b.contentCounts);

  const sameStory =
    overlap >= SAME_STORY_OVERLAP ||
    coveredSentences >= SAME_STORY_SENTENCES ||
    (entityOverlap >= SAME_EVENT_ENTITIES && topic >= SAME_EVENT_TOPIC);

  let relation: CompareRelation;
  let sharedStorylines: string[] = [];
  if (a.sentences.length === 0 || b.sentences.length === 0) {
    // Nothing to compare: two empty texts are the same (empty) story; one empty text is unrelated.
    relation = a.sentences.length === b.sentences.length ? "duplicate" : "unrelated";
  } else if (sameStory) {
    relation = novel.length === 0 ? "duplicate" : "update";
  } else {
    const storylines = options.storylines ?? defaultStorylines;
    const idsA = storylineIds(a, options.storylinesA, storylines);
    const idsB = storylineIds(b, options.storylinesB, storylines);
    sharedStorylines = idsA.filter((id) => idsB.includes(id));
    relation = sharedStorylines.length > 0 || topic >= RELATED_TOPIC ? "related" : "unrelated";
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
