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
 * Passing mentions (focus.ts): evidence outside the headline and lead must span `minParagraphs` paragraphs
 * (one more in longer bodies). A background paragraph ("Negotiators met in Abu Dhabi last week but ...") in a
 * battlefield report is a mention; an article about the storyline names it up top or returns to it. The
 * built-in storylines ask for 2 (their JSON files); the schema default (for storylines users already wrote)
 * leaves the rule off.
 */
export const DEFAULT_MIN_PARAGRAPHS = 1;

/**
 * A cue makes the storyline prominent (focus.ts: evidence in the headline or lead) only from this weight on: the
 * generic words of a storyline ("talks" 2, "negotiations" 2.5) up top are no sign that a story is about it.
 */
export const PROMINENT_WEIGHT = 3;

/** Bodies with fewer paragraphs than this count evidence by passage instead (one-block feed descriptions). */
export const FEW_PARAGRAPHS = 3;

/**
 * A short item (a statement, a readout, a headline with or without a summary) has at most this many body
 * paragraphs and sentences; prominence in its headline or lead is focus, one sentence is enough.
 */
export const SHORT_ITEM_PARAGRAPHS = 2;
export const SHORT_ITEM_SENTENCES = 6;

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
