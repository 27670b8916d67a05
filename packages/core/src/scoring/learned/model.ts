/**
 * The learned layer: a calibrated logistic model over the rules' own features (features.ts), fitted with
 * cross-validation on the tuning pool by `npm run eval:learn` (eval/learn.ts) and stored as data in
 * model.json, validated by `learnedModelSchema` when this module loads.
 *
 *   z = intercept + sum_i weight_i * (x_i - mean_i) / scale_i;   p = 1 / (1 + exp(-(a * z + b)))
 *
 * (a, b: Platt calibration on the out-of-fold predictions.) Every score of a storyline the model was fitted
 * on carries p, the decision p >= threshold and each feature's contribution to z, so the layer stays as
 * explainable as the rules, and the evidence sentences are the rules' either way. The layer decides `matched`
 * only when the model is `enabled` (eval/README.md says why it is or is not).
 */
import { z } from "zod";
import { msg, validateJson } from "../storyline-schema.ts";
import { FEATURE_NAMES, type FeatureName, type Features } from "./features.ts";
import modelJson from "./model.json" with { type: "json" };

const finite = z.number(msg("must be a number")).refine(Number.isFinite, { error: "must be a finite number" });

export const learnedModelSchema = z.strictObject({
  description: z.string(msg("must be text")),
  /** Whether the layer decides `matched` (false: it is reported next to the rules' decision only). */
  enabled: z.boolean(msg("must be true or false")),
  /** Storyline ids the model was fitted on and applies to. */
  storylines: z.array(z.string(msg("must be a storyline id")), msg("must be a list of storyline ids")),
  features: z
    .array(
      z.strictObject({
        name: z.enum(FEATURE_NAMES, { error: `must be one of ${FEATURE_NAMES.join(", ")}` }),
        mean: finite,
        scale: finite.refine((x) => x > 0, { error: "must be greater than 0" }),
        weight: finite,
      }),
      msg("must be a list of { name, mean, scale, weight }"),
    )
    .min(1, { error: "must not be empty" }),
  intercept: finite,
  calibration: z.strictObject({ a: finite, b: finite }),
  threshold: finite.refine((x) => x > 0 && x < 1, { error: "must be between 0 and 1" }),
  /** How it was fitted: data, regularisation, cross-validated figures. Reported, not used. */
  fit: z.record(z.string(), z.unknown()),
});

export type LearnedModel = z.output<typeof learnedModelSchema>;

export interface LearnedScore {
  /** Calibrated probability that the document is about the storyline. */
  probability: number;
  matched: boolean;
  /** The model decides `matched` (it is enabled). */
  decides: boolean;
  /** Each feature's value and its share of z, largest first. */
  contributions: { feature: FeatureName; value: number; contribution: number }[];
}

/** Validates a model file; every problem names its field. */
export function parseLearnedModel(json: unknown): LearnedModel {
  const r = validateJson(learnedModelSchema, json, { the: "the model", a: "a learned model" }, () => []);
  if (!r.ok) throw new Error(`The learned model is invalid: ${r.errors.join("; ")}.`);
  return r.value;
}

export const learnedModel: LearnedModel = parseLearnedModel(modelJson);

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** The model's score of one storyline result's features. */
export function applyModel(model: LearnedModel, features: Features): LearnedScore {
  let z = model.intercept;
  const contributions = model.features.map((f) => {
    const value = features[f.name];
    const contribution = (f.weight * (value - f.mean)) / f.scale;
    z += contribution;
    return { feature: f.name, value, contribution: round(contribution) };
  });
  contributions.sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution));
  const probability = 1 / (1 + Math.exp(-(model.calibration.a * z + model.calibration.b)));
  return {
    probability: round(probability),
    matched: probability >= model.threshold,
    decides: model.enabled,
    contributions,
  };
}

/** The learned score of a storyline, when the model covers it. */
export function learnedScore(storylineId: string, features: Features): LearnedScore | undefined {
  return learnedModel.storylines.includes(storylineId) ? applyModel(learnedModel, features) : undefined;
}
