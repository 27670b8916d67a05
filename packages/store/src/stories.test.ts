import type { Story } from "@storywire/core";
import { hexId, makeStory, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidCursor, InvalidInput, NotFound } from "./errors.ts";
import type { Store } from "./types.ts";

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

/** n stories, one minute apart, alternating between two feeds. */
async function seed(store: Store, n: number): Promise<Story[]> {
  const stories: Story[] = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(Date.UTC(2025, 2, 1, 0, i)).toISOString();
    const story = makeStory({ id: hexId(i + 1), feedId: i % 2 === 0 ? "feed-even" : "feed-odd", publishedAt: at });
    await store.putStory(story);
    stories.push(story);
  }
  return stories;
}

async function everyPage(
  list: (cursor: string | null) => Promise<{ items: { id: string }[]; cursor: string | null }>,
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await list(cursor);
    ids.push(...page.items.map((s) => s.id));
    cursor = page.cursor;
    pages++;
  } while (cursor !== null && pages < 100);
  return { ids, pages };
}

describe("stories", () => {
  it("stores a story once: re-ingesting it is a no-op", async () => {
    const store = await env.freshStore();
    const story = makeStory();
    expect(await store.putStory(story)).toBe(true);
    expect(await store.putStory({ ...story, title: "Rewritten" })).toBe(false);
    expect(await store.getStory(story.id)).toEqual(story);
    expect(await store.getStory("ffffffffffffffff")).toBeNull();
  });

  it("keeps empty strings, nulls and nested scores as given", async () => {
    const store = await env.freshStore();
    const story = makeStory({
      title: "",
      author: null,
      feedId: null,
      storylines: [{ id: "ceasefire", score: 0.8, matched: true, evidence: [{ cue: "ceasefire", sentence: "A." }] }],
    });
    await store.putStory(story);
    expect(await store.getStory(story.id)).toEqual(story);
  });

  it("hasStories returns the stored ids among many (chunked by 100)", async () => {
    const store = await env.freshStore();
    const stored = [1, 50, 150, 249].map(hexId);
    for (const id of stored) await store.putStory(makeStory({ id }));
    const asked = Array.from({ length: 250 }, (_, i) => hexId(i));
    const found = await store.hasStories([...asked, hexId(50)]);
    expect([...found].sort()).toEqual(stored);
    expect(await store.hasStories([])).toEqual(new Set());
  });

  it("lists newest first, globally and per feed", async () => {
    const store = await env.freshStore();
    const stories = await seed(store, 6);
    const newestFirst = stories.map((s) => s.id).reverse();
    expect((await store.listStories()).items.map((s) => s.id)).toEqual(newestFirst);
    const odd = (await store.listStories({ feedId: "feed-odd" })).items.map((s) => s.id);
    expect(odd).toEqual(newestFirst.filter((_, i) => i % 2 === 0));
    expect((await store.listStories({ feedId: "feed-none" })).items).toEqual([]);
  });

  it("sorts by publishedAt clamped to fetchedAt, falling back to fetchedAt, ties by id", async () => {
    const store = await env.freshStore();
    const fetchedAt = "2025-03-02T00:00:00.000Z";
    const cases: [string, string | null][] = [
      ["0000000000000001", "2025-03-01T00:00:00Z"], // real date: sorts at it
      ["0000000000000002", "2099-01-01T00:00:00Z"], // future: clamped to fetchedAt
      ["0000000000000003", "not a date"], // garbage: fetchedAt
      ["0000000000000004", null], // none: fetchedAt
      ["0000000000000005", "2025-03-01T12:00:00+02:00"], // offset: 10:00Z
    ];
    for (const [id, publishedAt] of cases) await store.putStory(makeStory({ id, publishedAt, fetchedAt }));
    const order = (await store.listStories()).items.map((s) => s.id);
    expect(order).toEqual([
      "0000000000000004",
      "0000000000000003",
      "0000000000000002",
      "0000000000000005",
      "0000000000000001",
    ]);
  });

  it("pages with cursors: every story exactly once, in order, no empty last page", async () => {
    const store = await env.freshStore();
    const stories = await seed(store, 23);
    const all = stories.map((s) => s.id).reverse();
    const global = await everyPage((cursor) => store.listStories({ limit: 5, cursor }));
    expect(global.ids).toEqual(all);
    expect(global.pages).toBe(5);
    const even = await everyPage((cursor) => store.listStories({ feedId: "feed-even", limit: 4, cursor }));
    expect(even.ids).toEqual(all.filter((id) => stories.find((s) => s.id === id)?.feedId === "feed-even"));
    expect(even.pages).toBe(3);
    const exact = await everyPage((cursor) => store.listStories({ limit: 23, cursor }));
    expect(exact.pages).toBe(1);
  });

  it("clamps the page size to 1..100 and defaults to 20", async () => {
    const store = await env.freshStore();
    await seed(store, 25);
    expect((await store.listStories()).items).toHaveLength(20);
    expect((await store.listStories({ limit: 0 })).items).toHaveLength(1);
    expect((await store.listStories({ limit: 1000 })).items).toHaveLength(25);
  });

  it("filters by `since` on the sort key, with paging", async () => {
    const store = await env.freshStore();
    const stories = await seed(store, 10);
    const since = "2025-03-01T00:04:00.000Z";
    const expected = stories
      .slice(4)
      .map((s) => s.id)
      .reverse();
    expect((await store.listStories({ since })).items.map((s) => s.id)).toEqual(expected);
    expect((await everyPage((cursor) => store.listStories({ since, limit: 2, cursor }))).ids).toEqual(expected);
    expect((await store.listStories({ since, feedId: "feed-even" })).items.map((s) => s.id)).toEqual(
      expected.filter((_, i) => i % 2 === 1),
    );
    await expect(store.listStories({ since: "last week" })).rejects.toThrow(
      /`since` filter "last week" is not a usable date/,
    );
  });

  it.each([
    ["garbage", "not a cursor!", /never appear in a cursor/],
    ["base64 of text", Buffer.from("hello").toString("base64url"), /does not decode to a page position/],
    ["base64 of a JSON array", Buffer.from("[1,2]").toString("base64url"), /does not decode to a page position/],
    [
      "a key of another index",
      Buffer.from(JSON.stringify({ pk: "STORY#1", sk: "STORY" })).toString("base64url"),
      /different list/,
    ],
    ["a number where a string goes", Buffer.from(JSON.stringify({ at: 5 })).toString("base64url"), /malformed/],
    [
      "a position that is no sort key",
      Buffer.from(JSON.stringify({ at: "yesterday#abc" })).toString("base64url"),
      /malformed/,
    ],
    ["too long", "a".repeat(5000), /1 to 2048 characters/],
  ])("refuses a bad cursor (%s) with InvalidCursor", async (_name, cursor, message) => {
    const store = await env.freshStore();
    const attempt = store.listStories({ cursor });
    await expect(attempt).rejects.toBeInstanceOf(InvalidCursor);
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toThrow(/omit it to start from the first page/);
  });

  it("takes a position of one list as a position in every list (they share their sort keys)", async () => {
    const store = await env.freshStore();
    const stories = await seed(store, 6);
    const { cursor } = await store.listStories({ feedId: "feed-even", limit: 1 });
    expect(cursor).not.toBeNull();
    const below = stories
      .slice(0, 4)
      .map((s) => s.id)
      .reverse();
    expect((await store.listStories({ cursor })).items.map((s) => s.id)).toEqual(below);
    expect((await store.listStories({ feedId: "feed-odd", cursor })).items.map((s) => s.id)).toEqual(
      below.filter((id) => stories.find((s) => s.id === id)?.feedId === "feed-odd"),
    );
  });

  it("records a story's placement and refuses a missing story", async () => {
    const store = await env.freshStore();
    await store.putStory(makeStory());
    const placed = await store.updateStoryPlacement("a000000000000001", {
      eventId: "ev1",
      relation: "update",
      novel: ["A new sentence."],
    });
    expect(placed).toMatchObject({ eventId: "ev1", relation: "update", novel: ["A new sentence."] });
    expect(await store.getStory("a000000000000001")).toEqual(placed);
    await expect(
      store.updateStoryPlacement("ffffffffffffffff", { eventId: null, relation: null, novel: [] }),
    ).rejects.toBeInstanceOf(NotFound);
  });

  it("getStories returns the found stories in the order asked", async () => {
    const store = await env.freshStore();
    await seed(store, 3);
    const got = await store.getStories([hexId(3), hexId(99), hexId(1)]);
    expect(got.map((s) => s.id)).toEqual([hexId(3), hexId(1)]);
  });

  it("refuses a NaN score, naming where it is, and stores nothing", async () => {
    const store = await env.freshStore();
    const story = makeStory({ storylines: [{ id: "sco", score: Number.NaN, matched: false, evidence: [] }] });
    const attempt = store.putStory(story);
    await expect(attempt).rejects.toBeInstanceOf(InvalidInput);
    await expect(attempt).rejects.toThrow(/storylines\.0\.score = NaN/);
    expect(await store.getStory(story.id)).toBeNull();
  });

  it("refuses a story over DynamoDB's 400 KB item limit with a clear message", async () => {
    const store = await env.freshStore();
    await expect(store.putStory(makeStory({ text: "x".repeat(500_000) }))).rejects.toThrow(/400 KB item limit/);
  });
});
