/**
 * The framing lexicon is data: framing-lexicon.json, validated by `framingLexiconSchema` when this module
 * loads (a broken file fails at start-up and in tests, with errors naming the field, e.g.
 * "aggressor[3].weight must be a number between 0 and 10"). Edit the word lists there; framing.ts holds only
 * the rules that use them. The same object is what an API can serve.
 *
 * Phrases are written as in storylines: a string, or { "phrase": ..., "caseSensitive": true }; a trailing "*"
 * matches a word prefix. Weighted entries add a weight (how strongly a stance or naming cue counts).
 */
// zod/mini, as storyline-schema.ts: core is in every Lambda bundle.
import * as z from "zod/mini";
import { compilePhrase } from "./analysis.ts";
import { FramingLexiconError } from "./errors.ts";
import lexiconJson from "./framing-lexicon.json" with { type: "json" };
import { msg, type PhraseEntry, phraseEntrySchema, phraseText, validateJson } from "./storyline-schema.ts";

const phrases = z
  .array(phraseEntrySchema, msg("must be a list of phrases"))
  .check(
    z.minLength(1, { error: "must not be empty" }),
    z.maxLength(1000, { error: "must have at most 1000 phrases" }),
  );

const weightedEntry = z.strictObject({
  phrase: phraseText,
  weight: z
    .number(msg("must be a number between 0 and 10"))
    .check(
      z.gte(0, { error: "must be a number between 0 and 10" }),
      z.lte(10, { error: "must be a number between 0 and 10" }),
    ),
  caseSensitive: z.optional(z.boolean(msg("must be true or false"))),
});
const weighted = z
  .array(weightedEntry, msg("must be a list of { phrase, weight } entries"))
  .check(
    z.minLength(1, { error: "must not be empty" }),
    z.maxLength(1000, { error: "must have at most 1000 entries" }),
  );

/** One word, as the patterns built from these lists need ("official", "though"). */
const word = z
  .string(msg("must be a single word"))
  .check(z.regex(/^[\p{L}][\p{L}'-]*$/u, { error: "must be a single word of letters" }));
const wordList = z.array(word, msg("must be a list of words")).check(z.minLength(1, { error: "must not be empty" }));
const lowerWordList = z
  .array(
    word.check(z.refine((w: string) => w === w.toLowerCase(), { error: "must be written in lower case" })),
    msg("must be a list of words"),
  )
  .check(z.minLength(1, { error: "must not be empty" }));

export const framingLexiconSchema = z.strictObject({
  description: z.optional(z.string(msg("must be text"))),
  /** Words that turn a statement into an attributed one ("said", "according to"). */
  attribution: phrases,
  /** Attribution words after which the source follows ("according to TASS"). */
  sourceFollows: phrases,
  /** Sourcing categories: who a statement is attributed to. */
  sources: z.strictObject({
    anonymous: phrases,
    stateMedia: phrases,
    kremlin: phrases,
    ukrainian: phrases,
    western: phrases,
    analysts: phrases,
    otherNamed: phrases,
  }),
  /** Unnamed people as sources: a quantifier, up to two words, a noun ("a senior official", "two diplomats"). */
  unnamedPerson: z.strictObject({ quantifiers: wordList, nouns: wordList }),
  /** Stance toward the Russian leadership: aggressor cues (negative) and peacemaker / defensive cues. */
  aggressor: weighted,
  peacemaker: weighted,
  /** Words that, just before a stance cue, flip it ("not as aggression", "rather than ..."). */
  negators: z.array(phraseText, msg("must be a list of phrases")).check(z.minLength(1, { error: "must not be empty" })),
  /** Words that keep a claim at arm's length ("narrative", "so-called"): peacemaker cues there count half. */
  distancing: phrases,
  /** References to the Russian leadership and state: stance cues count only within a sentence of one. */
  russiaSide: phrases,
  /**
   * A stance cue aimed at Russia flips (and counts half): an aggressor cue followed closely by a victim
   * preposition and a word naming Russia ("aggression against Russia": the Kremlin's framing), a peacemaker or
   * defence cue followed by a threat preposition and one ("protect cities from Russian missiles"). Single
   * lower-case words, compared with the text's lower-cased words.
   */
  aimedAt: z.strictObject({
    russia: lowerWordList,
    victimPrepositions: lowerWordList,
    threatPrepositions: lowerWordList,
  }),
  /** Naming: Russian-derived forms and Ukrainian forms of place names and war terms. */
  namingRussian: weighted,
  namingUkrainian: weighted,
  /** Loaded, emotive or sensational language; hedging and uncertainty; contrast. */
  loaded: phrases,
  hedging: phrases,
  contrast: phrases,
  /**
   * Contrast words that count only at a clause start ("Yet, ...", ", but") and words that count only when
   * they open a sentence ("While he has asserted ...": mid-sentence "while" is mostly temporal).
   */
  contrastClause: z.strictObject({ conjunctions: wordList, openers: wordList }),
  /** Media Frames dimensions (Boydstun et al.; SemEval-2023 Task 3), each with its lexicon. */
  frames: z.record(
    z.string().check(z.regex(/^[A-Z][A-Za-z_]{1,60}$/, { error: "must be a frame name like Security_and_defense" })),
    phrases,
    { error: "must be an object mapping frame names to lists of phrases" },
  ),
});

export type FramingLexicon = z.output<typeof framingLexiconSchema>;
export type WeightedEntry = z.output<typeof weightedEntry>;
export type FramingLexiconValidation = { ok: true; lexicon: FramingLexicon } | { ok: false; errors: string[] };

/** Phrases without a letter or digit, which the schema cannot see. */
function crossCheck(lexicon: FramingLexicon): string[] {
  const errors: string[] = [];
  const check = (list: readonly (PhraseEntry | WeightedEntry)[], path: string) => {
    list.forEach((p, i) => {
      if (compilePhrase(p) === null) errors.push(`${path}[${i}] must contain at least one letter or digit`);
    });
  };
  for (const key of ["attribution", "sourceFollows", "distancing", "russiaSide", "loaded", "hedging"] as const)
    check(lexicon[key], key);
  for (const key of ["contrast", "aggressor", "peacemaker", "namingRussian", "namingUkrainian"] as const)
    check(lexicon[key], key);
  for (const [name, list] of Object.entries(lexicon.sources)) check(list, `sources.${name}`);
  for (const [name, list] of Object.entries(lexicon.frames)) check(list, `frames.${name}`);
  return errors;
}

/** Validates a framing lexicon written as JSON. Never throws. */
export function validateFramingLexicon(json: unknown): FramingLexiconValidation {
  const r = validateJson(framingLexiconSchema, json, { the: "the lexicon", a: "a framing lexicon" }, crossCheck);
  return r.ok ? { ok: true, lexicon: r.value } : r;
}

/** Like validateFramingLexicon, but throws an error listing every problem. */
export function parseFramingLexicon(json: unknown): FramingLexicon {
  const r = validateFramingLexicon(json);
  if (r.ok) return r.lexicon;
  throw new FramingLexiconError(r.errors);
}

/** The framing lexicon in use (framing-lexicon.json, validated). */
export const framingLexicon: FramingLexicon = parseFramingLexicon(lexiconJson);
