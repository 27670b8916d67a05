/** The demo's sample stories (packages/cli/src/demo/samples.ts) as items of a test feed. */
import { SAMPLE_STORIES, type SampleStory } from "../../packages/cli/src/demo/samples.ts";
import type { TestItem } from "./feed-server.ts";

export function sampleStory(slug: string): SampleStory {
  const story = SAMPLE_STORIES.find((s) => s.slug === slug);
  if (!story) throw new Error(`No sample story "${slug}" in packages/cli/src/demo/samples.ts.`);
  return story;
}

/** A feed item carrying a sample story; the guid defaults to its slug (pass another to re-post it). */
export function sampleItem(slug: string, guid = slug): TestItem {
  const s = sampleStory(slug);
  return { guid, title: s.title, paragraphs: s.paragraphs, link: `https://wire.example/${s.slug}` };
}
