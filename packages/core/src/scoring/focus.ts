/**
 * Is a storyline the subject of a document, or a passing mention in a story about something else?
 *
 * Evidence is counted in units: the body's paragraphs, or, in bodies of fewer than FEW_PARAGRAPHS paragraphs
 * (one-block feed descriptions, scraped text without paragraph breaks), passages: runs of adjacent sentences
 * with evidence (two sentences in a row about the talks in a one-block war report are one passage, one mention).
 * The headline is no unit; it makes the evidence prominent, as the lead (the first body sentences) does.
 *
 * The storyline is the subject (focus passes) when, in this order:
 *   1. the storyline asks for no focus (minParagraphs 1, the schema default);
 *   2. a `focus` cue matched in the headline or lead: it names the storyline's own occasion as the story's
 *      setting ("met on the sidelines of the SCO summit");
 *   3. the item is short (at most SHORT_ITEM_PARAGRAPHS paragraphs and SHORT_ITEM_SENTENCES sentences: a
 *      statement, a readout, a headline with or without a summary) and its headline or lead has evidence;
 *   4. the headline or lead has evidence and so does at least one other sentence;
 *   5. the evidence spreads over `minParagraphs` units, and over one more when the body has units enough
 *      (half of the body's units, at most minParagraphs + 1): a story about something else with one paragraph
 *      on the storyline and a closing reference to it is still a passing mention.
 * Otherwise the score is halved and the storyline is not matched. The headline or lead of a longer story "has
 * evidence" (is prominent) when a strong cue (PROMINENT_WEIGHT) or a focus cue matched there, or two different
 * weak ones: one generic word up top ("talks" in "gas deal after a decade of talks") is no sign of the subject.
 * In a short item any cue up top counts.
 */

import type { Analysis } from "./analysis.ts";
import { FEW_PARAGRAPHS, PROMINENT_WEIGHT, SHORT_ITEM_PARAGRAPHS, SHORT_ITEM_SENTENCES } from "./constants.ts";

export interface Focus {
  /** Evidence in the headline or lead. */
  prominent: boolean;
  /** Body units (paragraphs, or passages in bodies of few paragraphs) with evidence. */
  spread: number;
  passed: boolean;
  /** Units of the body (paragraphs, or sentences in bodies of few paragraphs). */
  units: number;
  /** A short item: a statement, a readout, a headline with or without a summary. */
  short: boolean;
  /** Which rule decided, in words. */
  reason: string;
}

/** One piece of evidence: the sentence it is in, whether its cue is a focus cue, and the cue's own weight. */
export interface FocusEvidence {
  sentence: number;
  focus: boolean;
  weight: number;
  /** Which cue matched (weak cues up top count when two different ones do). */
  cue: number;
}

export function focusOf(a: Analysis, evidence: readonly FocusEvidence[], minParagraphs: number): Focus {
  const paragraphs = a.doc.paragraphs.length;
  const bodySentences = a.sentences.length - (a.sentences[0]?.where === "title" ? 1 : 0);
  const short = paragraphs <= SHORT_ITEM_PARAGRAPHS && bodySentences <= SHORT_ITEM_SENTENCES;
  const byParagraph = paragraphs >= FEW_PARAGRAPHS;
  const units = byParagraph ? paragraphs : bodySentences;

  let prominent = false;
  let focal = false;
  const weakUpTop = new Set<number>();
  const distinct = new Set<number>();
  const unitsWith = new Set<number>();
  for (const e of evidence) {
    const s = a.sentences[e.sentence];
    if (s === undefined) continue;
    distinct.add(s.index);
    // One weak, generic cue ("talks", "delegations") up top does not make a longer story about the storyline: a gas
    // deal "after a decade of talks" or arms "talks with Russia and China" in a story that names Ukraine once. A
    // strong cue does, or two different weak ones ("joint" "patrol" of "bombers").
    if (s.where !== "body") {
      if (e.weight >= PROMINENT_WEIGHT || e.focus) prominent = true;
      else weakUpTop.add(e.cue);
      if (e.focus) focal = true;
    }
    if (s.where !== "title") unitsWith.add(byParagraph ? s.paragraph : s.index);
  }
  // In a short item (a headline, a statement) whatever sits up top is most of what it says: one weak cue counts.
  if (weakUpTop.size >= (short ? 1 : 2)) prominent = true;
  const spread = byParagraph ? unitsWith.size : passages(unitsWith);
  const result = (passed: boolean, reason: string): Focus => ({ prominent, spread, passed, units, short, reason });

  if (distinct.size === 0) return result(false, "no evidence");
  if (minParagraphs <= 1) return result(true, "the storyline does not ask for focus");
  if (focal) return result(true, "a focus cue in the headline or lead");
  if (prominent && short) return result(true, "a short item with evidence in its headline or lead");
  if (prominent && distinct.size >= 2) return result(true, "evidence in the headline or lead and another sentence");
  const required = Math.max(minParagraphs, Math.min(minParagraphs + 1, Math.ceil(units / 2)));
  const what = byParagraph ? "paragraphs" : "passages";
  if (spread >= required) return result(true, `evidence in ${spread} ${what} (${required} needed)`);
  return result(
    false,
    prominent
      ? "a passing mention: one sentence of the headline or lead"
      : `a passing mention: evidence in ${spread} of ${units} ${what} of the body, ${required} needed`,
  );
}

/** Runs of consecutive sentence indices. */
function passages(sentences: ReadonlySet<number>): number {
  let n = 0;
  for (const i of sentences) if (!sentences.has(i - 1)) n++;
  return n;
}
