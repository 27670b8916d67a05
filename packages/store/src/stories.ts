/**
 * Stories: one item per story id. Every story sits in the global newest-first index (gsi1 "STORIES") and,
 * when it came from a feed, in that feed's index (gsi2 "FEED_STORIES#<feedId>"), both sorted by sortAt#id.
 */
import type { Relation, Story } from "@storywire/core";
import { assertOneOf } from "./checks.ts";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./constants.ts";
import { batchGet, getItem, type Item, putNew, type StoreContext, stripInternal, updateItem } from "./db.ts";
import { InvalidInput, NotFound } from "./errors.ts";
import { assertId, keys, PARTITIONS, timeSortKey } from "./keys.ts";
import { pageSize, queryPage } from "./query.ts";
import { storySortAt, toIso } from "./time.ts";
import type { StoryStore } from "./types.ts";

export const RELATIONS: readonly Relation[] = ["first", "update", "duplicate"];

function storyItem(story: Story): Item {
  const id = assertId(story.id, "Story id");
  const feedId = story.feedId === null || story.feedId === undefined ? null : assertId(story.feedId, "Story feedId");
  if (typeof story.fetchedAt !== "string") {
    throw new InvalidInput(`Story ${id} has no fetchedAt; every story records when it was fetched.`);
  }
  const sortAt = storySortAt(story.publishedAt ?? null, story.fetchedAt);
  return {
    ...story,
    ...keys.story(id),
    entity: "story",
    sortAt,
    gsi1pk: PARTITIONS.allStories,
    gsi1sk: timeSortKey(sortAt, id),
    ...(feedId === null ? {} : { gsi2pk: PARTITIONS.feedStories(feedId), gsi2sk: timeSortKey(sortAt, id) }),
  };
}

export function toStory(item: Item): Story {
  return stripInternal(item, ["sortAt"]) as unknown as Story;
}

/** Reads stories by id (any order in, found ones out keyed by id). */
export async function storiesById(ctx: StoreContext, ids: string[], action: string): Promise<Map<string, Story>> {
  const items = await batchGet(
    ctx,
    ids.map((id) => keys.story(assertId(id, "Story id"))),
    action,
  );
  return new Map(items.map((item) => [String(item.id), toStory(item)]));
}

export function storyStore(ctx: StoreContext): StoryStore {
  return {
    async hasStories(ids) {
      const items = await batchGet(
        ctx,
        ids.map((id) => keys.story(assertId(id, "Story id"))),
        `Checking ${ids.length} story ids`,
        ["id"],
      );
      return new Set(items.map((item) => String(item.id)));
    },

    async putStory(story) {
      return putNew(ctx, storyItem(story), `Storing story ${story.id}`);
    },

    async getStory(id) {
      const item = await getItem(ctx, keys.story(assertId(id, "Story id")), `Reading story ${id}`);
      return item ? toStory(item) : null;
    },

    async getStories(ids) {
      const found = await storiesById(ctx, ids, `Reading ${ids.length} stories`);
      return ids.flatMap((id) => found.get(id) ?? []);
    },

    async listStories(options = {}) {
      const feedId = options.feedId === undefined ? undefined : assertId(options.feedId, "Feed id");
      const since = options.since === undefined ? undefined : toIso(options.since, "The `since` filter");
      const page = await queryPage(
        ctx,
        {
          index: feedId === undefined ? "gsi1" : "gsi2",
          partition: feedId === undefined ? PARTITIONS.allStories : PARTITIONS.feedStories(feedId),
          ...(since === undefined ? {} : { sort: { op: ">=", value: since } }),
          descending: true,
        },
        pageSize(options.limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
        options.cursor,
        feedId === undefined ? "Listing stories" : `Listing the stories of feed ${feedId}`,
      );
      return { items: page.items.map(toStory), cursor: page.cursor };
    },

    async updateStoryPlacement(id, placement) {
      assertId(id, "Story id");
      const relation =
        placement.relation === null ? null : assertOneOf(placement.relation, RELATIONS, `Story ${id}'s relation`);
      const item = await updateItem(
        ctx,
        keys.story(id),
        {
          set: {
            eventId: placement.eventId,
            relation,
            novel: placement.novel,
            storylines: placement.storylines,
            framing: placement.framing,
          },
        },
        `Recording the placement of story ${id}`,
      );
      if (!item) throw new NotFound("Story", id);
      return toStory(item);
    },
  };
}
