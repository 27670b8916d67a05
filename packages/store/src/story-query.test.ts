/**
 * The story lists: every filter of GET /stories, the word search, pages that stay exact while stories are added,
 * the read budget, the sort time of undated stories, placement changes, and the upgrade of older tables.
 */

import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Framing, Story } from "@storywire/core";
import { hexId, makeFeed, makeStory, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInput } from "./errors.ts";
import { createStore } from "./store.ts";
import { UNDATED_BACKLOG_SORT_AT } from "./stories.ts";
import { listStorySummaries, PageCache } from "./story-query.ts";
import type { ListStoriesOptions, Store } from "./types.ts";

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

const framing = (label: string) => ({ label, summary: `${label} summary` }) as unknown as Framing;

/** Story i: one minute apart; i % 3 picks storyline/source/language, words vary by i. */
function story(i: number, overrides: Partial<Story> = {}): Story {
  const at = new Date(Date.UTC(2025, 2, 1, 0, i)).toISOString();
  const kind = i % 3;
  return makeStory({
    id: hexId(i + 1),
    key: `k${i}`,
    feedId: kind === 0 ? "feed-a" : "feed-b",
    title: `Story ${i} ${kind === 0 ? "Ceasefire talks in Geneva" : kind === 1 ? "New START limits" : "Weather"}`,
    text: `Paragraph about ${i % 2 === 0 ? "Witkoff and Kyïv" : "Moscow"} number w${i}.\n\nThe end.`,
    source: kind === 2 ? "Agence Météo" : "Example News",
    language: kind === 1 ? "ru" : "en",
    publishedAt: at,
    fetchedAt: at,
    storylines:
      kind === 0
        ? [{ id: "ceasefire", score: 0.5 + (i % 5) / 10, matched: true, evidence: [] }]
        : kind === 1
          ? [
              { id: "new-start", score: 0.9, matched: true, evidence: [] },
              { id: "ceasefire", score: 0.2, matched: false, evidence: [] },
            ]
          : [],
    framing: framing(kind === 1 ? "kremlin-aligned" : "neutral-report"),
    relation: kind === 0 ? (i % 2 === 0 ? "first" : "update") : kind === 1 ? "duplicate" : null,
    eventId: kind === 2 ? null : `e${i}`,
    ...overrides,
  });
}

async function seed(store: Store, n: number): Promise<Story[]> {
  const stories = Array.from({ length: n }, (_, i) => story(i));
  for (const s of stories) await store.putStory(s);
  return stories;
}

/** A store context on `store`'s table whose every request is shown to `seen` first. */
function watched(store: Store, seen: (command: { input: { Limit?: number } }) => void) {
  const doc = DynamoDBDocumentClient.from(env.client);
  return {
    doc: {
      send: (command: { input: { Limit?: number } }) => {
        seen(command);
        return doc.send(command as never);
      },
    } as unknown as typeof doc,
    table: store.tableName,
    clock: () => new Date(),
    secrets: null,
  };
}

async function walk(store: Store, options: ListStoriesOptions): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const page = await store.listStories({ ...options, cursor });
    ids.push(...page.items.map((s) => s.id));
    cursor = page.cursor;
    if (cursor === null) return ids;
  }
  throw new Error("the walk did not end");
}

const idsWhere = (stories: Story[], keep: (s: Story, i: number) => boolean) =>
  stories
    .filter(keep)
    .map((s) => s.id)
    .reverse();

describe("story lists: filters", () => {
  let store: Store;
  let stories: Story[];
  beforeAll(async () => {
    store = await env.freshStore();
    stories = await seed(store, 30);
  });

  it("answers summaries: no text, no evidence, the framing label and summary", async () => {
    const { items } = await store.listStories({ limit: 1 });
    expect(items[0]).toEqual({
      id: hexId(30),
      key: "k29",
      feedId: "feed-b",
      title: "Story 29 Weather",
      url: "https://news.example/a/1",
      source: "Agence Météo",
      author: null,
      language: "en",
      publishedAt: stories[29]?.publishedAt,
      fetchedAt: stories[29]?.fetchedAt,
      eventId: null,
      relation: null,
      storylines: [],
      framing: { label: "neutral-report", summary: "neutral-report summary" },
    });
  });

  it.each<[string, ListStoriesOptions, (s: Story, i: number) => boolean]>([
    ["one storyline", { storylines: ["ceasefire"] }, (_s, i) => i % 3 === 0],
    ["either of two storylines", { storylines: ["ceasefire", "new-start"] }, (_s, i) => i % 3 !== 2],
    ["a storyline the story only scored in (not matched) never counts", { storylines: ["nope"] }, () => false],
    ["minScore in the storyline", { storylines: ["ceasefire"], minScore: 0.8 }, (_s, i) => i % 3 === 0 && i % 5 >= 3],
    ["minScore in any matched storyline", { minScore: 0.85 }, (_s, i) => i % 3 === 1 || (i % 3 === 0 && i % 5 >= 4)],
    ["relation", { relation: ["update", "duplicate"] }, (_s, i) => i % 3 === 1 || (i % 3 === 0 && i % 2 === 1)],
    ["framing label", { framing: ["kremlin-aligned"] }, (_s, i) => i % 3 === 1],
    ["feed", { feedId: "feed-a" }, (_s, i) => i % 3 === 0],
    ["source, case and accents ignored", { source: "agence meteo" }, (_s, i) => i % 3 === 2],
    ["language", { language: "RU" }, (_s, i) => i % 3 === 1],
    ["since and until", { since: "2025-03-01T00:10:00Z", until: "2025-03-01T00:20:00Z" }, (_s, i) => i >= 10 && i < 20],
    ["one word of the title", { q: "geneva" }, (_s, i) => i % 3 === 0],
    ["every word of the search, title or text", { q: "Ceasefire WITKOFF" }, (_s, i) => i % 6 === 0],
    ["accents folded in text and query", { q: "kyiv" }, (_s, i) => i % 2 === 0],
    ["stop words ignored in the query", { q: "the w7" }, (_s, i) => i === 7],
    [
      "words with other filters",
      { q: "moscow", language: "ru", since: "2025-03-01T00:05:00Z" },
      (_s, i) => i % 6 === 1 && i >= 5,
    ],
    [
      "storyline, language and relation together",
      { storylines: ["new-start"], language: "ru", relation: ["duplicate"] },
      (_s, i) => i % 3 === 1,
    ],
  ])("filters by %s, in pages, newest first", async (_name, filter, keep) => {
    const expected = idsWhere(stories, keep);
    expect(await walk(store, { ...filter, limit: 3 })).toEqual(expected);
    expect((await store.listStories({ ...filter, limit: 100 })).items.map((s) => s.id)).toEqual(expected);
  });

  it("refuses filters it cannot answer, naming them", async () => {
    const cases: [ListStoriesOptions, RegExp][] = [
      [{ q: "the of a" }, /has no word to look for/],
      [{ q: "one two three four five six seven eight nine" }, /at most 8/],
      [{ minScore: 2 }, /minScore filter must be a number from 0 to 1/],
      [{ language: "english!" }, /language filter/],
      [{ relation: ["sideways" as never] }, /relation filter must be one of first, update, duplicate/],
      [{ storylines: ["a#b"] }, /storyline id/],
      [{ until: "soon" }, /`until` filter "soon"/],
    ];
    for (const [filter, message] of cases) {
      await expect(store.listStories(filter)).rejects.toThrow(message);
      await expect(store.listStories(filter)).rejects.toBeInstanceOf(InvalidInput);
    }
  });
});

describe("story lists: pages", () => {
  it("walks to the end without repeats or gaps while stories are added in between pages", async () => {
    const store = await env.freshStore();
    const before = await seed(store, 40);
    const seen: string[] = [];
    let cursor: string | null = null;
    let added = 40;
    do {
      const page = await store.listStories({ limit: 7, cursor, storylines: ["ceasefire", "new-start"] });
      seen.push(...page.items.map((s) => s.id));
      cursor = page.cursor;
      // New stories land everywhere: newer than everything, and back-dated into the part not yet walked.
      await store.putStory(story(added++, { publishedAt: "2025-03-02T00:00:00.000Z" }));
      await store.putStory(story(added++, { publishedAt: new Date(Date.UTC(2025, 2, 1, 0, 3)).toISOString() }));
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of idsWhere(before, (_s, i) => i % 3 !== 2)) expect(seen).toContain(id);
  });

  it("stops a page at its read budget and resumes exactly there", async () => {
    const store = await env.freshStore();
    // Two common words that occur together only in two stories far apart.
    const stories: Story[] = [];
    for (let i = 0; i < 120; i++) {
      const both = i === 3 || i === 100;
      stories.push(story(i, { title: `Story ${i}`, text: both ? "alpha beta" : i % 2 === 0 ? "alpha" : "beta" }));
    }
    for (const s of stories) await store.putStory(s);
    // A budget of 3 Queries per page (instead of 40) reading 2 entries at first, on the same table.
    const own = {
      doc: DynamoDBDocumentClient.from(env.client),
      table: store.tableName,
      clock: () => new Date(),
      secrets: null,
    };
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await listStorySummaries(
        own,
        { q: "alpha beta", limit: 5, cursor },
        { maxQueries: 3, firstRead: 2 },
      );
      pages.push(page.items.map((s) => s.id));
      cursor = page.cursor;
    } while (cursor && pages.length < 500);
    expect(pages.flat()).toEqual([hexId(101), hexId(4)]);
    expect(pages.length).toBeGreaterThan(2); // it did stop early, with empty pages and a cursor
  });
});

describe("story lists: sort time", () => {
  it("sorts an undated story of a first fetch below dated news, and later undated ones at the previous check", async () => {
    const store = await env.freshStore();
    await store.addFeed(makeFeed({ id: "f000000000000001", lastCheckedAt: null }));
    const dated = makeStory({
      id: hexId(1),
      publishedAt: "2025-03-01T09:00:00.000Z",
      fetchedAt: "2025-03-01T10:00:00.000Z",
    });
    const backlog = makeStory({ id: hexId(2), publishedAt: null, fetchedAt: "2025-03-01T10:00:00.000Z" });
    await store.putStory(dated);
    await store.putStory(backlog);
    expect((await store.listStories()).items.map((s) => s.id)).toEqual([hexId(1), hexId(2)]);
    expect((await store.listStories({ until: "1970-01-01T00:00:01.000Z" })).items.map((s) => s.id)).toEqual([hexId(2)]);
    expect(UNDATED_BACKLOG_SORT_AT).toBe("1970-01-01T00:00:00.000Z");

    // The feed was checked at 10:00; the next check at 10:20 finds a new undated item: it sorts at 10:00.
    await store.updateFeedFetchState("f000000000000001", { lastCheckedAt: "2025-03-01T10:00:00.000Z" });
    const later = makeStory({ id: hexId(3), publishedAt: null, fetchedAt: "2025-03-01T10:20:00.000Z" });
    const fresh = makeStory({
      id: hexId(4),
      publishedAt: "2025-03-01T10:10:00.000Z",
      fetchedAt: "2025-03-01T10:20:00.000Z",
    });
    await store.putStory(later);
    await store.putStory(fresh);
    expect((await store.listStories()).items.map((s) => s.id)).toEqual([hexId(4), hexId(3), hexId(1), hexId(2)]);
  });

  it("keeps one entry per list when the same story is stored twice with another sort time", async () => {
    const store = await env.freshStore();
    await store.addFeed(makeFeed({ id: "f000000000000001", lastCheckedAt: "2025-03-01T08:00:00.000Z" }));
    const undated = makeStory({ id: hexId(1), publishedAt: null, fetchedAt: "2025-03-01T10:00:00.000Z" });
    expect(await store.putStory(undated)).toBe(true);
    await store.updateFeedFetchState("f000000000000001", { lastCheckedAt: "2025-03-01T09:00:00.000Z" });
    expect(await store.putStory({ ...undated, fetchedAt: "2025-03-01T11:00:00.000Z" })).toBe(false);
    expect((await walk(store, { limit: 1 })).length).toBe(1);
    expect((await walk(store, { q: "negotiators" })).length).toBe(1);
    expect(await store.feedStoryCounts(["f000000000000001", "f000000000000009"])).toEqual(
      new Map([
        ["f000000000000001", 1],
        ["f000000000000009", 0],
      ]),
    );
  });
});

describe("story lists: changes", () => {
  it("moves a story between storyline, relation and framing lists when its placement changes", async () => {
    const store = await env.freshStore();
    await store.putStory(story(0));
    expect((await store.listStories({ storylines: ["ceasefire"] })).items).toHaveLength(1);
    await store.updateStoryPlacement(hexId(1), {
      eventId: "e9",
      relation: "duplicate",
      novel: [],
      storylines: [{ id: "sco", score: 0.7, matched: true, evidence: [] }],
      framing: framing("kremlin-aligned"),
    });
    expect((await store.listStories({ storylines: ["ceasefire"] })).items).toHaveLength(0);
    expect((await store.listStories({ relation: ["first"] })).items).toHaveLength(0);
    expect((await store.listStories({ framing: ["neutral-report"] })).items).toHaveLength(0);
    const [moved] = (await store.listStories({ storylines: ["sco"], relation: ["duplicate"] })).items;
    expect(moved).toMatchObject({ id: hexId(1), relation: "duplicate", framing: { label: "kremlin-aligned" } });
    expect((await store.listStories()).items[0]).toMatchObject({
      storylines: [{ id: "sco", score: 0.7, matched: true }],
    });
  });

  it("lists the stories of a table written before the lists existed, in resumable batches", async () => {
    const store = await env.freshStore();
    const doc = DynamoDBDocumentClient.from(env.client);
    for (let i = 0; i < 5; i++) {
      const s = story(i);
      const sortAt = s.publishedAt as string;
      await doc.send(
        new PutCommand({
          TableName: store.tableName,
          Item: {
            ...s,
            pk: `STORY#${s.id}`,
            sk: "STORY",
            entity: "story",
            sortAt,
            gsi1pk: "STORIES",
            gsi1sk: `${sortAt}#${s.id}`,
          },
        }),
      );
    }
    expect((await store.listStories()).items).toHaveLength(0);
    let result = await store.upgradeStoryLists();
    while (!result.done) result = await store.upgradeStoryLists();
    expect((await store.listStories()).items.map((s) => s.id)).toEqual([5, 4, 3, 2, 1].map(hexId));
    expect((await store.listStories({ q: "witkoff" })).items).toHaveLength(3);
    expect(await store.upgradeStoryLists()).toEqual({ listed: 0, done: true });
  });
});

describe("story lists: the page cache", () => {
  it("answers a repeated page from memory, clears on its own writes, and sees other writers after the TTL", async () => {
    const first = await env.freshStore();
    const reader = createStore({ client: env.client, tableName: first.tableName, listCacheMs: 200 });
    const writer = createStore({ client: env.client, tableName: first.tableName, listCacheMs: 0 });
    await writer.putStory(story(0));
    expect((await reader.listStories()).items).toHaveLength(1);
    await writer.putStory(story(1)); // another process: the reader's page is up to 200 ms old
    expect((await reader.listStories()).items).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await reader.listStories()).items).toHaveLength(2);
    await reader.putStory(story(2)); // its own write: seen at once
    expect((await reader.listStories()).items).toHaveLength(3);
    // Callers get copies: changing one does not change what the next caller gets.
    const page = await reader.listStories();
    (page.items[0] as { title: string }).title = "changed";
    expect((await reader.listStories()).items[0]?.title).not.toBe("changed");
  });
});

describe("story lists: the size of the search index", () => {
  it("indexes the title first and at most searchWords words; 0 indexes none", async () => {
    const base = await env.freshStore();
    const small = createStore({ client: env.client, tableName: base.tableName, searchWords: 3 });
    await small.putStory(story(0, { title: "alpha beta", text: "gamma delta epsilon" }));
    expect((await small.listStories({ q: "alpha beta gamma" })).items).toHaveLength(1);
    expect((await small.listStories({ q: "delta" })).items).toHaveLength(0);
    const none = createStore({ client: env.client, tableName: base.tableName, searchWords: 0 });
    await none.putStory(story(1, { title: "zeta", text: "eta" }));
    expect((await none.listStories({ q: "zeta" })).items).toHaveLength(0);
    expect((await none.listStories()).items).toHaveLength(2);
  });
});

describe("story lists: one read for concurrent requests of one page", () => {
  it("lets concurrent requests for the same page share one read, and a write during it not be cached", async () => {
    const store = await env.freshStore();
    for (let i = 0; i < 3; i++) await store.putStory(story(i));
    let queries = 0;
    const counting = watched(store, () => {
      queries += 1;
    });
    const cache = new PageCache(60_000);
    const pages = await Promise.all(
      Array.from({ length: 10 }, () => listStorySummaries(counting, { limit: 2 }, { cache })),
    );
    expect(queries).toBe(1);
    expect(new Set(pages.map((p) => JSON.stringify(p))).size).toBe(1);
    await listStorySummaries(counting, { limit: 2 }, { cache });
    expect(queries).toBe(1);
    // A write while a read is under way: that read's page is not kept.
    cache.clear();
    const during = listStorySummaries(counting, { limit: 2 }, { cache });
    cache.clear();
    await during;
    await listStorySummaries(counting, { limit: 2 }, { cache });
    expect(queries).toBe(3);
  });
});

describe("story lists: how much a page reads", () => {
  it("reads the page and one more when the driving list is the whole filter, more when entries need checking", async () => {
    const store = await env.freshStore();
    await seed(store, 30);
    const limits: number[] = [];
    const counting = watched(store, (command) => limits.push(command.input.Limit ?? -1));
    const read = async (options: ListStoriesOptions) => {
      limits.length = 0;
      const page = await listStorySummaries(counting, options);
      return { items: page.items.length, limits: [...limits] };
    };
    expect(await read({ limit: 3 })).toEqual({ items: 3, limits: [4] });
    expect(await read({ limit: 3, storylines: ["ceasefire"] })).toEqual({ items: 3, limits: [4] });
    expect(await read({ limit: 3, feedId: "feed-a" })).toEqual({ items: 3, limits: [4] });
    expect(await read({ limit: 3, language: "ru", since: "2025-03-01T00:05:00Z" })).toEqual({ items: 3, limits: [4] });
    // A second condition, or a minimum score, is checked on each entry: the list is read in larger pages.
    expect(await read({ limit: 3, storylines: ["ceasefire"], relation: ["update"] })).toEqual({
      items: 3,
      limits: [50],
    });
    expect(await read({ limit: 3, minScore: 0.8 })).toEqual({ items: 3, limits: [50] });
  });
});

describe("story lists: how much a one-word search reads", () => {
  it("reads the page and one more of a lone word's list, and 100 of each word's list to pick the sparsest", async () => {
    const store = await env.freshStore();
    await seed(store, 30);
    const limits: number[] = [];
    const counting = watched(store, (command) => {
      if (command.input.Limit !== undefined) limits.push(command.input.Limit);
    });
    expect((await listStorySummaries(counting, { limit: 3, q: "ceasefire" })).items).toHaveLength(3);
    expect(limits).toEqual([4]);
    limits.length = 0;
    expect((await listStorySummaries(counting, { limit: 3, q: "ceasefire geneva" })).items).toHaveLength(3);
    expect(limits).toEqual([100, 100]);
  });
});
