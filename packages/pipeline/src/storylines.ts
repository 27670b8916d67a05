import { defaultStorylines, type Storyline } from "@storywire/core";

/** Where the pipeline gets the storylines to score against: the defaults plus any the user defined. */
export interface StorylineSource {
  list(): Promise<readonly Storyline[]>;
}

export function staticStorylines(storylines: readonly Storyline[] = defaultStorylines): StorylineSource {
  return { list: async () => storylines };
}
