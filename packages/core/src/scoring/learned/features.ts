/**
 * The features of a storyline score that the learned layer weighs: numbers the rules already compute about
 * cues, position, focus and the storyline's own entities, each 0..1 (or a small count on a log scale), so
 * every weight of the model reads as "how much this kind of evidence counts".
 */
export const FEATURE_NAMES = [
  /** 1 - exp(-raw / saturation): the cue evidence before gates, focus and exclusions. */
  "cueStrength",
  /** log(1 + distinct cues matched). */
  "distinctCues",
  /** The heaviest cue matched, / 10. */
  "topWeight",
  /** Evidence in the headline. */
  "inTitle",
  /** Evidence in the lead. */
  "inLead",
  /** Share of the document's sentences with evidence. */
  "evidenceShare",
  /** Share of the body's units (paragraphs or sentences) with evidence. */
  "spreadShare",
  /** A short item (statement, readout, headline). */
  "shortItem",
  /** The focus rule passed. */
  "focus",
  /** Every gate passed. */
  "gates",
  /** The product of the exclusion factors (1: no competing setting). */
  "exclusion",
  /** Share of sentences naming one of the storyline's contexts (its actors, places, vocabulary); 0 without cues. */
  "contextShare",
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;
