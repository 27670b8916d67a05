import { describe, expect, it } from "vitest";
import { Analysis, acronymSenses, compilePhrase, isAcronym, longestMatches, type Phrase } from "./analysis.ts";

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

describe("acronymSenses", () => {
  it.each([
    [
      "a name whose initials spell it",
      "Arts news\n\nThe Stirling Choral Orchestra opens its season. The SCO tours in May.",
      "SCO",
      ["stirling choral orchestra"],
    ],
    [
      "connectors that give a letter or none",
      "Report\n\nThe Survey of Trade and Retail Trends said the START index fell.",
      "START",
      ["survey of trade and retail trends"],
    ],
    [
      "a possessive inside the name",
      "Drills\n\nThe People's Liberation Army said PLA ships sailed.",
      "PLA",
      ["people s liberation army"],
    ],
    [
      "a definition in parentheses",
      "Study\n\nThe Global Dialogue Forum (SCO) met in Oslo.",
      "SCO",
      ["global dialogue forum"],
    ],
    [
      "an acronym before its name",
      "Note\n\nSCO (Southern Coastal Observatory) recorded the quake.",
      "SCO",
      ["southern coastal observatory"],
    ],
    [
      "nothing when the acronym is never spelled out",
      "Summit\n\nSCO leaders met in Tianjin. The summit ended.",
      "SCO",
      [],
    ],
    ["nothing from a Title Case headline", "Summit Calls On Members To Act\n\nSCO leaders met.", "SCO", []],
    ["nothing across a comma", "Tour\n\nConcerts in Shanghai, Chengdu, Ordos and Xi'an. The SCO plays.", "SCO", []],
  ])("finds %s", (_name, text, acronym, senses) => {
    expect(acronymSenses(new Analysis(text), acronym)).toEqual(senses);
  });

  it("knows an acronym phrase when it sees one", () => {
    expect(isAcronym(phrase("SCO", true))).toBe(true);
    expect(isAcronym(phrase("SCO"))).toBe(false);
    expect(isAcronym(phrase("New START", true))).toBe(false);
    expect(isAcronym(phrase("Xi", true))).toBe(false);
  });
});
