/** The dashboard's own URLs, built in one place. Ids are URL-encoded even where their format makes it a no-op. */
import { STORIES_PATH, STORYLINES_PATH } from "./constants.ts";

const STORY_ID = /^[0-9a-f]{16}$/;

/** The story page, or null for an id that is not a story id (such a story gets no link). */
export function storyHref(id: string): string | null {
  return STORY_ID.test(id) ? `${STORIES_PATH}/${id}` : null;
}

export function storylineHref(id: string): string {
  return `${STORYLINES_PATH}/${encodeURIComponent(id)}`;
}

/** The story list filtered by one field, e.g. storiesHref({ feed: "ab12…" }). */
export function storiesHref(params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return query ? `${STORIES_PATH}?${query}` : STORIES_PATH;
}
