/**
 * The story lists: for every story, one small entry (its StorySummary as one JSON string) in each list it belongs
 * to (all stories, its feed, its source, its language, its framing label, its relation, each storyline it entered),
 * and one key-only entry in the list of each word of its title and text. All entries of one story share the sort
 * key `<sortAt>#<storyId>`, so any of its lists can be merged or intersected by walking them in step, and a page
 * position in one list is a page position in every list (stories.ts, story-query.ts).
 *
 * The entries are derived from the story and written before it (the story's conditional put is the commit point):
 * a crash in between leaves entries that the retried ingest writes again with the same keys and content.
 */
import type { Story } from "@storywire/core";
import { batchWrite, type Item, type StoreContext } from "./db.ts";
import { STORY_LISTS, sourceKey, type TableKey, timeSortKey } from "./keys.ts";
import { readSummary } from "./records.ts";
import { storyTerms } from "./search-terms.ts";
import { toStorySummary } from "./summary.ts";
import type { StorySummary } from "./types.ts";

/** A value usable inside a key (ids, labels, language codes): no "#", no control characters, not too long. */
function keyPart(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (trimmed.length === 0 || trimmed.length > 200 || /[#\u0000-\u001f\u007f]/.test(trimmed)) return null;
  return trimmed;
}

/** A language code as the lists key it ("EN", " en " -> "en"). */
export function languageKey(language: string | null | undefined): string | null {
  const part = keyPart(language);
  return part === null ? null : part.toLowerCase();
}

/** The lists (partition keys) a story with this summary has an entry in. */
export function listsOf(summary: StorySummary): string[] {
  const lists: string[] = [STORY_LISTS.all];
  const feedId = keyPart(summary.feedId);
  if (feedId) lists.push(STORY_LISTS.feed(feedId));
  if (typeof summary.source === "string" && summary.source.trim() !== "") {
    lists.push(STORY_LISTS.source(sourceKey(summary.source)));
  }
  const language = languageKey(summary.language);
  if (language) lists.push(STORY_LISTS.language(language));
  const label = keyPart(summary.framing?.label);
  if (label) lists.push(STORY_LISTS.framing(label));
  const relation = keyPart(summary.relation);
  if (relation) lists.push(STORY_LISTS.relation(relation));
  const matched = summary.storylines.flatMap((s) => (s.matched && keyPart(s.id) ? [s.id] : []));
  if (matched.length > 0) lists.push(STORY_LISTS.inStoryline);
  for (const id of new Set(matched)) lists.push(STORY_LISTS.storyline(id));
  return lists;
}

/** The word lists of a story (at most `maxWords` words: the title's first, then the text's). */
export function wordListsOf(story: Pick<Story, "title" | "text">, maxWords: number): string[] {
  return storyTerms(story.title ?? "", story.text ?? "", maxWords).map((term) => STORY_LISTS.word(term));
}

function entry(list: string, sk: string, id: string, json: string): Item {
  return { pk: list, sk, entity: "storyEntry", id, s: json };
}

/** Writes every list entry of a story (idempotent: same keys, same content). */
export async function writeStoryLists(
  ctx: StoreContext,
  story: Story,
  sortAt: string,
  maxWords: number,
): Promise<void> {
  const summary = toStorySummary(story);
  const sk = timeSortKey(sortAt, story.id);
  const json = JSON.stringify(summary);
  const puts: Item[] = listsOf(summary).map((list) => entry(list, sk, story.id, json));
  // Word entries are keys alone (no `entity`): there are hundreds per story, and every byte is stored each time.
  for (const list of wordListsOf(story, maxWords)) puts.push({ pk: list, sk });
  await batchWrite(ctx, { puts }, `Listing story ${story.id}`);
}

/** Removes the entries a story wrote (used when the same story turned out to be stored already, sorted elsewhere). */
export async function removeStoryLists(
  ctx: StoreContext,
  story: Story,
  sortAt: string,
  maxWords: number,
): Promise<void> {
  const sk = timeSortKey(sortAt, story.id);
  const deletes: TableKey[] = [...listsOf(toStorySummary(story)), ...wordListsOf(story, maxWords)].map((pk) => ({
    pk,
    sk,
  }));
  await batchWrite(ctx, { deletes }, `Unlisting a second copy of story ${story.id}`);
}

/**
 * After a story's placement changed (storylines, framing, relation): every list it is in gets the new summary, and
 * the lists it left lose its entry. `previous` is the summary its entries had.
 */
export async function relistStory(
  ctx: StoreContext,
  story: Story,
  sortAt: string,
  previous: StorySummary | null,
): Promise<void> {
  const summary = toStorySummary(story);
  const sk = timeSortKey(sortAt, story.id);
  const json = JSON.stringify(summary);
  const lists = listsOf(summary);
  const left = previous ? listsOf(previous).filter((list) => !lists.includes(list)) : [];
  await batchWrite(
    ctx,
    { puts: lists.map((list) => entry(list, sk, story.id, json)), deletes: left.map((pk) => ({ pk, sk })) },
    `Updating the list entries of story ${story.id}`,
  );
}

/** The summary an entry carries. */
export function summaryOf(item: Item): StorySummary {
  return readSummary(item);
}
