/**
 * The evaluation set and its metrics, shared by `npm run eval` (eval/run.ts) and the vitest gate
 * (packages/core/src/scoring/eval.test.ts).
 *
 * - Storylines: every labelled text is scored with the default storylines; a storyline is predicted when
 *   `matched`. Precision, recall and F1 per storyline.
 * - Pairs: compare(a, b).relation against the labelled relation; accuracy and the list of mistakes.
 * - Framing: optional expectations (label, naming lean), reported but not gated.
 *
 * Sources: eval/articles (texts written for this set), the shared seeds and the 2022 news feeds of the shared
 * fixtures (labels by reference; their text is read in place and never copied). Without the shared folder
 * the seeds, feeds and seed pairs are skipped and listed in `skipped`.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Parser from "rss-parser";
import { compare } from "../packages/core/src/dedup/index.ts";
import {
  type DocInput,
  defaultStorylines,
  frameArticle,
  type Storyline,
  scoreStorylines,
} from "../packages/core/src/scoring/index.ts";

const evalDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(evalDir, "..");

/** $STORYWIRE_SHARED_DIR, else ../shared beside the repository. */
export const sharedDir = process.env.STORYWIRE_SHARED_DIR ?? resolve(repoRoot, "..", "shared");

interface FramingExpectation {
  label?: string;
  lean?: "russian" | "ukrainian" | "neutral";
}

interface LabelFile {
  storylines: string[];
  articles: { file: string; storylines: string[]; note?: string; framing?: FramingExpectation }[];
  seeds: { file: string; storylines: string[]; note?: string; framing?: FramingExpectation }[];
  feeds: {
    file: string;
    default: string[];
    reviewed: { guid: string; storylines: string[]; note?: string }[];
  }[];
}

interface PairFile {
  pairs: { id: string; a: string; b: string; relation: string; note?: string }[];
}

export interface EvalCase {
  id: string;
  source: "article" | "seed" | "feed";
  doc: DocInput;
  storylines: string[];
  framing?: FramingExpectation;
}

export interface EvalPair {
  id: string;
  a: string;
  b: string;
  relation: string;
}

export interface EvalSet {
  storylineIds: string[];
  cases: EvalCase[];
  pairs: EvalPair[];
  /** What could not be loaded (e.g. the shared folder is absent), one sentence each. */
  skipped: string[];
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

/** Reads a pair member: "seed:<file>" from the shared seeds, else a path relative to eval/. */
function readPairText(ref: string): string | null {
  const path = ref.startsWith("seed:") ? join(sharedDir, "seeds", ref.slice(5)) : join(evalDir, ref);
  return existsSync(path) ? readFileSync(path, "utf8") : null;
}

function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

async function loadFeedCases(labels: LabelFile, skipped: string[]): Promise<EvalCase[]> {
  const parser = new Parser();
  const out: EvalCase[] = [];
  for (const feed of labels.feeds) {
    const path = join(sharedDir, "fixtures", "feeds", feed.file);
    if (!existsSync(path)) {
      skipped.push(`feed ${feed.file}: not found under ${join(sharedDir, "fixtures", "feeds")}`);
      continue;
    }
    const parsed = await parser.parseString(readFileSync(path, "utf8"));
    const reviewed = new Map(feed.reviewed.map((r) => [r.guid, r.storylines]));
    const seen = new Set(reviewed.keys());
    for (const item of parsed.items) {
      const guid = item.guid ?? item.link ?? item.title ?? "";
      seen.delete(guid);
      const body = item.contentSnippet ?? stripTags(item.content ?? item.summary ?? "");
      out.push({
        id: `${feed.file}#${guid}`,
        source: "feed",
        doc: { title: item.title ?? null, text: body },
        storylines: reviewed.get(guid) ?? feed.default,
      });
    }
    for (const missing of seen) skipped.push(`feed ${feed.file}: labelled item ${missing} is not in the feed`);
  }
  return out;
}

/** Loads the labelled texts and pairs. */
export async function loadEvalSet(): Promise<EvalSet> {
  const labels = readJson<LabelFile>(join(evalDir, "labels.json"));
  const pairFile = readJson<PairFile>(join(evalDir, "pairs.json"));
  const skipped: string[] = [];
  const cases: EvalCase[] = labels.articles.map((a) => ({
    id: a.file,
    source: "article" as const,
    doc: readFileSync(join(evalDir, a.file), "utf8"),
    storylines: a.storylines,
    framing: a.framing,
  }));
  const seedsDir = join(sharedDir, "seeds");
  for (const s of labels.seeds) {
    const path = join(seedsDir, s.file);
    if (!existsSync(path)) {
      skipped.push(`seed ${s.file}: not found under ${seedsDir}`);
      continue;
    }
    cases.push({
      id: `seed:${s.file}`,
      source: "seed",
      doc: readFileSync(path, "utf8"),
      storylines: s.storylines,
      framing: s.framing,
    });
  }
  cases.push(...(await loadFeedCases(labels, skipped)));
  const pairs: EvalPair[] = [];
  for (const p of pairFile.pairs) {
    const a = readPairText(p.a);
    const b = readPairText(p.b);
    if (a === null || b === null) {
      skipped.push(`pair ${p.id}: ${a === null ? p.a : p.b} not found`);
      continue;
    }
    pairs.push({ id: p.id, a, b, relation: p.relation });
  }
  return { storylineIds: labels.storylines, cases, pairs, skipped };
}

export interface StorylineMetrics {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface StorylineMistake {
  id: string;
  storyline: string;
  expected: boolean;
  score: number;
}

function metrics(tp: number, fp: number, fn: number, tn: number): StorylineMetrics {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, tn, precision, recall, f1 };
}

export function evaluateStorylines(
  cases: readonly EvalCase[],
  storylineIds: readonly string[],
  storylines: readonly Storyline[] = defaultStorylines,
): { perStoryline: Record<string, StorylineMetrics>; mistakes: StorylineMistake[] } {
  const counts = new Map(storylineIds.map((id) => [id, { tp: 0, fp: 0, fn: 0, tn: 0 }]));
  const mistakes: StorylineMistake[] = [];
  for (const c of cases) {
    const results = scoreStorylines(c.doc, storylines);
    for (const id of storylineIds) {
      const r = results.find((x) => x.id === id);
      const predicted = r?.matched ?? false;
      const expected = c.storylines.includes(id);
      const k = counts.get(id);
      if (k === undefined) continue;
      if (predicted && expected) k.tp++;
      else if (predicted) k.fp++;
      else if (expected) k.fn++;
      else k.tn++;
      if (predicted !== expected) mistakes.push({ id: c.id, storyline: id, expected, score: r?.score ?? 0 });
    }
  }
  const perStoryline: Record<string, StorylineMetrics> = {};
  for (const [id, k] of counts) perStoryline[id] = metrics(k.tp, k.fp, k.fn, k.tn);
  return { perStoryline, mistakes };
}

export interface PairMistake {
  id: string;
  expected: string;
  got: string;
  similarity: number;
  novel: string[];
}

export function evaluatePairs(pairs: readonly EvalPair[]): {
  accuracy: number;
  total: number;
  mistakes: PairMistake[];
} {
  const mistakes: PairMistake[] = [];
  for (const p of pairs) {
    const r = compare(p.a, p.b);
    if (r.relation !== p.relation) {
      mistakes.push({ id: p.id, expected: p.relation, got: r.relation, similarity: r.similarity, novel: r.novel });
    }
  }
  const total = pairs.length;
  return { accuracy: total === 0 ? 1 : (total - mistakes.length) / total, total, mistakes };
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
