/**
 * Stories: one item per story id (the whole story, with its text, evidence and framing), and small entries in the
 * story lists (story-lists.ts) that every list, filter and search reads (story-query.ts). A story's lists are
 * written before the story itself, so the story's conditional put stays the one commit point of an ingest.
 */

import { GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Story } from "@storywire/core";
import { assertOneOf, assertStorable } from "./checks.ts";
import { DEFAULT_PAGE_SIZE } from "./constants.ts";
import { decodeAfterPosition, encodeAfterPosition } from "./cursor.ts";
import { batchGet, getItem, type Item, putNew, run, type StoreContext, updateItem } from "./db.ts";
import { InvalidInput, NotFound } from "./errors.ts";
import { assertId, atOrBefore, keys, PARTITIONS, STORY_LISTS, timeSortKey } from "./keys.ts";
import { pageSize } from "./query.ts";
import { readStory, readSummary } from "./records.ts";
import { MAX_TERMS_PER_STORY } from "./search-terms.ts";
import { relistStory, removeStoryLists, summaryOf, writeStoryLists } from "./story-lists.ts";
import { listStorySummaries, PageCache, RELATIONS } from "./story-query.ts";
import type { Instant } from "./time.ts";
import { storySortAt, toIso, usablePublishedAt } from "./time.ts";
import type { Page, StoryStore } from "./types.ts";

export { RELATIONS };

/** Where an undated story of a feed's first fetch sorts: below every dated story (see ACCESS-PATTERNS.md). */
export const UNDATED_BACKLOG_SORT_AT = "1970-01-01T00:00:00.000Z";

function storyItem(story: Story, sortAt: string): Item {
  const id = assertId(story.id, "Story id");
  if (story.feedId !== null && story.feedId !== undefined) assertId(story.feedId, "Story feedId");
  return { ...story, ...keys.story(id), entity: "story", sortAt };
}

export function toStory(item: Item): Story {
  return readStory(item);
}

/**
 * The instant a story sorts by in every list. Its publishedAt when usable (storySortAt). An undated story of a
 * feed sorts at the feed's previous check (it appeared after that check, and sorting it there keeps it below the
 * dated news published since); an undated story of a feed never checked before is the feed's backlog, of unknown
 * age, and sorts at UNDATED_BACKLOG_SORT_AT so that a first fetch does not put it at the top of "latest".
 * Ingest records a check after storing the check's stories, so the feed's lastCheckedAt is the previous check.
 */
async function listSortAt(ctx: StoreContext, story: Story): Promise<string> {
  if (typeof story.fetchedAt !== "string") {
    throw new InvalidInput(`Story ${story.id} has no fetchedAt; every story records when it was fetched.`);
  }
  const fetchedAt = toIso(story.fetchedAt, "The story's fetchedAt");
  const published = usablePublishedAt(story.publishedAt ?? null, fetchedAt);
  if (published !== null || story.feedId === null || story.feedId === undefined) {
    return storySortAt(story.publishedAt ?? null, fetchedAt);
  }
  const feedId = assertId(story.feedId, "Story feedId");
  const result = await run(ctx, `Reading feed ${feedId} to sort an undated story`, () =>
    ctx.doc.send(
      new GetCommand({
        TableName: ctx.table,
        Key: keys.feed(feedId),
        ProjectionExpression: "#c",
        ExpressionAttributeNames: { "#c": "lastCheckedAt" },
      }),
    ),
  );
  if (!result.Item) return fetchedAt;
  const previous = result.Item.lastCheckedAt;
  if (typeof previous !== "string") return UNDATED_BACKLOG_SORT_AT;
  const checked = toIso(previous, `Feed ${feedId}'s lastCheckedAt`);
  // ISO strings of one format compare as instants; never later than this fetch.
  return [checked, fetchedAt].sort()[0] as string;
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

/** The sort time a stored story was listed at (null when it is not stored). */
async function storedSortAt(ctx: StoreContext, id: string, action: string): Promise<string | null> {
  const result = await run(ctx, action, () =>
    ctx.doc.send(
      new GetCommand({
        TableName: ctx.table,
        Key: keys.story(id),
        ProjectionExpression: "sortAt",
        ConsistentRead: true,
      }),
    ),
  );
  return typeof result.Item?.sortAt === "string" ? result.Item.sortAt : null;
}

/** Counts a new story on its feed (a separate item, so fetch-state updates never race it). */
async function countStory(ctx: StoreContext, feedId: string): Promise<void> {
  await run(ctx, `Counting a story of feed ${feedId}`, () =>
    ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.table,
        Key: keys.feedStats(feedId),
        UpdateExpression: "ADD #stories :one SET #entity = :entity",
        ExpressionAttributeNames: { "#stories": "stories", "#entity": "entity" },
        ExpressionAttributeValues: { ":one": 1, ":entity": "feedStats" },
      }),
    ),
  );
}

/** The list position of the stories an oldest-first walk returned (cursorAfterStory resumes right after one). */
const walkedAt = new WeakMap<object, string>();

/** The last sort key of the undated backlog (UNDATED_BACKLOG_SORT_AT): every backlog entry sorts at or before it. */
const BACKLOG_END = atOrBefore(UNDATED_BACKLOG_SORT_AT);
/** Backlog entries read per query, and at most per call, while looking for those fetched in a window. */
const BACKLOG_QUERY = 1_000;
const BACKLOG_PER_CALL = 10_000;

interface WindowEntry {
  sk: string;
  id: string;
}

/** One ascending Query of the list of all stories, sort keys in [lo, hi], after `after`. */
function queryAllList(
  ctx: StoreContext,
  action: string,
  range: { lo: string; hi: string; after: string | null; limit: number; projection: string },
) {
  return run(ctx, action, () =>
    ctx.doc.send(
      new QueryCommand({
        TableName: ctx.table,
        KeyConditionExpression: "pk = :p AND sk BETWEEN :lo AND :hi",
        ExpressionAttributeValues: { ":p": STORY_LISTS.all, ":lo": range.lo, ":hi": range.hi },
        ProjectionExpression: range.projection,
        ScanIndexForward: true,
        Limit: range.limit,
        ...(range.after !== null ? { ExclusiveStartKey: { pk: STORY_LISTS.all, sk: range.after } } : {}),
      }),
    ),
  );
}

/**
 * The undated backlog's entries (sorted at UNDATED_BACKLOG_SORT_AT) whose story was fetched in [since, until), after
 * `after`: at most `wanted`, reading at most BACKLOG_PER_CALL entries. `rest` is the position to continue the
 * backlog from, or null once it is read to its end.
 */
async function backlogFetchedIn(
  ctx: StoreContext,
  window: { since: string; until: string; after: string | null },
  wanted: number,
  action: string,
): Promise<{ entries: WindowEntry[]; rest: string | null }> {
  const entries: WindowEntry[] = [];
  let start = window.after;
  let read = 0;
  for (;;) {
    const result = await queryAllList(ctx, action, {
      lo: UNDATED_BACKLOG_SORT_AT,
      hi: BACKLOG_END,
      after: start,
      limit: BACKLOG_QUERY,
      projection: "pk, sk, id, s",
    });
    for (const item of (result.Items ?? []) as Item[]) {
      const sk = String(item.sk);
      read += 1;
      start = sk;
      // The entry's summary, parsed as every list entry is read (records.ts), says when the story was fetched.
      const fetchedAt = toIso(readSummary(item).fetchedAt, "A listed story's fetchedAt");
      if (fetchedAt >= window.since && fetchedAt < window.until) {
        entries.push({ sk, id: String(item.id) });
        if (entries.length >= wanted) return { entries, rest: sk };
      }
    }
    if (!result.LastEvaluatedKey) return { entries, rest: null };
    if (read >= BACKLOG_PER_CALL) return { entries, rest: start };
  }
}

/**
 * Stories whose sort time is in [since, until), oldest first, in pages; and before them, when `since` is later than
 * UNDATED_BACKLOG_SORT_AT, the undated backlog of feeds' first fetches (listed at that instant) whose stories were
 * fetched in [since, until): they are of unknown age, but they came in during the window. Query `LIST#ALL`
 * ascending (the backlog's entries, then the window's), then BatchGetItem of the page's stories (rescoring needs
 * their text). Cursor: `{ after: <sk> }`; a page may hold fewer than `limit` stories and still have a cursor (a
 * long backlog is read BACKLOG_PER_CALL entries per call).
 */
export async function listStoriesOldestFirst(
  ctx: StoreContext,
  options: { since: Instant; until: Instant; limit?: number; cursor?: string | null },
  maxPage: number,
): Promise<Page<Story>> {
  const since = toIso(options.since, "The `since` of the story window");
  const until = toIso(options.until, "The `until` of the story window");
  if (until < since) {
    throw new InvalidInput(`The story window ends (${until}) before it starts (${since}); swap the two.`);
  }
  const after = options.cursor === undefined || options.cursor === null ? null : decodeAfterPosition(options.cursor);
  const limit = pageSize(options.limit, DEFAULT_PAGE_SIZE, maxPage);
  const action = `Listing the stories from ${since} to ${until}`;
  const entries: WindowEntry[] = [];
  if (since > UNDATED_BACKLOG_SORT_AT && (after === null || after < BACKLOG_END)) {
    const backlog = await backlogFetchedIn(ctx, { since, until, after }, limit + 1, action);
    entries.push(...backlog.entries);
    if (backlog.rest !== null && entries.length <= limit) {
      // The call's share of the backlog is read: continue from where it stopped.
      return { items: await storiesOf(ctx, entries, action), cursor: encodeAfterPosition(backlog.rest) };
    }
  }
  if (entries.length <= limit) {
    // "<until>" sorts before every "<until>#<id>": the bound leaves out stories at exactly `until`.
    const result = await queryAllList(ctx, action, {
      lo: since,
      hi: until,
      after: after !== null && after >= since && after <= until ? after : null,
      limit: limit + 1 - entries.length,
      projection: "sk, id",
    });
    for (const item of (result.Items ?? []) as Item[]) {
      if (after === null || String(item.sk) > after) entries.push({ sk: String(item.sk), id: String(item.id) });
    }
  }
  const page = entries.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await storiesOf(ctx, page, action),
    cursor: entries.length > limit && last ? encodeAfterPosition(last.sk) : null,
  };
}

/** The stories of a walk's entries, in the entries' order, each remembering its list position. */
async function storiesOf(ctx: StoreContext, entries: WindowEntry[], action: string): Promise<Story[]> {
  const stories = await storiesById(
    ctx,
    entries.map((entry) => entry.id),
    action,
  );
  const items: Story[] = [];
  for (const entry of entries) {
    const story = stories.get(entry.id);
    if (!story) continue;
    walkedAt.set(story, entry.sk);
    items.push(story);
  }
  return items;
}

/** The cursor that continues an oldest-first walk right after `story` (one it returned, or any stored story). */
export function cursorAfterStory(story: Story): string {
  const id = assertId(story.id, "Story id");
  return encodeAfterPosition(
    walkedAt.get(story) ?? timeSortKey(storySortAt(story.publishedAt ?? null, story.fetchedAt), id),
  );
}

/** How many stories the upgrade lists per call (stories stored before the lists existed). */
export const UPGRADE_BATCH = 200;

/**
 * How long a list page is served from memory unless createStore says otherwise (story-query.ts PageCache): off,
 * so that a store never shows another writer's stories late by surprise; the local runtime and the API function
 * turn it on (listCacheMs, README Configuration).
 */
export const DEFAULT_LIST_CACHE_MS = 0;

export function storyStore(
  ctx: StoreContext,
  options: { listCacheMs?: number; searchWords?: number } = {},
): StoryStore {
  const cache = new PageCache(options.listCacheMs ?? DEFAULT_LIST_CACHE_MS);
  const words = options.searchWords ?? MAX_TERMS_PER_STORY;
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
      const id = assertId(story.id, "Story id");
      const sortAt = await listSortAt(ctx, story);
      const item = storyItem(story, sortAt);
      assertStorable(item, `Storing story ${id}`);
      cache.clear();
      await writeStoryLists(ctx, story, sortAt, words);
      const created = await putNew(ctx, item, `Storing story ${id}`);
      if (created) {
        if (story.feedId) await countStory(ctx, story.feedId);
        return true;
      }
      // Stored before (a concurrent or repeated ingest): its entries stand; remove ours if they sort elsewhere.
      const stored = await storedSortAt(ctx, id, `Checking story ${id}`);
      if (stored !== null && stored !== sortAt) await removeStoryLists(ctx, story, sortAt, words);
      return false;
    },

    async getStory(id) {
      const item = await getItem(ctx, keys.story(assertId(id, "Story id")), `Reading story ${id}`);
      return item ? toStory(item) : null;
    },

    async getStories(ids) {
      const found = await storiesById(ctx, ids, `Reading ${ids.length} stories`);
      return ids.flatMap((id) => found.get(id) ?? []);
    },

    listStories(options = {}) {
      return listStorySummaries(ctx, options, { cache });
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
      cache.clear();
      const story = toStory(item);
      const sortAt = typeof item.sortAt === "string" ? item.sortAt : await listSortAt(ctx, story);
      const previous = await getItem(
        ctx,
        { pk: STORY_LISTS.all, sk: timeSortKey(sortAt, id) },
        `Reading the list entry of story ${id}`,
      );
      await relistStory(ctx, story, sortAt, previous ? summaryOf(previous) : null);
      return story;
    },

    async feedStoryCounts(feedIds) {
      const items = await batchGet(
        ctx,
        feedIds.map((id) => keys.feedStats(assertId(id, "Feed id"))),
        `Counting the stories of ${feedIds.length} feeds`,
      );
      const counts = new Map(feedIds.map((id) => [id, 0]));
      for (const item of items) counts.set(String(item.pk).slice("FEED#".length), Number(item.stories ?? 0));
      return counts;
    },

    async upgradeStoryLists() {
      const marker = await getItem(ctx, keys.storyListsMarker(), "Reading the story lists' upgrade marker");
      if (marker?.done === true) return { listed: 0, done: true };
      // Stories stored before the lists existed carry the old index keys (gsi1 "STORIES"); list them in pages.
      const start = typeof marker?.next === "string" ? (JSON.parse(marker.next) as Record<string, unknown>) : undefined;
      const result = await run(ctx, "Upgrading the story lists", () =>
        ctx.doc.send(
          new QueryCommand({
            TableName: ctx.table,
            IndexName: "gsi1",
            KeyConditionExpression: "gsi1pk = :p",
            ExpressionAttributeValues: { ":p": PARTITIONS.allStories },
            Limit: UPGRADE_BATCH,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        ),
      );
      const items = (result.Items ?? []) as Item[];
      cache.clear();
      for (const old of items) {
        const story = toStory(old);
        const sortAt = typeof old.sortAt === "string" ? old.sortAt : storySortAt(story.publishedAt, story.fetchedAt);
        await writeStoryLists(ctx, story, sortAt, words);
        if (story.feedId) await countStory(ctx, story.feedId);
      }
      const done = !result.LastEvaluatedKey;
      await run(ctx, "Recording the story lists' upgrade", () =>
        ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.table,
            Key: keys.storyListsMarker(),
            UpdateExpression: done ? "SET #done = :t, #entity = :e REMOVE #next" : "SET #next = :n, #entity = :e",
            ExpressionAttributeNames: { "#entity": "entity", ...(done ? { "#done": "done" } : {}), "#next": "next" },
            ExpressionAttributeValues: {
              ":e": "meta",
              ...(done ? { ":t": true } : { ":n": JSON.stringify(result.LastEvaluatedKey) }),
            },
          }),
        ),
      );
      return { listed: items.length, done };
    },
  };
}
