/**
 * Scores evaluation sets and measures them, shared by `npm run eval` (eval/run.ts) and the CI gate
 * (packages/core/src/scoring/eval.test.ts).
 *
 * - Storylines: every labelled text is scored with the default storylines (the raw file, furniture and all, as
 *   `storywire score` reads it); a storyline is predicted by a decision rule (default: the scorer's `matched`).
 *   Per storyline: precision and recall with Wilson 95% intervals, F1 with a posterior 95% interval (stats.ts),
 *   the mistakes, and the errors by the writer's form.
 * - Pairs: compare(a, b).relation against the labelled relation: accuracy (Wilson), accuracy per labelled
 *   relation (Wilson), the confusion table and the mistakes.
 * - Framing: optional expectations (label, naming lean), reported, never gated.
 */
import { compare } from "../packages/core/src/dedup/index.ts";
import {
  defaultStorylines,
  frameArticle,
  type Storyline,
  type StorylineResult,
  scoreStorylines,
} from "../packages/core/src/scoring/index.ts";
import type { EvalCase, EvalPair } from "./sets.ts";
import { type Interval, type Metrics, metricsOf, type Outcome, wilson } from "./stats.ts";

/** Decides from a storyline result whether the storyline is predicted. */
export type Decision = (r: StorylineResult) => boolean;

/** The rules alone: the scorer's `matched`. */
export const rulesDecision: Decision = (r) => r.matched;

export interface ScoredCase {
  case: EvalCase;
  results: Map<string, StorylineResult>;
}

/** Scores every case once (decisions are applied afterwards, so several can be compared on one scoring). */
export function scoreCases(cases: readonly EvalCase[], storylines: readonly Storyline[] = defaultStorylines) {
  return cases.map(
    (c): ScoredCase => ({ case: c, results: new Map(scoreStorylines(c.doc, storylines).map((r) => [r.id, r])) }),
  );
}

export interface StorylineMistake {
  id: string;
  storyline: string;
  form: string;
  expected: boolean;
  score: number;
  note?: string;
}

export interface FormErrors {
  form: string;
  cases: number;
  /** Case x storyline decisions that disagree with the label. */
  errors: number;
  decisions: number;
}

export interface StorylineReport {
  perStoryline: Record<string, Metrics>;
  mistakes: StorylineMistake[];
  byForm: FormErrors[];
}

export function evaluateStorylines(
  scored: readonly ScoredCase[],
  storylineIds: readonly string[],
  decide: Decision = rulesDecision,
): StorylineReport {
  const outcomes = new Map<string, Outcome[]>(storylineIds.map((id) => [id, []]));
  const mistakes: StorylineMistake[] = [];
  const forms = new Map<string, FormErrors>();
  for (const { case: c, results } of scored) {
    const form = forms.get(c.form) ?? { form: c.form, cases: 0, errors: 0, decisions: 0 };
    forms.set(c.form, form);
    form.cases++;
    for (const id of storylineIds) {
      const r = results.get(id);
      if (r === undefined) throw new Error(`no storyline "${id}" to score (labelled in ${c.id})`);
      const predicted = decide(r);
      const expected = c.storylines.includes(id);
      outcomes.get(id)?.push({ expected, predicted });
      form.decisions++;
      if (predicted !== expected) {
        form.errors++;
        mistakes.push({ id: c.id, storyline: id, form: c.form, expected, score: r.score, note: c.note });
      }
    }
  }
  const perStoryline: Record<string, Metrics> = {};
  for (const [id, list] of outcomes) perStoryline[id] = metricsOf(list);
  const byForm = [...forms.values()].sort((x, y) => x.form.localeCompare(y.form));
  return { perStoryline, mistakes, byForm };
}

export interface PairMistake {
  id: string;
  expected: string;
  got: string;
  similarity: number;
  novel: string[];
  note?: string;
}

export interface PairReport {
  total: number;
  correct: number;
  accuracy: number;
  accuracyCI: Interval;
  /** Per labelled relation: how many, how many right, accuracy and its interval. */
  perRelation: Record<string, { n: number; correct: number; accuracy: number; ci: Interval }>;
  /** expected -> got -> count. */
  confusion: Record<string, Record<string, number>>;
  mistakes: PairMistake[];
}

export const RELATIONS = ["duplicate", "update", "related", "unrelated"] as const;

export function evaluatePairs(pairs: readonly EvalPair[]): PairReport {
  const mistakes: PairMistake[] = [];
  const confusion: Record<string, Record<string, number>> = {};
  const per: Record<string, { n: number; correct: number }> = {};
  for (const p of pairs) {
    const r = compare(p.a, p.b);
    const row = confusion[p.relation] ?? {};
    confusion[p.relation] = row;
    row[r.relation] = (row[r.relation] ?? 0) + 1;
    const rel = per[p.relation] ?? { n: 0, correct: 0 };
    per[p.relation] = rel;
    rel.n++;
    if (r.relation === p.relation) rel.correct++;
    else {
      mistakes.push({
        id: p.id,
        expected: p.relation,
        got: r.relation,
        similarity: r.similarity,
        novel: r.novel,
        note: p.note,
      });
    }
  }
  const total = pairs.length;
  const correct = total - mistakes.length;
  const perRelation: PairReport["perRelation"] = {};
  for (const relation of RELATIONS) {
    const x = per[relation];
    if (x === undefined) continue;
    perRelation[relation] = { ...x, accuracy: x.correct / x.n, ci: wilson(x.correct, x.n) };
  }
  return {
    total,
    correct,
    accuracy: total === 0 ? Number.NaN : correct / total,
    accuracyCI: wilson(correct, total),
    perRelation,
    confusion,
    mistakes,
  };
}

export interface FramingMistake {
  id: string;
  field: "label" | "lean";
  expected: string;
  got: string;
}

export function evaluateFraming(cases: readonly EvalCase[]): { checked: number; mistakes: FramingMistake[] } {
  let checked = 0;
  const mistakes: FramingMistake[] = [];
  for (const c of cases) {
    if (c.framing === undefined) continue;
    const f = frameArticle(c.doc);
    if (c.framing.label !== undefined) {
      checked++;
      if (f.label !== c.framing.label)
        mistakes.push({ id: c.id, field: "label", expected: c.framing.label, got: f.label });
    }
    if (c.framing.lean !== undefined) {
      checked++;
      if (f.naming.lean !== c.framing.lean) {
        mistakes.push({ id: c.id, field: "lean", expected: c.framing.lean, got: f.naming.lean });
      }
    }
  }
  return { checked, mistakes };
}
