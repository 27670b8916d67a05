/**
 * Independent evaluation: runs the product's acceptance commands on eval/independent and compares them with
 * hand labels written before any run.
 *
 *   npx storywire score eval/independent/articles/*.txt --json   -> storylines.<id>.matched / score
 *   npx storywire compare <a> <b> --json                          -> relation, similarity, novel
 *
 * Prints per-storyline precision / recall / F1, pair accuracy, and every mistake with its score.
 * Usage: npx tsx eval/independent/check.ts
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const STORYLINES = ["ceasefire", "new-start", "sco"] as const;
type StorylineId = (typeof STORYLINES)[number];

type Label = Record<StorylineId, boolean> & { note: string };
interface Pair {
  a: string;
  b: string;
  relation: string;
  note: string;
}
interface ScoreLine {
  file: string;
  storylines: Record<string, { matched: boolean; score: number }>;
}
interface CompareResult {
  relation: string;
  similarity: number;
  novel: string[];
}

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, "..", "..");
const rel = (p: string) => relative(repoRoot, p);

function storywire(args: string[]): string {
  return execFileSync("npx", ["storywire", ...args], { cwd: repoRoot, encoding: "utf8", maxBuffer: 64 << 20 });
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(here, name), "utf8")) as T;
}

const fmt = (x: number) => (Number.isNaN(x) ? "  n/a" : x.toFixed(3).padStart(5));

function scoreArticles(labels: Record<string, Label>): string[] {
  const files = readdirSync(join(here, "articles"))
    .filter((f) => f.endsWith(".txt"))
    .sort();
  const missing = Object.keys(labels).filter((f) => !files.includes(f));
  const unlabeled = files.filter((f) => !(f in labels));
  if (missing.length + unlabeled.length > 0)
    throw new Error(`labels.json and articles/ disagree: missing ${missing}, unlabeled ${unlabeled}`);

  const out = storywire(["score", ...files.map((f) => rel(join(here, "articles", f))), "--json"]);
  const results = new Map<string, ScoreLine>();
  for (const line of out.split("\n").filter((l) => l.trim())) {
    const parsed = JSON.parse(line) as ScoreLine;
    results.set(basename(parsed.file), parsed);
  }

  const lines: string[] = ["", `Storyline scoring (matched vs label), n = ${files.length}`, ""];
  lines.push("storyline   TP  FP  FN  TN  precision  recall     F1");
  const mistakes: string[] = [];
  for (const id of STORYLINES) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    for (const file of files) {
      const got = results.get(file)?.storylines[id];
      if (!got) throw new Error(`no ${id} score for ${file} in the CLI output`);
      const want = labels[file]?.[id] ?? false;
      if (want && got.matched) tp++;
      else if (!want && got.matched) fp++;
      else if (want && !got.matched) fn++;
      else tn++;
      if (want !== got.matched) {
        const kind = want ? "FN" : "FP";
        mistakes.push(
          `  ${kind} ${id.padEnd(9)} ${file}  expected ${want}, got ${got.matched} (score ${got.score.toFixed(3)})\n` +
            `       label note: ${labels[file]?.note}`,
        );
      }
    }
    const p = tp / (tp + fp);
    const r = tp / (tp + fn);
    const f1 = (2 * p * r) / (p + r);
    lines.push(
      `${id.padEnd(10)} ${[tp, fp, fn, tn].map((n) => String(n).padStart(3)).join(" ")}      ${fmt(p)}   ${fmt(r)}  ${fmt(f1)}`,
    );
  }
  lines.push("", `Scoring mistakes (${mistakes.length}):`, ...(mistakes.length ? mistakes : ["  none"]));

  lines.push("", "All scores (file: ceasefire / new-start / sco; * = matched, ! = disagrees with label):");
  for (const file of files) {
    const s = results.get(file)?.storylines;
    const cells = STORYLINES.map((id) => {
      const got = s?.[id];
      const flag = got?.matched ? "*" : " ";
      const wrong = got && got.matched !== labels[file]?.[id] ? "!" : " ";
      return `${(got?.score ?? Number.NaN).toFixed(2)}${flag}${wrong}`;
    });
    lines.push(`  ${file.padEnd(52)} ${cells.join("  ")}`);
  }
  return lines;
}

function comparePairs(pairs: Pair[]): string[] {
  const lines: string[] = ["", `Pair relations, n = ${pairs.length}`, ""];
  const mistakes: string[] = [];
  const confusion = new Map<string, number>();
  let correct = 0;
  for (const pair of pairs) {
    const out = storywire(["compare", rel(join(here, pair.a)), rel(join(here, pair.b)), "--json"]);
    const result = JSON.parse(out.trim()) as CompareResult;
    const key = `${pair.relation} -> ${result.relation}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
    const ok = result.relation === pair.relation;
    if (ok) correct++;
    lines.push(
      `  ${ok ? "ok  " : "MISS"} ${pair.relation.padEnd(9)} got ${result.relation.padEnd(9)} sim ${result.similarity.toFixed(3)} novel ${String(result.novel.length).padStart(2)}  ${basename(pair.a)} | ${basename(pair.b)}`,
    );
    if (!ok) {
      const novel = result.novel.slice(0, 3).map((s) => `       + ${s.slice(0, 140)}`);
      mistakes.push(
        `  ${basename(pair.a)} | ${basename(pair.b)}: expected ${pair.relation}, got ${result.relation} (similarity ${result.similarity.toFixed(3)}, ${result.novel.length} novel)\n       pair note: ${pair.note}`,
        ...novel,
      );
    }
  }
  lines.push(
    "",
    `Pair accuracy: ${correct}/${pairs.length} = ${fmt(correct / pairs.length)}`,
    "Confusion (expected -> got):",
  );
  for (const [k, v] of [...confusion.entries()].sort()) lines.push(`  ${k}: ${v}`);
  lines.push("", `Pair mistakes:`, ...(mistakes.length ? mistakes : ["  none"]));
  return lines;
}

const labels = readJson<Record<string, Label>>("labels.json");
const pairs = readJson<Pair[]>("pairs.json");
process.stdout.write(`${[...scoreArticles(labels), ...comparePairs(pairs)].join("\n")}\n`);
