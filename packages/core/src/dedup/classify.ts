/**
 * Places a story among candidate stories (e.g. the recent stories of its storylines): the first of its event,
 * an update to one of them (new facts: alert), or a duplicate (nothing new: join silently).
 * A duplicate of any candidate wins over an update; among equals, the most similar candidate wins (ties: the
 * one sharing the most shingles overall).
 */
import type { DocInput } from "../scoring/text.ts";
import { type CompareOptions, comparePrepared } from "./compare.ts";
import { FINGERPRINT_SKIP_BITS } from "./constants.ts";
import { hammingDistance } from "./hash.ts";
import { type Prepared, prepare, preparedFingerprint } from "./prepare.ts";

/** A candidate: an id plus the document (a Story fits: it has title and text), optionally its fingerprint. */
export type Candidate = { id: string; fingerprint?: string | null } & (
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

function asDoc(c: Candidate): DocInput {
  return "paragraphs" in c
    ? { title: c.title ?? null, paragraphs: c.paragraphs }
    : { title: c.title ?? null, text: c.text };
}

/**
 * Classifies `story` against `candidates`, stories of a storyline it belongs to (pass `sameStoryline: false`
 * otherwise). Candidates whose fingerprint is far from the story's are skipped.
 */
export function classifyAgainst(
  story: DocInput,
  candidates: readonly Candidate[],
  options: CompareOptions = {},
): Placement {
  const b: Prepared = prepare(story);
  const fp = preparedFingerprint(b);
  let best: Placement = { relation: "first", matchId: null, novel: [], similarity: 0 };
  let bestJaccard = -1;
  const rank = { first: 0, update: 1, duplicate: 2 } as const;
  for (const c of candidates) {
    if (typeof c.fingerprint === "string" && hammingDistance(c.fingerprint, fp) > FINGERPRINT_SKIP_BITS) continue;
    // Only duplicates and updates place a story; the candidates are stories of the story's storyline, so no
    // storyline scoring is needed (and an outcome report finds the announcement it follows).
    const r = comparePrepared(prepare(asDoc(c)), b, {
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
