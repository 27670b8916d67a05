/**
 * The default storylines are data: one JSON file each, in exactly the shape a user POSTs to /storylines (the
 * storyline schema's input), validated by that schema when this module loads, so a broken default fails
 * loudly at start-up and in tests, never silently. Edit the vocabulary in the JSON files; no code changes.
 * JSON imports bundle with esbuild and load in Node 20, tsx and vitest.
 */
import { parseStoryline, type Storyline, type StorylineInput } from "../storyline-schema.ts";
import ceasefire from "./ceasefire.json" with { type: "json" };
import newStart from "./new-start.json" with { type: "json" };
import sco from "./sco.json" with { type: "json" };

/** The default storylines as written (the POST shape), in the order they are scored. */
export const defaultStorylineInputs: readonly StorylineInput[] = Object.freeze([
  ceasefire,
  newStart,
  sco,
] as StorylineInput[]);

/** The default storylines, validated (defaults filled in). */
export const defaultStorylines: readonly Storyline[] = Object.freeze(defaultStorylineInputs.map(parseStoryline));
