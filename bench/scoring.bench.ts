/**
 * Scoring benchmark: articles/s and CPU µs per ~5 KB article for storylines + framing (scoreDocument), and
 * pairs/s for compare(), and candidates/s when placing a story among its storyline's stories (classifyAgainst).
 * The first two are set against a naive baseline measured in the same run:
 *   - scoring: lower-case `includes` of every cue, context and framing phrase over the whole text (what a
 *     keyword filter does, with no positions, windows, overlap rules or evidence);
 *   - compare: exact Jaccard over full string-shingle sets of both texts.
 * Run alone with `npx tsx bench/scoring.bench.ts`, or through the bench runner via `run(print)`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { classifyAgainst, compare, fingerprint } from "../packages/core/src/dedup/index.ts";
import { framingLexicon } from "../packages/core/src/scoring/framing-lexicon.ts";
import { defaultStorylines, scoreDocument } from "../packages/core/src/scoring/index.ts";
import { type BenchContext, consoleContext } from "./context.ts";

const here = dirname(fileURLToPath(import.meta.url));
const articlesDir = resolve(here, "..", "eval", "articles");

const TARGET_BYTES = 5 * 1024;
/** Candidates of one placement in the benchmark (texts of eval/articles). */
const PLACEMENT_CANDIDATES = 60;

/** Minimum measuring time per case. */
const MIN_MS = 1000;

/** A ~5 KB seed-shaped article built from the evaluation texts (real sentences, several storylines). */
function buildArticle(): string {
  const files = readdirSync(articlesDir)
    .filter((f) => f.endsWith(".txt"))
    .sort();
  const paragraphs: string[] = [];
  let size = 0;
  for (const f of files) {
    const [, ...body] = readFileSync(join(articlesDir, f), "utf8")
      .trim()
      .split(/\n\s*\n/);
    for (const p of body) {
      if (size >= TARGET_BYTES) break;
      paragraphs.push(p);
      size += Buffer.byteLength(p) + 2;
    }
  }
  return `Storywire benchmark article\n\n${paragraphs.join("\n\n")}\n`;
}

interface Timing {
  ops: number;
  wallMs: number;
  cpuUs: number;
}

function measure(fn: () => unknown): Timing {
  for (let i = 0; i < 20; i++) fn(); // warm-up
  let ops = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let wall = 0;
  while (wall < MIN_MS) {
    for (let i = 0; i < 25; i++) fn();
    ops += 25;
    wall = performance.now() - t0;
  }
  const cpu = process.cpuUsage(cpu0);
  return { ops, wallMs: wall, cpuUs: cpu.user + cpu.system };
}

function allPhrases(): string[] {
  const out = new Set<string>();
  const add = (p: unknown) => {
    if (typeof p === "string") out.add(p.replace(/\*$/, "").toLowerCase());
    else if (typeof p === "object" && p !== null && "phrase" in p) add((p as { phrase: string }).phrase);
  };
  for (const s of defaultStorylines) {
    for (const c of s.cues) add(c.phrase);
    for (const list of Object.values(s.contexts)) for (const p of list) add(p);
  }
  // The phrase lists only (as before the lexicon moved to JSON): the word lists behind the two patterns are not.
  const { description: _d, unnamedPerson: _u, contrastClause: _c, ...lists } = framingLexicon;
  for (const value of Object.values(lists)) {
    if (Array.isArray(value)) for (const p of value) add(p);
    else for (const list of Object.values(value)) if (Array.isArray(list)) for (const p of list) add(p);
  }
  return [...out];
}

function naiveScore(text: string, phrases: readonly string[]): number {
  const lower = text.toLowerCase();
  let hits = 0;
  for (const p of phrases) if (lower.includes(p)) hits++;
  return hits;
}

function naiveJaccard(a: string, b: string): number {
  const grams = (t: string) => {
    const w = t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const s = new Set<string>();
    for (let i = 0; i + 3 <= w.length; i++) s.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
    return s;
  };
  const sa = grams(a);
  const sb = grams(b);
  let shared = 0;
  for (const g of sa) if (sb.has(g)) shared++;
  return shared / (sa.size + sb.size - shared || 1);
}

function line(name: string, t: Timing, unit: string): string {
  const perSec = (t.ops / t.wallMs) * 1000;
  const cpuPer = t.cpuUs / t.ops;
  return `${name.padEnd(34)} ${perSec.toFixed(0).padStart(8)} ${unit}/s   ${cpuPer.toFixed(1).padStart(8)} µs CPU each`;
}

export async function run({ print, record }: BenchContext): Promise<void> {
  const article = buildArticle();
  const update = `${article}\nHours later the ministry said 57 drones had been shot down. "This changes nothing," an aide said.\n`;
  const phrases = allPhrases();
  print(`scoring bench: article ${Buffer.byteLength(article)} bytes, ${phrases.length} phrases in the baseline`);

  const scoring = measure(() => scoreDocument(article));
  const naive = measure(() => naiveScore(article, phrases));
  print(line("scoreDocument (storylines+framing)", scoring, "articles"));
  record("score_articles_per_s", (scoring.ops / scoring.wallMs) * 1000);
  print(line("baseline: includes() over phrases", naive, "articles"));
  print(
    `  ratio: ${(scoring.cpuUs / scoring.ops / (naive.cpuUs / naive.ops)).toFixed(1)}x the baseline's CPU per article`,
  );

  const pairs = measure(() => compare(article, update));
  const jaccard = measure(() => naiveJaccard(article, update));
  print(line("compare (dup/update/novel)", pairs, "pairs"));
  record("compare_pairs_per_s", (pairs.ops / pairs.wallMs) * 1000);
  print(line("baseline: exact shingle Jaccard", jaccard, "pairs"));
  print(
    `  ratio: ${(pairs.cpuUs / pairs.ops / (jaccard.cpuUs / jaccard.ops)).toFixed(1)}x the baseline's CPU per pair`,
  );

  // Placing a story among its storyline's recent stories (the pipeline's classifyAgainst): every candidate is
  // compared, each prepared once and kept (warm, as in a running worker).
  const candidates = readdirSync(articlesDir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .slice(0, PLACEMENT_CANDIDATES)
    .map((f, i) => {
      const [title = "", ...body] = readFileSync(join(articlesDir, f), "utf8")
        .trim()
        .split(/\n\s*\n/);
      return { id: String(i), title, text: body.join("\n\n") };
    });
  const placing = measure(() => classifyAgainst(update, candidates));
  print(line(`classifyAgainst (${candidates.length} candidates)`, placing, "stories"));
  record("place_candidates_per_s", ((placing.ops * candidates.length) / placing.wallMs) * 1000);
  print(`  ${(((placing.ops * candidates.length) / placing.wallMs) * 1000).toFixed(0)} candidates/s`);

  const fp = measure(() => fingerprint(article));
  print(line("fingerprint (SimHash)", fp, "articles"));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(consoleContext()).catch((err: unknown) => {
    console.error(`Benchmark failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
