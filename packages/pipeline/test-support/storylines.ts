/** Test support: a fixed set of storylines (the built-in ones by default) in place of a catalog. */
import { defaultStorylines, type Storyline } from "@storywire/core";
import type { StorylineSource } from "../src/storylines.ts";

export function staticStorylines(storylines: readonly Storyline[] = defaultStorylines): StorylineSource {
  return { list: async () => storylines };
}
