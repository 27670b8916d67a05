/** The default storylines, validated at load (a broken default fails loudly in tests, never silently). */
import { parseStoryline, type Storyline } from "../storyline-schema.ts";
import { ceasefireStoryline } from "./ceasefire.ts";
import { newStartStoryline } from "./new-start.ts";
import { scoStoryline } from "./sco.ts";

export const defaultStorylineInputs = [ceasefireStoryline, newStartStoryline, scoStoryline] as const;

export const defaultStorylines: readonly Storyline[] = Object.freeze(defaultStorylineInputs.map(parseStoryline));
