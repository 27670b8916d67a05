/** Tunables of storyline scoring and framing. Each is documented where it is used. */

/** How much a cue counts by where it occurs: the headline, the lead (first body sentences), the rest. */
export const POSITION_WEIGHT = { title: 3, lead: 2, body: 1 } as const;

/** The lead is the first this-many sentences of the body. */
export const LEAD_SENTENCES = 2;

/** Each further occurrence of the same cue counts this fraction of the one before (diminishing returns). */
export const REPEAT_DECAY = 0.5;

/** Default saturation constant k of score = 1 - exp(-raw / k). With k = 10, raw 7 gives 0.5 and raw 16 gives 0.8. */
export const DEFAULT_SATURATION = 10;

/** Default threshold of `matched`. */
export const DEFAULT_THRESHOLD = 0.5;

/** Default window (in sentences either side, the headline being the sentence before the lead) of a cue's `near`. */
export const DEFAULT_NEAR_WINDOW = 1;

/**
 * Passing mentions: evidence outside the headline and lead must span `minParagraphs` paragraphs. A background
 * sentence ("Diplomatic efforts to end the war have stalled") in a battlefield report is one paragraph; an
 * article about the storyline names it up top or returns to it. The built-in storylines ask for
 * PASSING_MENTION_PARAGRAPHS; the schema default (for storylines users already wrote) leaves the rule off.
 */
export const PASSING_MENTION_PARAGRAPHS = 2;
export const DEFAULT_MIN_PARAGRAPHS = 1;

/** Bodies with fewer paragraphs than this count evidence by sentence instead (one-block feed descriptions). */
export const FEW_PARAGRAPHS = 3;

/** Texts of at most this many sentences (headline included) may name their storyline in one sentence only. */
export const SHORT_TEXT_SENTENCES = 3;

/** The score is multiplied by this for every gate that fails (and the storyline is not matched). */
export const GATE_PENALTY = 0.5;

/** Default strength s of an exclusion: factor = min(1, C / (s * E)). */
export const DEFAULT_EXCLUSION_STRENGTH = 1.5;

/** Most evidence items kept per storyline score (the strongest first). */
export const MAX_EVIDENCE = 20;

/** Most evidence sentences kept per framing dimension or sourcing category. */
export const MAX_FRAMING_EVIDENCE = 8;

/** Limits of user-written storylines. */
export const LIMITS = {
  maxCues: 500,
  maxPhrasesPerContext: 500,
  maxContexts: 50,
  maxGates: 20,
  maxExclusions: 20,
  maxPhraseChars: 120,
  maxWeight: 10,
  maxWindow: 10,
} as const;
