/**
 * The title a reader sees. Stories stored before titles were derived at ingest (or from a feed that gives none)
 * may have an empty title; like a feed reader, we then show the first words of the text (core's titleFromText,
 * the same rule ingest uses) instead of "(untitled)".
 */
import { titleFromText } from "@storywire/core";

/** The stored title, else one derived from the text, else a placeholder that says why there is none. */
export function displayTitle(story: { title: string; text?: string | null }): string {
  return story.title.trim() || titleFromText(story.text) || "(no title or text)";
}
