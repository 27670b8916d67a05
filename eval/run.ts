/**
 * `npm run eval`: every evaluation set (eval/sets.ts finds them), tuning pool first, then the frozen sets, each
 * with per-storyline precision / recall / F1 and their 95% intervals, pair accuracy per relation, and every
 * mistake; then the pooled tuning figures. Exits with 1 when a tuning set is below the bars (a storyline's F1
 * below 0.85 or pair accuracy below 0.9); frozen sets are reported, never gated.
 *
 *   npm run eval                          every set
 *   npm run eval -- --tuning              the tuning pool only (what CI checks)
 *   npm run eval -- --set eval/frozen-a   one set (any folder with labels.json), e.g. a frozen set's one run
 *   npm run eval -- --json out.json       also write the figures as JSON
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  evaluateFraming,
  evaluatePairs,
  evaluateStorylines,
  type PairReport,
  rulesDecision,
  type StorylineReport,
  scoreCases,
} from "./evaluate.ts";
import { formTable, METHOD, pairLines, storylineMistakes, storylineTable } from "./report.ts";
import { type EvalSet, findSet, listSets, loadSet } from "./sets.ts";

export const F1_BAR = 0.85;
export const PAIR_BAR = 0.9;

function commit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "packages/core/src", "eval"], {
      encoding: "utf8",
    }).trim();
    return dirty === "" ? head : `${head} + uncommitted changes`;
  } catch {
    return "unknown commit";
  }
}

interface SetResult {
  name: string;
  role: string;
  texts: number;
  storylines: StorylineReport;
  pairs: PairReport;
}

function evaluateSet(set: EvalSet, print: (line: string) => void): SetResult {
  const scored = scoreCases(set.cases);
  const storylines = evaluateStorylines(scored, set.storylineIds, rulesDecision);
  const pairs = evaluatePairs(set.pairs);
  const forms = new Map<string, number>();
  for (const c of set.cases) forms.set(c.form, (forms.get(c.form) ?? 0) + 1);
  const formText = [...forms].map(([f, n]) => `${f} ${n}`).join(", ");
  print(`\n-- ${set.name} (${set.role}): ${set.cases.length} texts (${formText}), ${set.pairs.length} pairs`);
  if (set.description !== "") print(`   ${set.description}`);
  for (const s of set.skipped) print(`   skipped: ${s}`);
  for (const line of storylineTable(storylines)) print(line);
  for (const line of formTable(storylines)) print(line);
  for (const line of storylineMistakes(storylines, 40)) print(line);
  for (const line of pairLines(pairs)) print(line);
  const framing = evaluateFraming(set.cases);
  if (framing.checked > 0) {
    print(`  framing expectations: ${framing.checked - framing.mistakes.length}/${framing.checked} met (not gated)`);
    for (const m of framing.mistakes) print(`    ${m.id}: ${m.field} expected ${m.expected}, got ${m.got}`);
  }
  return { name: set.name, role: set.role, texts: set.cases.length, storylines, pairs };
}

function belowBars(r: SetResult): string[] {
  const out: string[] = [];
  for (const [id, m] of Object.entries(r.storylines.perStoryline)) {
    if (!(m.f1 >= F1_BAR) && !Number.isNaN(m.f1)) out.push(`${r.name}: ${id} F1 ${m.f1.toFixed(3)} < ${F1_BAR}`);
  }
  if (r.pairs.total > 0 && r.pairs.accuracy < PAIR_BAR)
    out.push(`${r.name}: pair accuracy ${r.pairs.accuracy.toFixed(3)} < ${PAIR_BAR}`);
  return out;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      set: { type: "string", multiple: true },
      tuning: { type: "boolean", default: false },
      json: { type: "string" },
    },
  });
  const entries = values.set?.map(findSet) ?? listSets().filter((s) => !values.tuning || s.role === "tuning");
  const ordered = [...entries.filter((e) => e.role === "tuning"), ...entries.filter((e) => e.role === "frozen")];
  const print = (line: string) => console.log(line);
  print(`Storywire evaluation, ${new Date().toISOString().slice(0, 10)}, commit ${commit()}`);
  print(METHOD);

  const results: SetResult[] = [];
  const tuning: EvalSet[] = [];
  let header = "";
  for (const entry of ordered) {
    const role = entry.role === "tuning" ? "TUNING POOL: rules were tuned on these sets; not blind" : "FROZEN";
    if (role !== header) {
      print(`\n==== ${role} ====`);
      header = role;
    }
    const set = await loadSet(entry);
    if (set.role === "tuning") tuning.push(set);
    results.push(evaluateSet(set, print));
  }

  if (tuning.length > 1) {
    const pooled: EvalSet = {
      dir: "",
      name: "tuning pool (all tuning sets together)",
      role: "tuning",
      description: "",
      storylineIds: [...new Set(tuning.flatMap((s) => s.storylineIds))].sort(),
      cases: tuning.flatMap((s) => s.cases),
      pairs: tuning.flatMap((s) => s.pairs),
      skipped: [],
    };
    print(`\n==== POOLED ====`);
    const r = evaluateSet({ ...pooled, description: "every mistake is listed under its set above" }, () => {});
    print(`\n-- ${pooled.name}: ${r.texts} texts, ${r.pairs.total} pairs`);
    for (const line of storylineTable(r.storylines)) print(line);
    for (const line of formTable(r.storylines)) print(line);
    for (const line of pairLines({ ...r.pairs, mistakes: [] })) print(line);
    results.push({ ...r, role: "tuning-pooled" });
  }

  const failures = results.filter((r) => r.role === "tuning").flatMap(belowBars);
  if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
  if (failures.length > 0) {
    print(`\nFAIL: below the bars (F1 >= ${F1_BAR} per storyline, pair accuracy >= ${PAIR_BAR}) on tuning sets:`);
    for (const f of failures) print(`  ${f}`);
    return 1;
  }
  print(`\nPASS: every tuning set reaches the bars (F1 >= ${F1_BAR} per storyline, pair accuracy >= ${PAIR_BAR}).`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`Evaluation could not run: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
