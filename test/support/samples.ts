/** The demo's sample stories (packages/cli/src/demo/samples.ts) as items of a test feed. */
import { SAMPLE_STORIES, type SampleStory } from "storywire/samples";
import type { TestItem } from "./feed-server.ts";

export function sampleStory(slug: string): SampleStory {
  const story = SAMPLE_STORIES.find((s) => s.slug === slug);
  if (!story) throw new Error(`No sample story "${slug}" in packages/cli/src/demo/samples.ts.`);
  return story;
}

/**
 * A feed item carrying a sample story; the guid defaults to its slug (pass another to re-post it). It links to
 * 127.0.0.1 (nothing listens on port 80 there), so no fetch of it can leave the machine.
 */
export function sampleItem(slug: string, guid = slug): TestItem {
  const s = sampleStory(slug);
  return { guid, title: s.title, paragraphs: s.paragraphs, link: `http://127.0.0.1/samples/${s.slug}` };
}
