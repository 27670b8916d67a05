/**
 * The evaluation gate: the labelled set in eval/ (written texts always; seeds and the 2022 feed items when
 * ../shared is present) must reach F1 >= 0.85 per storyline and >= 0.9 pair accuracy for compare().
 */
import { describe, expect, it } from "vitest";
import { evaluatePairs, evaluateStorylines, loadEvalSet } from "../../../../eval/evaluate.ts";

describe("evaluation set", () => {
  it("reaches F1 >= 0.85 for every default storyline", async () => {
    const set = await loadEvalSet();
    expect(set.cases.filter((c) => c.source === "article").length).toBeGreaterThanOrEqual(60);
    const { perStoryline, mistakes } = evaluateStorylines(set.cases, set.storylineIds);
    for (const id of set.storylineIds) {
      const wrong = mistakes.filter((m) => m.storyline === id).map((m) => m.id);
      expect(perStoryline[id]?.f1 ?? 0, `F1 of ${id}; mistakes: ${wrong.join(", ")}`).toBeGreaterThanOrEqual(0.85);
    }
  });

  it("classifies >= 90% of the labelled pairs correctly", async () => {
    const set = await loadEvalSet();
    expect(set.pairs.length).toBeGreaterThanOrEqual(15);
    const r = evaluatePairs(set.pairs);
    expect(
      r.accuracy,
      JSON.stringify(r.mistakes.map((m) => `${m.id}: ${m.expected} -> ${m.got}`)),
    ).toBeGreaterThanOrEqual(0.9);
  });
});
