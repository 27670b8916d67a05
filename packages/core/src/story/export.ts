/** A Story written out the way the seeds are: seed text in a file named NNN_<id>.txt. */
import { toSeedText } from "../article/seed-text.ts";
import type { Story } from "../types.ts";

/** The story's paragraphs (its text is paragraphs joined by blank lines). */
export function storyParagraphs(story: Pick<Story, "text">): string[] {
  return story.text
    .split(/\n[^\S\n]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}

export function storySeedText(story: Pick<Story, "title" | "text">): string {
  return toSeedText({ title: story.title || null, paragraphs: storyParagraphs(story) });
}

/** "007_1d6d5fc977bff7a7.txt": the index padded to three digits (more when it needs them), then the id. */
export function exportFileName(index: number, story: Pick<Story, "id">): string {
  if (!Number.isInteger(index) || index < 0) {
    throw new RangeError(`Export index must be a whole number of 0 or more, got ${index}.`);
  }
  if (!/^[0-9a-f]{16}$/.test(story.id)) {
    throw new RangeError(`Story id must be 16 lowercase hex characters, got "${story.id}".`);
  }
  return `${String(index).padStart(3, "0")}_${story.id}.txt`;
}
