/**
 * `npm run eval:learn`: fits the learned layer (packages/core/src/scoring/learned/model.json) on the TUNING POOL
 * only, never on a frozen set.
 *
 * One row per (text, default storyline): the rules' features (learned/features.ts) and the label. The model is
 * an L2-regularised logistic regression on standardised features, fitted by Newton's method (IRLS):
 *   - the regularisation strength is chosen by 5-fold cross-validation grouped by text (a text's rows stay in
 *     one fold), minimising out-of-fold log loss;
 *   - calibration: Platt scaling (p = sigmoid(a z + b)) fitted on the out-of-fold z of that model;
 *   - the final weights are fitted on every row; the out-of-fold figures (rules vs learned, same rows) are
 *     written into the file's `fit` record and printed.
 * The `enabled` flag of the existing file is kept: whether the layer decides is a decision taken on the
 * first run of a frozen set (eval/README.md), not by this script.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defaultStorylines, scoreStorylines } from "../packages/core/src/scoring/index.ts";
import { FEATURE_NAMES, type Features } from "../packages/core/src/scoring/learned/features.ts";
import type { LearnedModel } from "../packages/core/src/scoring/learned/model.ts";
import { loadSets } from "./sets.ts";
import { f1Of, seededRandom } from "./stats.ts";

const MODEL_PATH = fileURLToPath(new URL("../packages/core/src/scoring/learned/model.json", import.meta.url));
const FOLDS = 5;
const LAMBDAS = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30];
const SEED = 7;

interface Row {
  doc: string;
  storyline: string;
  x: number[];
  y: number;
  rules: boolean;
}

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

/** Solves A v = b (A symmetric positive definite, small) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0)) pivot = r;
    [m[c], m[pivot]] = [m[pivot] ?? [], m[c] ?? []];
    const rowC = m[c] ?? [];
    const p = rowC[c] ?? 1;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = m[r] ?? [];
      const f = (row[c] ?? 0) / p;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) row[k] = (row[k] ?? 0) - f * (rowC[k] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

/** L2-regularised logistic regression (intercept first, not penalised) by Newton's method. */
function fitLogistic(xs: readonly number[][], ys: readonly number[], lambda: number): number[] {
  const d = (xs[0]?.length ?? 0) + 1;
  const w = new Array<number>(d).fill(0);
  for (let iter = 0; iter < 100; iter++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    xs.forEach((x, i) => {
      const row = [1, ...x];
      const p = sigmoid(row.reduce((s, v, k) => s + v * (w[k] ?? 0), 0));
      const r = Math.max(p * (1 - p), 1e-9);
      const e = p - (ys[i] ?? 0);
      for (let j = 0; j < d; j++) {
        g[j] = (g[j] ?? 0) + e * (row[j] ?? 0);
        const hj = h[j] ?? [];
        for (let k = 0; k < d; k++) hj[k] = (hj[k] ?? 0) + r * (row[j] ?? 0) * (row[k] ?? 0);
      }
    });
    for (let j = 0; j < d; j++) {
      const hj = h[j] ?? [];
      hj[j] = (hj[j] ?? 0) + (j === 0 ? 1e-9 : lambda);
      if (j > 0) g[j] = (g[j] ?? 0) + lambda * (w[j] ?? 0);
    }
    const step = solve(h, g);
    let size = 0;
    for (let j = 0; j < d; j++) {
      w[j] = (w[j] ?? 0) - (step[j] ?? 0);
      size = Math.max(size, Math.abs(step[j] ?? 0));
    }
    if (size < 1e-9) break;
  }
  return w;
}

const linear = (w: readonly number[], x: readonly number[]) =>
  x.reduce((s, v, k) => s + v * (w[k + 1] ?? 0), w[0] ?? 0);

function logLoss(ps: readonly number[], ys: readonly number[]): number {
  let sum = 0;
  ps.forEach((p, i) => {
    const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
    sum -= (ys[i] ?? 0) === 1 ? Math.log(q) : Math.log(1 - q);
  });
  return sum / Math.max(1, ps.length);
}

/** Out-of-fold z for each row, folds grouped by text. */
function outOfFold(rows: readonly Row[], fold: ReadonlyMap<string, number>, lambda: number): number[] {
  const z = new Array<number>(rows.length).fill(0);
  for (let f = 0; f < FOLDS; f++) {
    const train = rows.filter((r) => fold.get(r.doc) !== f);
    const w = fitLogistic(
      train.map((r) => r.x),
      train.map((r) => r.y),
      lambda,
    );
    rows.forEach((r, i) => {
      if (fold.get(r.doc) === f) z[i] = linear(w, r.x);
    });
  }
  return z;
}

async function main(): Promise<void> {
  const storylines = defaultStorylines.map((s) => s.id);
  const sets = await loadSets("tuning");
  const raw: { doc: string; storyline: string; features: Features; y: number; rules: boolean }[] = [];
  for (const set of sets) {
    for (const c of set.cases) {
      for (const r of scoreStorylines(c.doc, defaultStorylines)) {
        if (!set.storylineIds.includes(r.id)) continue;
        const doc = `${set.dir}/${c.id}`;
        raw.push({
          doc,
          storyline: r.id,
          features: r.features,
          y: c.storylines.includes(r.id) ? 1 : 0,
          rules: r.rulesMatched,
        });
      }
    }
  }
  const means = FEATURE_NAMES.map((f) => raw.reduce((s, r) => s + r.features[f], 0) / raw.length);
  const scales = FEATURE_NAMES.map((f, k) => {
    const v = raw.reduce((s, r) => s + (r.features[f] - (means[k] ?? 0)) ** 2, 0) / raw.length;
    return v > 1e-12 ? Math.sqrt(v) : 1;
  });
  const rows: Row[] = raw.map((r) => ({
    doc: r.doc,
    storyline: r.storyline,
    x: FEATURE_NAMES.map((f, k) => (r.features[f] - (means[k] ?? 0)) / (scales[k] ?? 1)),
    y: r.y,
    rules: r.rules,
  }));

  // Folds: texts shuffled with a fixed seed, dealt round-robin.
  const docs = [...new Set(rows.map((r) => r.doc))];
  const random = seededRandom(SEED);
  for (let i = docs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [docs[i], docs[j]] = [docs[j] ?? "", docs[i] ?? ""];
  }
  const fold = new Map(docs.map((d, i) => [d, i % FOLDS]));
  const ys = rows.map((r) => r.y);

  let best = { lambda: LAMBDAS[0] ?? 1, loss: Number.POSITIVE_INFINITY, z: [] as number[] };
  for (const lambda of LAMBDAS) {
    const z = outOfFold(rows, fold, lambda);
    const loss = logLoss(z.map(sigmoid), ys);
    console.log(`lambda ${String(lambda).padEnd(5)} out-of-fold log loss ${loss.toFixed(4)}`);
    if (loss < best.loss) best = { lambda, loss, z };
  }
  // Platt scaling on the out-of-fold z (a tiny ridge keeps it finite on separable data).
  const platt = fitLogistic(
    best.z.map((v) => [v]),
    ys,
    1e-3,
  );
  const calibration = { a: platt[1] ?? 1, b: platt[0] ?? 0 };
  const oofP = best.z.map((v) => sigmoid(calibration.a * v + calibration.b));

  const figures: Record<string, { rulesF1: number; learnedF1: number; positives: number; rows: number }> = {};
  for (const id of storylines) {
    const count = (decide: (i: number) => boolean) => {
      const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
      rows.forEach((r, i) => {
        if (r.storyline !== id) return;
        const p = decide(i);
        if (p && r.y === 1) c.tp++;
        else if (p) c.fp++;
        else if (r.y === 1) c.fn++;
        else c.tn++;
      });
      return c;
    };
    const rules = count((i) => rows[i]?.rules === true);
    const learned = count((i) => (oofP[i] ?? 0) >= 0.5);
    figures[id] = {
      rulesF1: Number(f1Of(rules).toFixed(4)),
      learnedF1: Number(f1Of(learned).toFixed(4)),
      positives: rules.tp + rules.fn,
      rows: rules.tp + rules.fp + rules.fn + rules.tn,
    };
  }

  const w = fitLogistic(
    rows.map((r) => r.x),
    ys,
    best.lambda,
  );
  const previous = JSON.parse(readFileSync(MODEL_PATH, "utf8")) as Partial<LearnedModel>;
  const model: LearnedModel = {
    description:
      "Learned layer over the rules' features: L2-regularised logistic regression on standardised features, " +
      "Platt-calibrated, fitted on the tuning pool by npm run eval:learn (eval/learn.ts). Weights apply to " +
      "(value - mean) / scale. See eval/README.md for whether it is enabled and why.",
    enabled: previous.enabled ?? false,
    storylines,
    features: FEATURE_NAMES.map((name, k) => ({
      name,
      mean: Number((means[k] ?? 0).toFixed(6)),
      scale: Number((scales[k] ?? 1).toFixed(6)),
      weight: Number((w[k + 1] ?? 0).toFixed(6)),
    })),
    intercept: Number((w[0] ?? 0).toFixed(6)),
    calibration: { a: Number(calibration.a.toFixed(6)), b: Number(calibration.b.toFixed(6)) },
    threshold: 0.5,
    fit: {
      data: `tuning pool: ${sets.map((s) => s.dir).join(", ")}; ${docs.length} texts, ${rows.length} rows`,
      folds: FOLDS,
      lambda: best.lambda,
      outOfFoldLogLoss: Number(best.loss.toFixed(4)),
      outOfFoldF1: figures,
    },
  };
  writeFileSync(MODEL_PATH, `${JSON.stringify(model, null, 2)}\n`);
  console.log(`\nchosen lambda ${best.lambda}; Platt a ${calibration.a.toFixed(3)}, b ${calibration.b.toFixed(3)}`);
  console.log("out-of-fold F1 on the tuning pool (rules vs learned, same rows):");
  for (const [id, f] of Object.entries(figures)) {
    console.log(
      `  ${id.padEnd(10)} rules ${f.rulesF1.toFixed(3)}  learned ${f.learnedF1.toFixed(3)}  (${f.positives} positives)`,
    );
  }
  console.log("weights (per standard deviation):");
  for (const f of model.features) console.log(`  ${f.name.padEnd(14)} ${f.weight.toFixed(3)}`);
  console.log(`written to ${MODEL_PATH}`);
}

main().catch((err: unknown) => {
  console.error(`Fitting failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
