/**
 * Places a story among candidate stories (e.g. the recent stories of its storylines): the first of its event,
 * an update to one of them (new facts: alert), or a duplicate (nothing new: join silently).
 * A duplicate of any candidate wins over an update; among equals, the most similar candidate wins (ties: the
 * one sharing the most shingles overall).
 *
 * Every candidate is compared: another outlet's rewrite of a story shares few word sequences, so its SimHash
 * fingerprint is as far from the original's as an unrelated story's (about 30 of 64 bits) and cannot be used to
 * skip candidates. What makes placing cheap instead is that a candidate is prepared once (PREPARED_CACHE): the
 * same stories are the candidates of every new story of their storyline for days.
 */
import type { DocInput } from "../scoring/text.ts";
import { type CompareOptions, comparePrepared } from "./compare.ts";
import { PREPARED_CACHE } from "./constants.ts";
import { type Prepared, prepare } from "./prepare.ts";

/**
 * A candidate: an id plus the document (a Story fits: it has title, text and publishedAt). Its fingerprint, when
 * given, is not used (see the top of this file); publishedAt dates it when its text carries no date.
 */
export type Candidate = { id: string; fingerprint?: string | null; publishedAt?: string | null } & (
  | { title?: string | null; text: string }
  | { title?: string | null; paragraphs: readonly string[] }
);

export interface Placement {
  relation: "first" | "update" | "duplicate";
  /** The candidate it duplicates or updates (null for "first"). */
  matchId: string | null;
  /** For updates: the sentences new relative to the matched candidate. */
  novel: string[];
  similarity: number;
}

function asDoc(c: Candidate): DocInput & { publishedAt?: string | null } {
  const publishedAt = c.publishedAt ?? null;
  return "paragraphs" in c
    ? { title: c.title ?? null, paragraphs: c.paragraphs, publishedAt }
    : { title: c.title ?? null, text: c.text, publishedAt };
}

/** Prepared candidates by id and content, least recently used first. */
const cache = new Map<string, Prepared>();

function cacheKey(c: Candidate): string {
  const body = "paragraphs" in c ? c.paragraphs.join("\n\n") : c.text;
  return `${c.id}\u0000${c.title ?? ""}\u0000${c.publishedAt ?? ""}\u0000${body.length}\u0000${body.slice(0, 64)}`;
}

function preparedCandidate(c: Candidate): Prepared {
  const key = cacheKey(c);
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const p = prepare(asDoc(c));
  cache.set(key, p);
  if (cache.size > PREPARED_CACHE) cache.delete(cache.keys().next().value ?? "");
  return p;
}

/**
 * Classifies `story` against `candidates`, stories of a storyline it belongs to (pass `sameStoryline: false`
 * otherwise).
 */
export function classifyAgainst(
  story: DocInput,
  candidates: readonly Candidate[],
  options: CompareOptions = {},
): Placement {
  const b: Prepared = prepare(story);
  let best: Placement = { relation: "first", matchId: null, novel: [], similarity: 0 };
  let bestJaccard = -1;
  const rank = { first: 0, update: 1, duplicate: 2 } as const;
  for (const c of candidates) {
    // Only duplicates and updates place a story; the candidates are stories of the story's storyline, so no
    // storyline scoring is needed (and an outcome report finds the announcement it follows).
    const r = comparePrepared(preparedCandidate(c), b, {
      ...options,
      storylinesA: [],
      storylinesB: [],
      sameStoryline: options.sameStoryline ?? true,
    });
    if (r.relation !== "duplicate" && r.relation !== "update") continue;
    const better =
      rank[r.relation] > rank[best.relation] ||
      (r.relation === best.relation &&
        (r.similarity > best.similarity || (r.similarity === best.similarity && r.details.jaccard > bestJaccard)));
    if (better) {
      best = { relation: r.relation, matchId: c.id, novel: r.novel, similarity: r.similarity };
      bestJaccard = r.details.jaccard;
    }
  }
  return best;
}
