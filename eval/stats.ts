/**
 * The statistics of the evaluation report, written out so a reader can check them:
 *   - Wilson score interval (95%) for a proportion: precision, recall, pair accuracy. Unlike the normal
 *     approximation it stays inside [0, 1] and is honest for small n and for proportions at 0 or 1
 *     (10/10 correct gives [0.72, 1], not [1, 1]).
 *   - F1 is not a proportion: its 95% interval comes from draws of the confusion-cell probabilities from
 *     their Dirichlet posterior (Jeffreys prior; see f1Interval), with a seeded generator so the report is
 *     reproducible.
 */

/** z for a two-sided 95% interval. */
export const Z95 = 1.959964;

/** Posterior draws behind the F1 interval. */
export const F1_DRAWS = 4000;

export interface Interval {
  lo: number;
  hi: number;
}

/** Wilson score interval of `successes` out of `n` (n = 0: the whole [0, 1]). */
export function wilson(successes: number, n: number, z = Z95): Interval {
  if (n === 0) return { lo: 0, hi: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { lo: Math.max(0, center - half), hi: Math.min(1, center + half) };
}

/** A small seeded PRNG (mulberry32): the same report every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** F1 of counts; NaN when there is nothing to score (no positives labelled and none predicted). */
export function f1Of(c: Counts): number {
  const denominator = 2 * c.tp + c.fp + c.fn;
  return denominator === 0 ? Number.NaN : (2 * c.tp) / denominator;
}

/** One labelled decision: was it labelled positive, was it predicted positive. */
export interface Outcome {
  expected: boolean;
  predicted: boolean;
}

export function countOutcomes(outcomes: readonly Outcome[]): Counts {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const o of outcomes) {
    if (o.expected && o.predicted) c.tp++;
    else if (o.predicted) c.fp++;
    else if (o.expected) c.fn++;
    else c.tn++;
  }
  return c;
}

/** A Gamma(shape, 1) draw (Marsaglia and Tsang; shape < 1 by the boost Gamma(shape + 1) x U^(1/shape)). */
function gamma(shape: number, random: () => number): number {
  if (shape < 1) return gamma(shape + 1, random) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      // A standard normal draw (Box-Muller).
      x = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * 95% interval of F1: the 2.5th and 97.5th percentiles of F1 over draws of the confusion-cell probabilities
 * from their posterior, Dirichlet(tp + 1/2, fp + 1/2, fn + 1/2, tn + 1/2) (Jeffreys prior). A Bayesian
 * bootstrap over the four cells: unlike the percentile bootstrap over documents it does not collapse to
 * [1, 1] when a small set happens to have no error (8 of 8 found is weaker evidence than 80 of 80).
 */
export function f1Interval(c: Counts, draws = F1_DRAWS, seed = 12): Interval {
  if (c.tp + c.fp + c.fn + c.tn === 0) return { lo: 0, hi: 1 };
  const random = seededRandom(seed);
  const values: number[] = [];
  for (let i = 0; i < draws; i++) {
    const tp = gamma(c.tp + 0.5, random);
    const fp = gamma(c.fp + 0.5, random);
    const fn = gamma(c.fn + 0.5, random);
    // The tn cell does not enter F1, and the normalisation cancels in the ratio.
    values.push((2 * tp) / (2 * tp + fp + fn));
  }
  values.sort((x, y) => x - y);
  const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
  return { lo: at(0.025), hi: at(0.975) };
}

export interface Metrics extends Counts {
  n: number;
  precision: number;
  recall: number;
  f1: number;
  precisionCI: Interval;
  recallCI: Interval;
  f1CI: Interval;
}

/** Precision, recall and F1 with their 95% intervals (Wilson for P and R, the Dirichlet posterior for F1). */
export function metricsOf(outcomes: readonly Outcome[]): Metrics {
  const c = countOutcomes(outcomes);
  const predicted = c.tp + c.fp;
  const positives = c.tp + c.fn;
  return {
    ...c,
    n: outcomes.length,
    precision: predicted === 0 ? Number.NaN : c.tp / predicted,
    recall: positives === 0 ? Number.NaN : c.tp / positives,
    f1: f1Of(c),
    precisionCI: wilson(c.tp, predicted),
    recallCI: wilson(c.tp, positives),
    f1CI: f1Interval(c),
  };
}
