import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultStorylines } from "../defaults/index.ts";
import { parseStoryline } from "../storyline-schema.ts";
import { scoreStorylines } from "../storyline-score.ts";
import { FEATURE_NAMES, type Features } from "./features.ts";
import { applyModel, type LearnedModel, learnedModel, parseLearnedModel } from "./model.ts";

const json = JSON.parse(readFileSync(new URL("./model.json", import.meta.url), "utf8")) as LearnedModel;
const TALKS = `Russia and Ukraine agree energy ceasefire at talks in Riyadh

Russian and Ukrainian negotiators agreed a 30-day energy ceasefire at U.S.-brokered talks in Riyadh on Tuesday.

Kyiv said the truce would be monitored; the Kremlin said peace talks would continue next week.`;

const zero = Object.fromEntries(FEATURE_NAMES.map((f) => [f, 0])) as Features;

describe("the learned layer", () => {
  it("is data: the model file validates and is fitted on the default storylines", () => {
    expect(learnedModel).toEqual(json);
    expect(learnedModel.storylines).toEqual(defaultStorylines.map((s) => s.id));
    expect(learnedModel.features.map((f) => f.name)).toEqual([...FEATURE_NAMES]);
  });

  it("names the field of a broken model", () => {
    expect(() => parseLearnedModel({ ...json, threshold: 2 })).toThrow("threshold must be between 0 and 1");
    expect(() => parseLearnedModel({ ...json, features: [{ name: "vibes", mean: 0, scale: 1, weight: 1 }] })).toThrow(
      "features[0].name must be one of",
    );
  });

  it("computes a calibrated probability from the features, with each feature's contribution", () => {
    const model: LearnedModel = {
      ...json,
      features: [
        { name: "cueStrength", mean: 0.5, scale: 0.25, weight: 2 },
        { name: "focus", mean: 0.5, scale: 0.5, weight: 1 },
      ],
      intercept: 0,
      calibration: { a: 1, b: 0 },
    };
    const r = applyModel(model, { ...zero, cueStrength: 1, focus: 1 });
    // z = 2 * (1 - 0.5) / 0.25 + 1 * (1 - 0.5) / 0.5 = 4 + 1
    expect(r.probability).toBeCloseTo(1 / (1 + Math.exp(-5)), 4);
    expect(r.matched).toBe(true);
    expect(r.contributions).toEqual([
      { feature: "cueStrength", value: 1, contribution: 4 },
      { feature: "focus", value: 1, contribution: 1 },
    ]);
    expect(applyModel(model, zero).matched).toBe(false);
  });

  it("scores every default storyline; it decides `matched` only when the model is enabled", () => {
    for (const r of scoreStorylines(TALKS)) {
      expect(r.learned).toBeDefined();
      expect(r.learned?.decides).toBe(learnedModel.enabled);
      expect(r.matched).toBe(learnedModel.enabled ? r.learned?.matched : r.rulesMatched);
      // The evidence is the rules' either way.
      if (r.id === "ceasefire") expect(r.evidence.length).toBeGreaterThan(0);
    }
    const [ceasefire] = scoreStorylines(TALKS);
    expect(ceasefire?.rulesMatched).toBe(true);
    expect(ceasefire?.learned?.matched).toBe(true);
  });

  it("leaves a user's storyline to the rules (the model was not fitted on it)", () => {
    const mine = parseStoryline({ id: "mine", title: "Mine", cues: [{ phrase: "Riyadh", weight: 8 }] });
    const [r] = scoreStorylines(TALKS, [mine]);
    expect(r?.learned).toBeUndefined();
    expect(r?.matched).toBe(r?.rulesMatched);
    expect(r?.features.inTitle).toBe(1);
  });
});
