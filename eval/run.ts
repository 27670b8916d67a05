/**
 * `npm run eval`: scores the labelled set and prints precision / recall / F1 per storyline, pair accuracy of
 * compare with its mistakes, and framing expectations. Exits with code 1 when a storyline's F1 is below 0.85
 * or pair accuracy below 0.9 (the acceptance bars), so CI can use it.
 */
import { evaluateFraming, evaluatePairs, evaluateStorylines, loadEvalSet } from "./evaluate.ts";

export const F1_BAR = 0.85;
export const PAIR_BAR = 0.9;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);

async function main(): Promise<number> {
  const set = await loadEvalSet();
  const bySource = (s: string) => set.cases.filter((c) => c.source === s).length;
  console.log(
    `Evaluation set: ${set.cases.length} texts (${bySource("article")} written, ${bySource("seed")} seeds, ` +
      `${bySource("feed")} feed items), ${set.pairs.length} pairs.`,
  );
  for (const s of set.skipped) console.log(`  skipped: ${s}`);

  const { perStoryline, mistakes } = evaluateStorylines(set.cases, set.storylineIds);
  console.log("\nstoryline      TP   FP   FN    TN  precision  recall      F1");
  let ok = true;
  for (const [id, m] of Object.entries(perStoryline)) {
    const flag = m.f1 >= F1_BAR ? "" : `  < ${F1_BAR}`;
    if (m.f1 < F1_BAR) ok = false;
    console.log(
      `${id.padEnd(12)} ${String(m.tp).padStart(4)} ${String(m.fp).padStart(4)} ${String(m.fn).padStart(4)} ` +
        `${String(m.tn).padStart(5)}    ${pct(m.precision)} ${pct(m.recall)} ${pct(m.f1)}${flag}`,
    );
  }
  if (mistakes.length > 0) {
    console.log("\nstoryline mistakes:");
    for (const m of mistakes) {
      console.log(
        `  ${m.expected ? "missed" : "false positive"}  ${m.storyline}  score ${m.score.toFixed(3)}  ${m.id}`,
      );
    }
  }

  const pairs = evaluatePairs(set.pairs);
  if (pairs.accuracy < PAIR_BAR) ok = false;
  console.log(`\npair accuracy: ${pct(pairs.accuracy)} (${pairs.total - pairs.mistakes.length}/${pairs.total})`);
  for (const m of pairs.mistakes) {
    console.log(`  ${m.id}: expected ${m.expected}, got ${m.got} (similarity ${m.similarity})`);
    for (const s of m.novel.slice(0, 3)) console.log(`      novel: ${s}`);
  }

  const framing = evaluateFraming(set.cases);
  console.log(
    `\nframing expectations: ${framing.checked - framing.mistakes.length}/${framing.checked} met (reported, not gated)`,
  );
  for (const m of framing.mistakes) console.log(`  ${m.id}: ${m.field} expected ${m.expected}, got ${m.got}`);

  console.log(
    ok ? "\nPASS: every storyline F1 and the pair accuracy reach the bars." : "\nFAIL: below the bars above.",
  );
  return ok ? 0 : 1;
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
