/**
 * Independent evaluation #2: runs the product CLI (the acceptance contract) on the
 * articles and pairs in this folder and compares the results with labels.json and
 * pairs.json, which were written before the product was run.
 *
 * Run from anywhere: npx tsx eval/independent-2/check.ts
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const STORYLINES = ["ceasefire", "new-start", "sco"] as const;
type StorylineId = (typeof STORYLINES)[number];

type Label = Record<StorylineId, boolean> & { note: string };
type PairSpec = { a: string; b: string; relation: string; note: string };
type ScoreLine = {
  file: string;
  storylines: Record<string, { score: number; matched: boolean }>;
};
type CompareResult = { relation: string; similarity: number };

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..", "..");

function runCli(args: string[]): string {
  return execFileSync("npx", ["storywire", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

function rel(path: string): string {
  return relative(repoRoot, join(here, path));
}

function parseScoreOutput(text: string): ScoreLine[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) return JSON.parse(trimmed) as ScoreLine[];
  return trimmed
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ScoreLine);
}

function pct(n: number): string {
  return Number.isNaN(n) ? "  n/a" : `${(n * 100).toFixed(1).padStart(5)}`;
}

const labels = JSON.parse(readFileSync(join(here, "labels.json"), "utf8")) as Record<string, Label>;
const pairs = JSON.parse(readFileSync(join(here, "pairs.json"), "utf8")) as PairSpec[];

const articleFiles = readdirSync(join(here, "articles"))
  .filter((f) => f.endsWith(".txt"))
  .sort();
const unlabelled = articleFiles.filter((f) => !(f in labels));
if (unlabelled.length > 0) throw new Error(`Articles without labels: ${unlabelled.join(", ")}`);

const scored = parseScoreOutput(runCli(["score", ...articleFiles.map((f) => rel(join("articles", f))), "--json"]));
const byName = new Map(scored.map((s) => [s.file.split("/").pop() ?? s.file, s]));

const mistakes: string[] = [];
console.log("Storyline scoring (matched vs label)");
console.log("storyline   TP  FP  FN  TN  precision  recall    F1");
let totalCorrect = 0;
let totalCells = 0;
for (const id of STORYLINES) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const file of articleFiles) {
    const result = byName.get(file);
    if (!result) throw new Error(`The score output has no line for ${file}.`);
    const got = result.storylines[id];
    const matched = got?.matched ?? false;
    const label = labels[file];
    if (!label) throw new Error(`labels.json has no entry for ${file}.`);
    const expected = label[id];
    if (matched && expected) tp++;
    else if (matched && !expected) fp++;
    else if (!matched && expected) fn++;
    else tn++;
    if (matched !== expected) {
      mistakes.push(
        `  ${file} [${id}] expected ${expected} got ${matched} (score ${got?.score ?? "missing"}) — ${label.note}`,
      );
    }
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  const f1 = (2 * precision * recall) / (precision + recall);
  totalCorrect += tp + tn;
  totalCells += tp + fp + fn + tn;
  console.log(
    `${id.padEnd(10)} ${String(tp).padStart(3)} ${String(fp).padStart(3)} ${String(fn).padStart(3)} ${String(tn).padStart(3)}      ${pct(precision)}   ${pct(recall)}  ${pct(f1)}`,
  );
}
console.log(`cell accuracy: ${totalCorrect}/${totalCells}`);

console.log("\nPairs (compare relation vs label)");
let pairCorrect = 0;
for (const pair of pairs) {
  const out = JSON.parse(runCli(["compare", rel(pair.a), rel(pair.b), "--json"])) as CompareResult;
  const ok = out.relation === pair.relation;
  if (ok) pairCorrect++;
  const line = `${ok ? "ok  " : "MISS"} ${pair.relation.padEnd(9)} got ${out.relation.padEnd(9)} sim ${out.similarity.toFixed(3)}  ${pair.a.split("/").pop()} ~ ${pair.b.split("/").pop()}`;
  console.log(`  ${line}`);
  if (!ok) mistakes.push(`  pair ${line} — ${pair.note}`);
}
console.log(`pair accuracy: ${pairCorrect}/${pairs.length} (${pct(pairCorrect / pairs.length)}%)`);

console.log(`\nMistakes (${mistakes.length}):`);
for (const m of mistakes) console.log(m);
