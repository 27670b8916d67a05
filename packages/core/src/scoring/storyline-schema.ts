/**
 * A storyline is data: this zod schema is its contract. `validateStoryline` turns any JSON into either a typed
 * Storyline (defaults filled in) or a list of errors that each name the field, e.g.
 * "cues[2].weight must be a number between 0 and 10".
 *
 * zod/mini, as the store's records: core is in every Lambda bundle, and full zod would add ~67 KB to each.
 */
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import { compilePhrase } from "./analysis.ts";
import { DEFAULT_MIN_PARAGRAPHS, DEFAULT_SATURATION, DEFAULT_THRESHOLD, LIMITS } from "./constants.ts";
import { StorylineError } from "./errors.ts";
import { findUnsafeCharacter, unsafeCharacterMessage } from "./unsafe-characters.ts";

/**
 * zod's English messages, for the problems no field names a message for ("cues[0] Invalid input: expected object,
 * received string"). Full zod installs them globally; zod/mini installs none, so each parse passes them itself.
 */
const ENGLISH = en().localeError;

/** An error message for a field: "is required" when absent, else `msg`. */
export function msg(text: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : text) };
}

/** Text without control characters or bidirectional overrides (unsafe-characters.ts); prose may break lines. */
function safe<T extends z.ZodMiniType<string>>(schema: T, options: { allowLineBreaks?: boolean } = {}): T {
  return schema.check(
    z.superRefine((value: string, ctx) => {
      const found = findUnsafeCharacter(value, options);
      if (found) ctx.addIssue({ code: "custom", message: unsafeCharacterMessage(found), input: value });
    }),
  );
}

/**
 * Ids the API uses for its own paths under /storylines/ (`POST /storylines/compile`): a storyline of such an id
 * could never be read or changed there, so none may take one.
 */
export const RESERVED_STORYLINE_IDS: readonly string[] = ["compile"];

export const phraseText = safe(
  z
    .string(msg("must be a text phrase"))
    .check(
      z.trim(),
      z.minLength(1, { error: "must not be empty" }),
      z.maxLength(LIMITS.maxPhraseChars, { error: `must be at most ${LIMITS.maxPhraseChars} characters` }),
    ),
);

const name = z
  .string(msg("must be a name"))
  .check(
    z.regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, { error: "must be a lower-case name like ru-ua or sco_context" }),
    z.maxLength(64, { error: "must be at most 64 characters" }),
  );

/** true or false, or absent. */
const optionalFlag = () => z.optional(z.boolean(msg("must be true or false")));

/** A phrase in a context, gate or exclusion: a string, or an object when case or word boundaries matter. */
export const phraseEntrySchema = z.union(
  [
    phraseText,
    z.strictObject({
      phrase: phraseText,
      caseSensitive: optionalFlag(),
      wholeWord: optionalFlag(),
    }),
  ],
  { error: 'must be a phrase or { "phrase": ..., "caseSensitive": true }' },
);

const window = z
  .number(msg(`must be a whole number between 0 and ${LIMITS.maxWindow}`))
  .check(
    z.int({ error: `must be a whole number between 0 and ${LIMITS.maxWindow}` }),
    z.gte(0, { error: `must be a whole number between 0 and ${LIMITS.maxWindow}` }),
    z.lte(LIMITS.maxWindow, { error: `must be a whole number between 0 and ${LIMITS.maxWindow}` }),
  );

/** Contexts that must all occur within `window` sentences (either side). */
const nearRule = z.strictObject({
  contexts: z
    .array(name, msg("must be a list of context names"))
    .check(z.minLength(1, { error: "must name at least one context" })),
  window: z.optional(window),
});

const weight = z
  .number(msg(`must be a number between 0 and ${LIMITS.maxWeight}`))
  .check(
    z.gte(0, { error: `must be a number between 0 and ${LIMITS.maxWeight}` }),
    z.lte(LIMITS.maxWeight, { error: `must be a number between 0 and ${LIMITS.maxWeight}` }),
  );

const cue = z.strictObject({
  phrase: phraseText,
  weight,
  caseSensitive: optionalFlag(),
  wholeWord: z._default(z.boolean(msg("must be true or false")), true),
  /** The cue counts only where ANY of these rules holds (omit: everywhere). */
  near: z.optional(z.array(nearRule, msg("must be a list of { contexts, window } rules"))),
  /** The cue does not count where ANY of these rules holds (window defaults to 0: the same sentence). */
  unless: z.optional(z.array(nearRule, msg("must be a list of { contexts, window } rules"))),
  /**
   * In the headline or lead, this cue alone makes the storyline the document's subject (it passes the
   * passing-mention rule): for phrases that set the story at the storyline's own occasion ("on the sidelines"
   * beside the summit's name).
   */
  focus: optionalFlag(),
});

/** A gate's or an exclusion's label: for people reading evidence. */
const label = () =>
  z.optional(safe(z.string(msg("must be text")).check(z.maxLength(120, { error: "must be at most 120 characters" }))));

const gate = z.strictObject({
  label: label(),
  contexts: z.optional(z.array(name, msg("must be a list of context names"))),
  phrases: z.optional(z.array(phraseEntrySchema, msg("must be a list of phrases"))),
  minSentences: z._default(
    z
      .number(msg("must be a whole number of at least 1"))
      .check(
        z.int({ error: "must be a whole number of at least 1" }),
        z.gte(1, { error: "must be a whole number of at least 1" }),
      ),
    1,
  ),
});

const exclusion = z.strictObject({
  label: label(),
  contexts: z.optional(z.array(name, msg("must be a list of context names"))),
  phrases: z.optional(z.array(phraseEntrySchema, msg("must be a list of phrases"))),
  /** What counts as the storyline's own context when weighing the exclusion (window defaults to 0). */
  against: z
    .array(nearRule, msg("must be a list of { contexts, window } rules"))
    .check(z.minLength(1, { error: "must have at least one rule" })),
  strength: z.optional(
    z
      .number(msg("must be a number greater than 0 and at most 10"))
      .check(
        z.gt(0, { error: "must be a number greater than 0 and at most 10" }),
        z.lte(10, { error: "must be a number greater than 0 and at most 10" }),
      ),
  ),
});

export const storylineSchema = z.strictObject({
  id: z.string(msg("must be a slug")).check(
    z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be a slug: lower-case letters, digits and single hyphens" }),
    z.maxLength(64, { error: "must be at most 64 characters" }),
    z.refine((id: string) => !RESERVED_STORYLINE_IDS.includes(id), {
      error: (issue) =>
        `must not be "${String(issue.input)}": the API uses /storylines/${String(issue.input)} for itself; choose another id`,
    }),
  ),
  title: safe(
    z
      .string(msg("must be text"))
      .check(
        z.trim(),
        z.minLength(1, { error: "must not be empty" }),
        z.maxLength(200, { error: "must be at most 200 characters" }),
      ),
  ),
  description: z._default(
    safe(z.string(msg("must be text")).check(z.maxLength(2000, { error: "must be at most 2000 characters" })), {
      allowLineBreaks: true,
    }),
    "",
  ),
  contexts: z._default(
    z.record(
      name,
      z
        .array(phraseEntrySchema, msg("must be a list of phrases"))
        .check(z.minLength(1, { error: "must not be empty" })),
      { error: "must be an object mapping names to lists of phrases" },
    ),
    {},
  ),
  cues: z
    .array(cue, msg("must be a list of cues"))
    .check(
      z.minLength(1, { error: "must have at least one cue" }),
      z.maxLength(LIMITS.maxCues, { error: `must have at most ${LIMITS.maxCues} cues` }),
    ),
  gates: z._default(
    z
      .array(gate, msg("must be a list of gates"))
      .check(z.maxLength(LIMITS.maxGates, { error: `must have at most ${LIMITS.maxGates} gates` })),
    [],
  ),
  exclusions: z._default(
    z
      .array(exclusion, msg("must be a list of exclusions"))
      .check(z.maxLength(LIMITS.maxExclusions, { error: `must have at most ${LIMITS.maxExclusions} exclusions` })),
    [],
  ),
  threshold: z._default(
    z
      .number(msg("must be a number between 0 and 1"))
      .check(
        z.gte(0, { error: "must be a number between 0 and 1" }),
        z.lte(1, { error: "must be a number between 0 and 1" }),
      ),
    DEFAULT_THRESHOLD,
  ),
  /**
   * A storyline whose evidence is neither in the headline nor in the lead must have evidence in at least this
   * many paragraphs (passages when the body has fewer than three paragraphs; one more in longer bodies, see
   * focus.ts); otherwise it is a passing mention: the score is multiplied by the gate penalty and it is not
   * matched. 1 (the default) turns the rule off; the built-in storylines use 2.
   */
  minParagraphs: z._default(
    z
      .number(msg(`must be a whole number between 1 and ${LIMITS.maxWindow}`))
      .check(
        z.int({ error: `must be a whole number between 1 and ${LIMITS.maxWindow}` }),
        z.gte(1, { error: `must be a whole number between 1 and ${LIMITS.maxWindow}` }),
        z.lte(LIMITS.maxWindow, { error: `must be a whole number between 1 and ${LIMITS.maxWindow}` }),
      ),
    DEFAULT_MIN_PARAGRAPHS,
  ),
  saturation: z._default(
    z
      .number(msg("must be a number greater than 0 and at most 1000"))
      .check(
        z.gt(0, { error: "must be a number greater than 0 and at most 1000" }),
        z.lte(1000, { error: "must be a number greater than 0 and at most 1000" }),
      ),
    DEFAULT_SATURATION,
  ),
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
  schema: z.ZodMiniType<T>,
  json: unknown,
  subject: Subject,
  crossCheck: (value: T) => string[],
): { ok: true; value: T } | { ok: false; errors: string[] } {
  const parsed = schema.safeParse(json, { error: ENGLISH });
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
