/** The golden constraints of the five shared seeds (storylines and framing). */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { describeShared, sharedPath } from "../../../../test/support/shared.ts";
import { frameArticle } from "./framing.ts";
import { scoreDocument } from "./score-document.ts";

const SEEDS = {
  "000": "000_1d6d5fc977bff7a7.txt",
  "001": "001_5293376d8269ff76.txt",
  "002": "002_7de3fbac1ce3d5c1.txt",
  "003": "003_d5c22ee40d381265.txt",
  "004": "004_f483162abf23894c.txt",
} as const;
type Seed = keyof typeof SEEDS;

const text = (seed: Seed) => readFileSync(sharedPath("seeds", SEEDS[seed]), "utf8");
const storyline = (seed: Seed, id: string) => scoreDocument(text(seed)).storylines[id]?.score ?? Number.NaN;
const framing = (seed: Seed) => frameArticle(text(seed));

describeShared("seed golden constraints: storylines", () => {
  it.each([
    ["003", "ceasefire", ">=", 0.8],
    ["003", "new-start", ">=", 0.8],
    ["000", "sco", ">=", 0.6],
    ["000", "new-start", "<=", 0.2],
    ["001", "sco", ">=", 0.6],
    ["001", "new-start", "<=", 0.2],
    ["002", "new-start", "<=", 0.2],
    ["002", "sco", "<=", 0.3],
    ["004", "sco", ">=", 0.5],
    ["004", "ceasefire", "<=", 0.3],
    ["004", "new-start", "<=", 0.2],
  ] as const)("%s %s %s %d", (seed, id, op, bound) => {
    const s = storyline(seed, id);
    if (op === ">=") expect(s).toBeGreaterThanOrEqual(bound);
    else expect(s).toBeLessThanOrEqual(bound);
  });

  it("carries evidence for every matched storyline", () => {
    const r = scoreDocument(text("003"));
    expect(r.storylines.ceasefire?.evidence.some((e) => /ceasefire|truce/i.test(e.cue))).toBe(true);
    expect(r.storylines["new-start"]?.evidence.some((e) => e.cue === "New START")).toBe(true);
  });
});

describeShared("seed golden constraints: framing", () => {
  it("orders stance 000 > 001, 002 > 003 and 000 > 0 > 003", () => {
    const s = (seed: Seed) => framing(seed).stance.value;
    expect(s("000")).toBeGreaterThan(s("001"));
    expect(s("002")).toBeGreaterThan(s("003"));
    expect(s("000")).toBeGreaterThan(0);
    expect(s("003")).toBeLessThan(0);
  });

  it("finds more anonymous sourcing in 000 than in 003", () => {
    expect(framing("000").sourcing.anonymous).toBeGreaterThan(framing("003").sourcing.anonymous);
  });

  it("finds Russian state media (RIA Novosti) and Kremlin sources (Putin, Gerasimov) in 002", () => {
    const f = framing("002");
    expect(f.sourcing.russianStateMedia).toBeGreaterThan(0);
    expect(f.sourcing.kremlin).toBeGreaterThan(0);
    const kremlin = f.sourcing.evidence.kremlin ?? [];
    expect(kremlin.some((s) => s.includes("RIA Novosti"))).toBe(true);
    expect(kremlin.some((s) => s.includes("Putin"))).toBe(true);
    expect(kremlin.some((s) => s.includes("Gerasimov"))).toBe(true);
  });

  it("sources 003 mainly to Ukrainian and Western officials", () => {
    const s = framing("003").sourcing;
    const uaWest = s.ukrainian + s.western;
    expect(uaWest).toBeGreaterThan(s.kremlin);
    expect(uaWest).toBeGreaterThan(s.anonymous);
    expect(uaWest).toBeGreaterThan(s.analysts + s.otherNamed);
  });

  it("reads Russian-derived naming in 000, 001 and 002 and Ukrainian naming in 003", () => {
    expect(framing("000").naming.lean).toBe("russian");
    expect(framing("001").naming.lean).toBe("russian");
    expect(framing("002").naming.lean).toBe("russian");
    expect(framing("003").naming.lean).toBe("ukrainian");
  });

  it("finds the contrast sentences of 001", () => {
    const evidence = framing("001").contrast.evidence;
    expect(evidence).toContain("The narrative of Putin as a peacemaker, however, is more complex.");
    expect(evidence.some((s) => s.includes("the reality on the ground tells a different story"))).toBe(true);
  });

  it("labels 000 differently from 003 and from 001", () => {
    expect(framing("000").label).not.toBe(framing("003").label);
    expect(framing("000").label).not.toBe(framing("001").label);
  });
});
