import { describe, expect, it } from "vitest";
import { Analysis, compilePhrase, longestMatches, type Phrase } from "./analysis.ts";

function phrase(p: string, caseSensitive = false, wholeWord = true): Phrase {
  const c = compilePhrase({ phrase: p, caseSensitive, wholeWord });
  if (c === null) throw new Error("no words");
  return c;
}

const a = new Analysis(
  "New START and the start\n\nThe New START treaty caps warheads. Russia–China drills began; Russia-China ties deepen. Negotiators negotiated.",
);

describe("Analysis.find", () => {
  it.each([
    ["New START", true, true, 2],
    ["START", true, true, 2],
    ["start", false, true, 3],
    ["Russia-China", false, true, 2],
    ["negotiat*", false, true, 2],
    ["rheads", false, false, 1],
    ["rheads", false, true, 0],
    ["treaty caps warheads Russia", false, true, 0],
  ])("%s (case-sensitive %s, whole word %s) occurs %i times", (p, cs, ww, n) => {
    expect(a.find(phrase(p, cs, ww))).toHaveLength(n);
  });

  it("does not match across sentences and reports token spans", () => {
    const [occ] = a.find(phrase("New START treaty"));
    expect(occ?.sentence).toBe(1);
    expect(occ !== undefined && occ.end - occ.start).toBe(3);
  });

  it("rejects phrases without words", () => {
    expect(compilePhrase("  -- ")).toBeNull();
  });
});

describe("longestMatches", () => {
  it("keeps the longest of overlapping spans", () => {
    const items = [
      { occ: { sentence: 0, start: 0, end: 1 }, name: "START" },
      { occ: { sentence: 0, start: 0, end: 2 }, name: "New START" },
      { occ: { sentence: 0, start: 3, end: 4 }, name: "other" },
      { occ: { sentence: 0, start: -1, end: -1 }, name: "substring" },
    ];
    expect(longestMatches(items, () => 0).map((x) => x.name)).toEqual(["New START", "other", "substring"]);
  });
});
