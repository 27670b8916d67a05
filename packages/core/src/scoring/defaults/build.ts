/** Small helpers that keep the default storylines readable: they only build plain storyline JSON. */
import type { StorylineInput } from "../storyline-schema.ts";

type CueInput = StorylineInput["cues"][number];
type NearInput = NonNullable<CueInput["near"]>;

/** Cues of one weight sharing the same `near` rules. */
export function cues(weight: number, phrases: readonly string[], near?: NearInput): CueInput[] {
  return phrases.map((phrase) => (near === undefined ? { phrase, weight } : { phrase, weight, near }));
}

/** Case-sensitive cues ("New START", "SCO", "PLA"). */
export function exact(weight: number, phrases: readonly string[], near?: NearInput): CueInput[] {
  return cues(weight, phrases, near).map((c) => ({ ...c, caseSensitive: true }));
}

/** A `near` rule list: every context in one rule must be within `window` sentences. */
export function near(window: number, ...alternatives: string[][]): NearInput {
  return alternatives.map((contexts) => ({ contexts, window }));
}

/** Case-sensitive context phrases. */
export function cs(...phrases: string[]): { phrase: string; caseSensitive: true }[] {
  return phrases.map((phrase) => ({ phrase, caseSensitive: true }));
}

type ExclusionInput = NonNullable<StorylineInput["exclusions"]>[number];

/** An exclusion: `context` damps the score unless sentences with all of `against` outweigh it. */
export function dampedBy(label: string, context: string, against: string[], strength?: number): ExclusionInput {
  const e: ExclusionInput = { label, contexts: [context], against: [{ contexts: against, window: 0 }] };
  return strength === undefined ? e : { ...e, strength };
}
