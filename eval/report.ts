/** Text of the evaluation report: one block per set, and the pooled tuning figures. */
import type { PairReport, StorylineReport } from "./evaluate.ts";
import { F1_DRAWS, type Interval, type Metrics } from "./stats.ts";

export const METHOD =
  "95% intervals: precision, recall and pair accuracy by the Wilson score interval; F1 by the 2.5-97.5th " +
  `percentiles of ${F1_DRAWS} draws from the Dirichlet posterior of the confusion cells (Jeffreys prior, fixed seed).`;

const num = (x: number) => (Number.isNaN(x) ? "  n/a" : x.toFixed(3));
const ci = (i: Interval) => `[${i.lo.toFixed(2)}, ${i.hi.toFixed(2)}]`;
const cell = (x: number, i: Interval) => `${num(x)} ${ci(i)}`.padEnd(20);

export function storylineTable(report: StorylineReport): string[] {
  const lines = [`  storyline     TP   FP   FN    TN   precision [95% CI]   recall [95% CI]      F1 [95% CI]`];
  for (const [id, m] of Object.entries(report.perStoryline)) lines.push(storylineRow(id, m));
  return lines;
}

function storylineRow(id: string, m: Metrics): string {
  const counts = [m.tp, m.fp, m.fn].map((n) => String(n).padStart(4)).join(" ");
  return `  ${id.padEnd(11)} ${counts} ${String(m.tn).padStart(5)}   ${cell(m.precision, m.precisionCI)} ${cell(m.recall, m.recallCI)} ${cell(m.f1, m.f1CI)}`;
}

export function formTable(report: StorylineReport): string[] {
  if (report.byForm.length <= 1) return [];
  const cells = report.byForm.map((f) => `${f.form} ${f.errors}/${f.decisions}`);
  return [`  errors by form (wrong decisions / case x storyline decisions): ${cells.join(", ")}`];
}

export function storylineMistakes(report: StorylineReport, limit = Number.POSITIVE_INFINITY): string[] {
  if (report.mistakes.length === 0) return [];
  const lines = [`  storyline mistakes (${report.mistakes.length}):`];
  for (const m of report.mistakes.slice(0, limit)) {
    const kind = m.expected ? "missed        " : "false positive";
    const note = m.note === undefined ? "" : `  (${m.note})`;
    lines.push(`    ${kind} ${m.storyline.padEnd(9)} score ${m.score.toFixed(3)}  ${m.id} [${m.form}]${note}`);
  }
  if (report.mistakes.length > limit) lines.push(`    ... and ${report.mistakes.length - limit} more`);
  return lines;
}

export function pairLines(report: PairReport): string[] {
  if (report.total === 0) return ["  pairs: none"];
  const lines = [
    `  pair accuracy: ${report.correct}/${report.total} = ${num(report.accuracy)} ${ci(report.accuracyCI)}`,
  ];
  const per = Object.entries(report.perRelation).map(
    ([rel, x]) => `${rel} ${x.correct}/${x.n} = ${num(x.accuracy)} ${ci(x.ci)}`,
  );
  lines.push(`    by labelled relation: ${per.join("; ")}`);
  const confusion = Object.entries(report.confusion).flatMap(([expected, row]) =>
    Object.entries(row)
      .filter(([got]) => got !== expected)
      .map(([got, n]) => `${expected} -> ${got}: ${n}`),
  );
  if (confusion.length > 0) lines.push(`    confusions: ${confusion.join(", ")}`);
  for (const m of report.mistakes) {
    const note = m.note === undefined ? "" : `  (${m.note})`;
    lines.push(`    ${m.id}: expected ${m.expected}, got ${m.got} (similarity ${m.similarity})${note}`);
    for (const s of m.novel.slice(0, 3)) lines.push(`        novel: ${s.slice(0, 160)}`);
  }
  return lines;
}
