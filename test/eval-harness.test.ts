/** The evaluation harness (eval/): its statistics and its generic reading of set folders. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { evaluatePairs, evaluateStorylines, scoreCases } from "../eval/evaluate.ts";
import { findSet, listSets, loadSet } from "../eval/sets.ts";
import { f1Interval, metricsOf, type Outcome, wilson } from "../eval/stats.ts";

describe("statistics", () => {
  it("gives Wilson score intervals (values checked by hand)", () => {
    const ten = wilson(10, 10);
    expect(ten.lo).toBeCloseTo(0.7225, 3);
    expect(ten.hi).toBeCloseTo(1, 9);
    const half = wilson(5, 10);
    expect(half.lo).toBeCloseTo(0.2366, 3);
    expect(half.hi).toBeCloseTo(0.7634, 3);
    expect(wilson(0, 0)).toEqual({ lo: 0, hi: 1 });
  });

  it("gives an F1 interval around the estimate that does not collapse on a small perfect set", () => {
    const small = f1Interval({ tp: 8, fp: 0, fn: 0, tn: 37 });
    expect(small.hi).toBeGreaterThan(0.99);
    expect(small.lo).toBeGreaterThan(0.6);
    expect(small.lo).toBeLessThan(0.95);
    const large = f1Interval({ tp: 800, fp: 0, fn: 0, tn: 3700 });
    expect(large.lo).toBeGreaterThan(small.lo);
    const mixed = f1Interval({ tp: 40, fp: 10, fn: 10, tn: 100 });
    expect(mixed.lo).toBeLessThan(0.8);
    expect(mixed.hi).toBeGreaterThan(0.8);
    expect(f1Interval({ tp: 40, fp: 10, fn: 10, tn: 100 })).toEqual(mixed);
  });

  it("counts outcomes into precision, recall and F1", () => {
    const outcomes: Outcome[] = [
      { expected: true, predicted: true },
      { expected: true, predicted: false },
      { expected: false, predicted: true },
      { expected: false, predicted: false },
    ];
    expect(metricsOf(outcomes)).toMatchObject({ tp: 1, fp: 1, fn: 1, tn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(Number.isNaN(metricsOf([{ expected: false, predicted: false }]).f1)).toBe(true);
  });
});

describe("evaluation sets", () => {
  const dir = mkdtempSync(join(tmpdir(), "storywire-eval-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, "articles"));
  mkdirSync(join(dir, "pairs"));
  const write = (path: string, text: string) => writeFileSync(join(dir, path), text);
  write(
    "articles/a1.txt",
    "Russia and Ukraine agree energy truce\n\nRussia and Ukraine agreed a 30-day energy truce in talks in Riyadh.\n",
  );
  write("articles/a2.txt", "Football season starts\n\nThe new season starts on Saturday with ten games.\n");
  write("articles/unlabelled.txt", "Nothing\n\nNo label for this one.\n");
  write(
    "pairs/a1-repost.txt",
    "Energy truce agreed\n\nRussia and Ukraine agreed a 30-day energy truce in talks in Riyadh.\n",
  );
  write(
    "labels.json",
    JSON.stringify({
      "a1.txt": { ceasefire: true, "new-start": false, sco: false, form: "headline-summary", note: "truce" },
      "articles/a2.txt": { ceasefire: false, "new-start": false, sco: false, note: "sports" },
      "missing.txt": { ceasefire: false, "new-start": false, sco: false },
    }),
  );
  write(
    "pairs.json",
    JSON.stringify([
      { a: "articles/a1.txt", b: "pairs/a1-repost.txt", relation: "duplicate", note: "new headline" },
      { a: "articles/a1.txt", b: "articles/a2.txt", relation: "unrelated" },
      { a: "articles/a1.txt", b: "articles/a2.txt", relation: "cousins" },
    ]),
  );

  it("reads any folder with labels.json and pairs.json; one outside eval/ counts as frozen", async () => {
    const entry = findSet(dir);
    expect(entry.role).toBe("frozen");
    const set = await loadSet(entry);
    expect(set.storylineIds).toEqual(["ceasefire", "new-start", "sco"]);
    expect(set.cases.map((c) => [c.id, c.form, c.storylines])).toEqual([
      ["articles/a1.txt", "headline-summary", ["ceasefire"]],
      ["articles/a2.txt", "unspecified", []],
    ]);
    expect(set.pairs.map((p) => p.relation)).toEqual(["duplicate", "unrelated"]);
    expect(set.skipped).toEqual([
      expect.stringContaining("label missing.txt"),
      "articles/unlabelled.txt has no label and is not scored",
      expect.stringContaining('unknown relation "cousins"'),
    ]);
    const report = evaluateStorylines(scoreCases(set.cases), set.storylineIds);
    expect(report.perStoryline.ceasefire).toMatchObject({ tp: 1, tn: 1, fp: 0, fn: 0 });
    expect(report.byForm.map((f) => f.form)).toEqual(["headline-summary", "unspecified"]);
    expect(evaluatePairs(set.pairs)).toMatchObject({ total: 2, correct: 2 });
  });

  it("says what is not a set", () => {
    expect(() => findSet(join(dir, "articles"))).toThrow("has no labels.json");
  });

  it("lists the repository's sets with their roles; the tuning pool is what CI gates", () => {
    const sets = listSets();
    expect(sets.find((s) => s.dir === "kinds")?.role).toBe("tuning");
    expect(sets.find((s) => s.dir === "frozen-a")?.role).toBe("tuning");
    expect(sets.find((s) => s.dir === "frozen-b")?.role).toBe("tuning");
    expect(sets.find((s) => s.dir === "frozen-c")?.role).toBe("frozen");
  });
});
