/**
 * A storyline is data: this zod schema is its contract. `validateStoryline` turns any JSON into either a typed
 * Storyline (defaults filled in) or a list of errors that each name the field, e.g.
 * "cues[2].weight must be a number between 0 and 10".
 */
// The namespace import lets bundlers keep only the zod functions used here (`import { z }` keeps all of zod).
import * as z from "zod";
import { compilePhrase } from "./analysis.ts";
import { DEFAULT_MIN_PARAGRAPHS, DEFAULT_SATURATION, DEFAULT_THRESHOLD, LIMITS } from "./constants.ts";
import { StorylineError } from "./errors.ts";
import { findUnsafeCharacter, unsafeCharacterMessage } from "./unsafe-characters.ts";

/** An error message for a field: "is required" when absent, else `msg`. */
export function msg(text: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : text) };
}

/** Text without control characters or bidirectional overrides (unsafe-characters.ts); prose may break lines. */
function safe<T extends z.ZodType<string>>(schema: T, options: { allowLineBreaks?: boolean } = {}): T {
  return schema.superRefine((value, ctx) => {
    const found = findUnsafeCharacter(value, options);
    if (found) ctx.addIssue({ code: "custom", message: unsafeCharacterMessage(found), input: value });
  }) as unknown as T;
}

/**
 * Ids the API uses for its own paths under /storylines/ (`POST /storylines/compile`): a storyline of such an id
 * could never be read or changed there, so none may take one.
 */
export const RESERVED_STORYLINE_IDS: readonly string[] = ["compile"];

export const phraseText = safe(
  z
    .string(msg("must be a text phrase"))
    .trim()
    .min(1, { error: "must not be empty" })
    .max(LIMITS.maxPhraseChars, { error: `must be at most ${LIMITS.maxPhraseChars} characters` }),
);

const name = z
  .string(msg("must be a name"))
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, { error: "must be a lower-case name like ru-ua or sco_context" })
  .max(64, { error: "must be at most 64 characters" });

/** A phrase in a context, gate or exclusion: a string, or an object when case or word boundaries matter. */
export const phraseEntrySchema = z.union(
  [
    phraseText,
    z.strictObject({
      phrase: phraseText,
      caseSensitive: z.boolean(msg("must be true or false")).optional(),
      wholeWord: z.boolean(msg("must be true or false")).optional(),
    }),
  ],
  { error: 'must be a phrase or { "phrase": ..., "caseSensitive": true }' },
);

const window = z
  .number(msg(`must be a whole number between 0 and ${LIMITS.maxWindow}`))
  .int({ error: `must be a whole number between 0 and ${LIMITS.maxWindow}` })
  .min(0, { error: `must be a whole number between 0 and ${LIMITS.maxWindow}` })
  .max(LIMITS.maxWindow, { error: `must be a whole number between 0 and ${LIMITS.maxWindow}` });

/** Contexts that must all occur within `window` sentences (either side). */
const nearRule = z.strictObject({
  contexts: z.array(name, msg("must be a list of context names")).min(1, { error: "must name at least one context" }),
  window: window.optional(),
});

const weight = z
  .number(msg(`must be a number between 0 and ${LIMITS.maxWeight}`))
  .min(0, { error: `must be a number between 0 and ${LIMITS.maxWeight}` })
  .max(LIMITS.maxWeight, { error: `must be a number between 0 and ${LIMITS.maxWeight}` });

const cue = z.strictObject({
  phrase: phraseText,
  weight,
  caseSensitive: z.boolean(msg("must be true or false")).optional(),
  wholeWord: z.boolean(msg("must be true or false")).default(true),
  /** The cue counts only where ANY of these rules holds (omit: everywhere). */
  near: z.array(nearRule, msg("must be a list of { contexts, window } rules")).optional(),
  /** The cue does not count where ANY of these rules holds (window defaults to 0: the same sentence). */
  unless: z.array(nearRule, msg("must be a list of { contexts, window } rules")).optional(),
  /**
   * In the headline or lead, this cue alone makes the storyline the document's subject (it passes the
   * passing-mention rule): for phrases that set the story at the storyline's own occasion ("on the sidelines"
   * beside the summit's name).
   */
  focus: z.boolean(msg("must be true or false")).optional(),
});

const gate = z.strictObject({
  label: safe(z.string(msg("must be text")).max(120, { error: "must be at most 120 characters" })).optional(),
  contexts: z.array(name, msg("must be a list of context names")).optional(),
  phrases: z.array(phraseEntrySchema, msg("must be a list of phrases")).optional(),
  minSentences: z
    .number(msg("must be a whole number of at least 1"))
    .int({ error: "must be a whole number of at least 1" })
    .min(1, { error: "must be a whole number of at least 1" })
    .default(1),
});

const exclusion = z.strictObject({
  label: safe(z.string(msg("must be text")).max(120, { error: "must be at most 120 characters" })).optional(),
  contexts: z.array(name, msg("must be a list of context names")).optional(),
  phrases: z.array(phraseEntrySchema, msg("must be a list of phrases")).optional(),
  /** What counts as the storyline's own context when weighing the exclusion (window defaults to 0). */
  against: z
    .array(nearRule, msg("must be a list of { contexts, window } rules"))
    .min(1, { error: "must have at least one rule" }),
  strength: z
    .number(msg("must be a number greater than 0 and at most 10"))
    .gt(0, { error: "must be a number greater than 0 and at most 10" })
    .max(10, { error: "must be a number greater than 0 and at most 10" })
    .optional(),
});

export const storylineSchema = z.strictObject({
  id: z
    .string(msg("must be a slug"))
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be a slug: lower-case letters, digits and single hyphens" })
    .max(64, { error: "must be at most 64 characters" })
    .refine((id) => !RESERVED_STORYLINE_IDS.includes(id), {
      error: (issue) =>
        `must not be "${String(issue.input)}": the API uses /storylines/${String(issue.input)} for itself; choose another id`,
    }),
  title: safe(
    z
      .string(msg("must be text"))
      .trim()
      .min(1, { error: "must not be empty" })
      .max(200, { error: "must be at most 200 characters" }),
  ),
  description: safe(z.string(msg("must be text")).max(2000, { error: "must be at most 2000 characters" }), {
    allowLineBreaks: true,
  }).default(""),
  contexts: z
    .record(name, z.array(phraseEntrySchema, msg("must be a list of phrases")).min(1, { error: "must not be empty" }), {
      error: "must be an object mapping names to lists of phrases",
    })
    .default({}),
  cues: z
    .array(cue, msg("must be a list of cues"))
    .min(1, { error: "must have at least one cue" })
    .max(LIMITS.maxCues, { error: `must have at most ${LIMITS.maxCues} cues` }),
  gates: z
    .array(gate, msg("must be a list of gates"))
    .max(LIMITS.maxGates, { error: `must have at most ${LIMITS.maxGates} gates` })
    .default([]),
  exclusions: z
    .array(exclusion, msg("must be a list of exclusions"))
    .max(LIMITS.maxExclusions, { error: `must have at most ${LIMITS.maxExclusions} exclusions` })
    .default([]),
  threshold: z
    .number(msg("must be a number between 0 and 1"))
    .min(0, { error: "must be a number between 0 and 1" })
    .max(1, { error: "must be a number between 0 and 1" })
    .default(DEFAULT_THRESHOLD),
  /**
   * A storyline whose evidence is neither in the headline nor in the lead must have evidence in at least this
   * many paragraphs (passages when the body has fewer than three paragraphs; one more in longer bodies, see
   * focus.ts); otherwise it is a passing mention: the score is multiplied by the gate penalty and it is not
   * matched. 1 (the default) turns the rule off; the built-in storylines use 2.
   */
  minParagraphs: z
    .number(msg(`must be a whole number between 1 and ${LIMITS.maxWindow}`))
    .int({ error: `must be a whole number between 1 and ${LIMITS.maxWindow}` })
    .min(1, { error: `must be a whole number between 1 and ${LIMITS.maxWindow}` })
    .max(LIMITS.maxWindow, { error: `must be a whole number between 1 and ${LIMITS.maxWindow}` })
    .default(DEFAULT_MIN_PARAGRAPHS),
  saturation: z
    .number(msg("must be a number greater than 0 and at most 1000"))
    .gt(0, { error: "must be a number greater than 0 and at most 1000" })
    .max(1000, { error: "must be a number greater than 0 and at most 1000" })
    .default(DEFAULT_SATURATION),
});

/** A validated storyline (defaults filled in). */
export type Storyline = z.output<typeof storylineSchema>;
/** What a user may write (defaults optional). */
export type StorylineInput = z.input<typeof storylineSchema>;
export type StorylineCue = Storyline["cues"][number];
export type NearRule = z.output<typeof nearRule>;
export type PhraseEntry = z.output<typeof phraseEntrySchema>;

export type StorylineValidation = { ok: true; storyline: Storyline } | { ok: false; errors: string[] };

/** "cues[2].weight" from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** What a document is called in messages: "the storyline" has unknown fields, "a storyline" must be an object. */
export interface Subject {
  the: string;
  a: string;
}

/** A zod issue as a sentence naming the field. */
export function formatIssue(issue: z.core.$ZodIssue, subject: Subject): string {
  const where = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => `"${k}"`).join(", ");
    const noun = issue.keys.length === 1 ? "an unknown field" : "unknown fields";
    return where === "" ? `${subject.the} has ${noun} ${keys}` : `${where} has ${noun} ${keys}`;
  }
  if (where === "") return issue.code === "invalid_type" ? `${subject.a} must be a JSON object` : issue.message;
  return `${where} ${issue.message}`;
}

/** Validates JSON against a schema, then the checks the schema cannot make; every problem as a sentence. */
export function validateJson<T>(
  schema: z.ZodType<T>,
  json: unknown,
  subject: Subject,
  crossCheck: (value: T) => string[],
): { ok: true; value: T } | { ok: false; errors: string[] } {
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => formatIssue(i, subject)) };
  const errors = crossCheck(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/** Checks what the schema cannot: context names that exist, phrases that contain words. */
function crossCheck(s: Storyline): string[] {
  const errors: string[] = [];
  const contextNames = Object.keys(s.contexts);
  if (contextNames.length > LIMITS.maxContexts) errors.push(`contexts must have at most ${LIMITS.maxContexts} entries`);
  const known = new Set(contextNames);
  const checkNames = (names: readonly string[] | undefined, path: string) => {
    for (const [i, n] of (names ?? []).entries()) {
      if (!known.has(n)) errors.push(`${path}[${i}] names an unknown context "${n}"; define it under contexts`);
    }
  };
  const checkPhrases = (list: readonly PhraseEntry[] | undefined, path: string) => {
    for (const [i, p] of (list ?? []).entries()) {
      if (compilePhrase(p) === null) errors.push(`${path}[${i}] must contain at least one letter or digit`);
    }
  };
  const checkListed = (x: { contexts?: string[]; phrases?: PhraseEntry[] }, path: string) => {
    if ((x.contexts?.length ?? 0) + (x.phrases?.length ?? 0) === 0)
      errors.push(`${path} must list phrases or contexts`);
    checkNames(x.contexts, `${path}.contexts`);
    checkPhrases(x.phrases, `${path}.phrases`);
  };
  for (const [n, list] of Object.entries(s.contexts)) {
    if (list.length > LIMITS.maxPhrasesPerContext) {
      errors.push(`contexts.${n} must have at most ${LIMITS.maxPhrasesPerContext} phrases`);
    }
    checkPhrases(list, `contexts.${n}`);
  }
  for (const [i, c] of s.cues.entries()) {
    if (compilePhrase(c) === null) errors.push(`cues[${i}].phrase must contain at least one letter or digit`);
    for (const [j, r] of (c.near ?? []).entries()) checkNames(r.contexts, `cues[${i}].near[${j}].contexts`);
    for (const [j, r] of (c.unless ?? []).entries()) checkNames(r.contexts, `cues[${i}].unless[${j}].contexts`);
  }
  for (const [i, g] of s.gates.entries()) checkListed(g, `gates[${i}]`);
  for (const [i, e] of s.exclusions.entries()) {
    checkListed(e, `exclusions[${i}]`);
    for (const [j, r] of e.against.entries()) checkNames(r.contexts, `exclusions[${i}].against[${j}].contexts`);
  }
  return errors;
}

/** Validates a storyline written as JSON. Never throws. */
export function validateStoryline(json: unknown): StorylineValidation {
  const r = validateJson(storylineSchema, json, { the: "the storyline", a: "a storyline" }, crossCheck);
  return r.ok ? { ok: true, storyline: r.value } : r;
}

/** Like validateStoryline, but throws a StorylineError listing every problem. */
export function parseStoryline(json: unknown): Storyline {
  const r = validateStoryline(json);
  if (r.ok) return r.storyline;
  const id = typeof json === "object" && json !== null && "id" in json ? String(json.id) : undefined;
  throw new StorylineError(r.errors, id);
}
