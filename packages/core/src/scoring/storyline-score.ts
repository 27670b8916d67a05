/**
 * Scores a document against storylines.
 *
 * For each storyline:
 *   1. Every cue occurrence whose `near` rules hold (context phrases within `window` sentences either side; the
 *      headline is the sentence just before the lead) is a match. Overlapping matches keep the longest phrase
 *      ("New START" wins over "START", "energy truce" over "truce").
 *   2. A match contributes weight x position (title 3, lead 2, body 1). The occurrences of one cue count with
 *      diminishing returns: sorted strongest first, the i-th counts REPEAT_DECAY^i (0.5^i).
 *   3. raw = the sum over cues; base = 1 - exp(-raw / saturation)   (saturating: k = 10 gives 0.5 at raw 7).
 *      A cue with `unless` rules does not count where one of them holds ("trilateral meeting" beside Japan).
 *      An acronym cue or context ("SCO", "START") does not count in a document that spells the acronym out as
 *      something else ("Scottish Chamber Orchestra") and never as one of the storyline's own phrases
 *      ("Shanghai Cooperation Organization"): see `acronymSenses`.
 *   4. Every gate that fails multiplies by GATE_PENALTY (0.5) and prevents `matched`. So does a passing
 *      mention (focus.ts): evidence neither prominent (headline or lead) nor spread over `minParagraphs`
 *      paragraphs, or one prominent sentence in a longer story; a short item (statement, readout, headline)
 *      may name its storyline once, up top.
 *   5. Every exclusion multiplies by min(1, C / (strength * E)), where E = position-weighted sentences that
 *      contain an exclusion phrase (outside the matched cues: "Japan" in "Sea of Japan" is part of a cue) and
 *      C = position-weighted sentences where one of its `against` rules holds
 *      (the storyline's own context). No exclusion phrase: factor 1. Exclusion phrases and no own context:
 *      factor 0 (a veto). Both: the exclusion only bites when it outweighs the storyline's context.
 *   score = base x gate factors x exclusion factors;  matched = score >= threshold and every gate passed.
 */
import type { Evidence, StorylineScore } from "../types.ts";
import {
  type Analysis,
  acronymSenses,
  analyze,
  compilePhrase,
  isAcronym,
  longestMatches,
  type Occurrence,
  type Phrase,
} from "./analysis.ts";
import {
  DEFAULT_EXCLUSION_STRENGTH,
  DEFAULT_NEAR_WINDOW,
  GATE_PENALTY,
  MAX_EVIDENCE,
  POSITION_WEIGHT,
  REPEAT_DECAY,
} from "./constants.ts";
import { defaultStorylines } from "./defaults/index.ts";
import { type Focus, focusOf } from "./focus.ts";
import type { NearRule, PhraseEntry, Storyline } from "./storyline-schema.ts";
import type { DocInput } from "./text.ts";

/** A storyline score with the numbers behind it. */
export interface StorylineResult extends StorylineScore {
  title: string;
  /** Sum of match contributions before saturation. */
  raw: number;
  threshold: number;
  gates: { label: string; passed: boolean }[];
  /** Product of the exclusion factors, and the exclusion phrases found. */
  exclusion: { factor: number; found: string[] };
  /** Is the storyline a subject of the document or a passing mention, and which rule said so (focus.ts). */
  focus: Focus;
  /** Acronyms that did not count because the document spells them out as something else. */
  ignoredAcronyms: string[];
}

interface CompiledContext {
  name: string;
  phrases: Phrase[];
}

interface CompiledRule {
  contexts: CompiledContext[];
  window: number;
}

interface CompiledCue {
  index: number;
  phrase: Phrase;
  weight: number;
  near: CompiledRule[] | null;
  unless: CompiledRule[] | null;
  focus: boolean;
}

interface CompiledGate {
  label: string;
  phrases: Phrase[];
  minSentences: number;
}

interface CompiledExclusion {
  label: string;
  phrases: Phrase[];
  against: CompiledRule[];
  strength: number;
}

interface CompiledStoryline {
  source: Storyline;
  cues: CompiledCue[];
  gates: CompiledGate[];
  exclusions: CompiledExclusion[];
  /** The storyline's acronym phrases (cues and contexts). */
  acronyms: Phrase[];
  /** Cue and context phrases of several words, lower case: the storyline's own names for its acronyms. */
  ownNames: Set<string>;
}

function compileEntries(entries: readonly PhraseEntry[] | undefined): Phrase[] {
  const out: Phrase[] = [];
  for (const e of entries ?? []) {
    const p = compilePhrase(e);
    if (p !== null) out.push(p);
  }
  return out;
}

const compiledCache = new WeakMap<Storyline, CompiledStoryline>();

/** Compiles a validated storyline once (cached by object identity). */
function compile(s: Storyline): CompiledStoryline {
  const hit = compiledCache.get(s);
  if (hit !== undefined) return hit;
  const contexts = new Map<string, CompiledContext>();
  for (const [name, list] of Object.entries(s.contexts)) contexts.set(name, { name, phrases: compileEntries(list) });
  const ctx = (n: string): CompiledContext => contexts.get(n) ?? { name: n, phrases: [] };
  const rules = (rs: readonly NearRule[], defaultWindow: number): CompiledRule[] =>
    rs.map((r) => ({ contexts: r.contexts.map(ctx), window: r.window ?? defaultWindow }));
  const cues: CompiledCue[] = [];
  s.cues.forEach((c, index) => {
    const phrase = compilePhrase(c);
    if (phrase === null) return;
    const near = c.near === undefined || c.near.length === 0 ? null : rules(c.near, DEFAULT_NEAR_WINDOW);
    const unless = c.unless === undefined || c.unless.length === 0 ? null : rules(c.unless, 0);
    cues.push({ index, phrase, weight: c.weight, near, unless, focus: c.focus === true });
  });
  const union = (names: readonly string[] | undefined, entries: readonly PhraseEntry[] | undefined) => [
    ...(names ?? []).flatMap((n) => ctx(n).phrases),
    ...compileEntries(entries),
  ];
  const gates = s.gates.map((g, i) => ({
    label: g.label ?? (g.contexts?.join("+") || `gate ${i + 1}`),
    phrases: union(g.contexts, g.phrases),
    minSentences: g.minSentences,
  }));
  const exclusions = s.exclusions.map((e, i) => ({
    label: e.label ?? (e.contexts?.join("+") || `exclusion ${i + 1}`),
    phrases: union(e.contexts, e.phrases),
    against: rules(e.against, 0),
    strength: e.strength ?? DEFAULT_EXCLUSION_STRENGTH,
  }));
  const everyPhrase = [...cues.map((c) => c.phrase), ...[...contexts.values()].flatMap((c) => c.phrases)];
  const acronyms = new Map<string, Phrase>();
  for (const p of everyPhrase) if (isAcronym(p)) acronyms.set(p.key, p);
  // Names of several words only: "army" (a context word) is no name for PLA, "People's Liberation Army" is.
  const ownNames = new Set(
    everyPhrase.filter((p) => p.wholeWord && p.words.length > 1).map((p) => p.words.join(" ").toLowerCase()),
  );
  const compiled = { source: s, cues, gates, exclusions, acronyms: [...acronyms.values()], ownNames };
  compiledCache.set(s, compiled);
  return compiled;
}

/** A sense is the storyline's own when it is, or ends with, one of its phrases ("... Shanghai Cooperation Organization"). */
function isOwnSense(c: CompiledStoryline, sense: string): boolean {
  if (c.ownNames.has(sense)) return true;
  for (let i = sense.indexOf(" "); i !== -1; i = sense.indexOf(" ", i + 1)) {
    if (c.ownNames.has(sense.slice(i + 1))) return true;
  }
  return false;
}

/** Acronyms of the storyline this document spells out as something else only (keys of their phrases). */
function ignoredAcronyms(a: Analysis, c: CompiledStoryline): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of c.acronyms) {
    if (a.find(p).length === 0) continue;
    const senses = acronymSenses(a, p.words[0] ?? "");
    if (senses.length > 0 && !senses.some((sense) => isOwnSense(c, sense))) out.set(p.key, p.raw);
  }
  return out;
}

/** Occurrences of a phrase for a storyline: none for an acronym the document gives another sense. */
function occurrencesFor(a: Analysis, ignored: ReadonlyMap<string, string>, p: Phrase): Occurrence[] {
  return ignored.has(p.key) ? [] : a.find(p);
}

/** Sentence indices (sorted, distinct) where any of the phrases occurs, for a storyline. */
function sentencesWith(a: Analysis, ignored: ReadonlyMap<string, string>, phrases: readonly Phrase[]): number[] {
  return ignored.size === 0
    ? a.sentencesWithAny(phrases)
    : a.sentencesWithAny(phrases.filter((p) => !ignored.has(p.key)));
}

/** Prefix sums of "this sentence mentions the context", cached per analysis (contexts belong to one storyline). */
function contextPrefix(a: Analysis, c: CompiledContext, ignored: ReadonlyMap<string, string>): Int32Array {
  const cached = a.cache.get(c);
  if (cached instanceof Int32Array) return cached;
  const n = a.sentences.length;
  const flags = new Uint8Array(n);
  for (const s of sentencesWith(a, ignored, c.phrases)) flags[s] = 1;
  const prefix = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] ?? 0) + (flags[i] ?? 0);
  a.cache.set(c, prefix);
  return prefix;
}

function ruleHolds(a: Analysis, rule: CompiledRule, sentence: number, ignored: ReadonlyMap<string, string>): boolean {
  const n = a.sentences.length;
  const lo = Math.max(0, sentence - rule.window);
  const hi = Math.min(n - 1, sentence + rule.window);
  for (const c of rule.contexts) {
    const p = contextPrefix(a, c, ignored);
    if ((p[hi + 1] ?? 0) - (p[lo] ?? 0) === 0) return false;
  }
  return true;
}

function anyRuleHolds(
  a: Analysis,
  rules: readonly CompiledRule[],
  sentence: number,
  ignored: ReadonlyMap<string, string>,
): boolean {
  return rules.some((r) => ruleHolds(a, r, sentence, ignored));
}

function positionWeight(a: Analysis, sentence: number): number {
  return POSITION_WEIGHT[a.sentences[sentence]?.where ?? "body"];
}

interface Match {
  cue: CompiledCue;
  occ: Occurrence;
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function weightedSentences(a: Analysis, sentences: Iterable<number>): number {
  let sum = 0;
  for (const s of sentences) sum += positionWeight(a, s);
  return sum;
}

function scoreOne(a: Analysis, c: CompiledStoryline): StorylineResult {
  const s = c.source;
  const ignored = ignoredAcronyms(a, c);
  const matches: Match[] = [];
  for (const cue of c.cues) {
    for (const occ of occurrencesFor(a, ignored, cue.phrase)) {
      if (cue.near !== null && !anyRuleHolds(a, cue.near, occ.sentence, ignored)) continue;
      if (cue.unless !== null && anyRuleHolds(a, cue.unless, occ.sentence, ignored)) continue;
      matches.push({ cue, occ });
    }
  }
  const kept = longestMatches(matches, (m) => m.cue.weight);
  const perCue = new Map<number, { m: Match; value: number }[]>();
  for (const m of kept) {
    const value = m.cue.weight * positionWeight(a, m.occ.sentence);
    const list = perCue.get(m.cue.index);
    if (list === undefined) perCue.set(m.cue.index, [{ m, value }]);
    else list.push({ m, value });
  }
  let raw = 0;
  const evidence: Evidence[] = [];
  for (const list of perCue.values()) {
    list.sort((x, y) => y.value - x.value || x.m.occ.sentence - y.m.occ.sentence);
    list.forEach(({ m, value }, i) => {
      const contribution = value * REPEAT_DECAY ** i;
      raw += contribution;
      const sentence = a.sentences[m.occ.sentence];
      if (sentence !== undefined) {
        evidence.push({
          cue: m.cue.phrase.raw,
          sentence: sentence.text,
          where: sentence.where,
          weight: round(contribution, 3),
        });
      }
    });
  }
  evidence.sort((x, y) => (y.weight ?? 0) - (x.weight ?? 0));

  let factor = 1;
  const gates = c.gates.map((g) => {
    const passed = sentencesWith(a, ignored, g.phrases).length >= g.minSentences;
    if (!passed) factor *= GATE_PENALTY;
    return { label: g.label, passed };
  });
  const focus = focusOf(
    a,
    kept.map((m) => ({ sentence: m.occ.sentence, focus: m.cue.focus, weight: m.cue.weight, cue: m.cue.index })),
    s.minParagraphs,
  );
  if (!focus.passed) factor *= GATE_PENALTY;

  // An exclusion phrase inside a matched cue ("Japan" in "Sea of Japan") is part of the cue, not a mention.
  const cueTokens = new Set<number>();
  for (const m of kept) for (let t = m.occ.start; t < m.occ.end; t++) cueTokens.add(t);
  const outsideCues = (o: Occurrence) => o.start < 0 || !cueTokens.has(o.start);
  let exclusionFactor = 1;
  const found = new Set<string>();
  for (const e of c.exclusions) {
    const hits = new Set<number>();
    for (const p of e.phrases) {
      for (const o of occurrencesFor(a, ignored, p)) {
        if (!outsideCues(o)) continue;
        hits.add(o.sentence);
        found.add(p.raw);
      }
    }
    if (hits.size === 0) continue;
    const E = weightedSentences(a, hits);
    const own: number[] = [];
    for (let i = 0; i < a.sentences.length; i++) if (anyRuleHolds(a, e.against, i, ignored)) own.push(i);
    const C = weightedSentences(a, own);
    exclusionFactor *= Math.min(1, C / (e.strength * E));
  }

  const base = 1 - Math.exp(-raw / s.saturation);
  const score = round(base * factor * exclusionFactor);
  return {
    id: s.id,
    title: s.title,
    score,
    matched: score >= s.threshold && gates.every((g) => g.passed) && focus.passed,
    threshold: s.threshold,
    raw: round(raw, 3),
    gates,
    exclusion: { factor: round(exclusionFactor), found: [...found].slice(0, MAX_EVIDENCE) },
    focus,
    ignoredAcronyms: [...ignored.values()],
    evidence: evidence.slice(0, MAX_EVIDENCE),
  };
}

/** Scores a document (text, `{ title, paragraphs }`, `{ title, text }` or an Analysis) against storylines. */
export function scoreStorylines(
  doc: DocInput | Analysis,
  storylines: readonly Storyline[] = defaultStorylines,
): StorylineResult[] {
  const a = analyze(doc);
  return storylines.map((s) => scoreOne(a, compile(s)));
}
