import { hexId, makeFeed, makeStory, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Conflict, InvalidCursor, InvalidInput } from "./errors.ts";

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

const definition = { id: "arms", title: "Arms control", cues: [{ phrase: "New START", weight: 5 }] };

describe("storyline records", () => {
  it("creates, reads, replaces at the expected revision and deletes, moving the version each time", async () => {
    const store = await env.freshStore();
    expect(await store.storylinesVersion()).toBe(0);
    expect(await store.listStorylineRecords()).toEqual([]);

    const created = await store.saveStorylineRecord(
      { id: "arms", definition, query: '"New START"', at: "2025-03-01T00:00:00Z" },
      0,
    );
    expect(created).toEqual({
      id: "arms",
      definition,
      query: '"New START"',
      revision: 1,
      createdAt: "2025-03-01T00:00:00.000Z",
      updatedAt: "2025-03-01T00:00:00.000Z",
    });
    expect(await store.storylinesVersion()).toBe(1);
    expect(await store.getStorylineRecord("arms")).toEqual(created);

    const edited = { ...definition, title: "Strategic arms control" };
    const saved = await store.saveStorylineRecord(
      { id: "arms", definition: edited, query: null, at: "2025-03-02T00:00:00Z" },
      1,
    );
    expect(saved).toMatchObject({ revision: 2, query: null, createdAt: "2025-03-01T00:00:00.000Z" });
    expect(saved.definition).toEqual(edited);
    expect(await store.storylinesVersion()).toBe(2);

    expect(await store.deleteStorylineRecord("arms", 2)).toBe(true);
    expect(await store.getStorylineRecord("arms")).toBeNull();
    expect(await store.storylinesVersion()).toBe(3);
    expect(await store.deleteStorylineRecord("arms")).toBe(false);
    expect(await store.storylinesVersion()).toBe(3);
  });

  it("keeps a hidden built-in storyline as a record without a definition", async () => {
    const store = await env.freshStore();
    await store.saveStorylineRecord({ id: "sco", definition: null, query: null }, 0);
    await store.saveStorylineRecord({ id: "arms", definition, query: null }, 0);
    const records = await store.listStorylineRecords();
    expect(records.map((r) => [r.id, r.definition === null])).toEqual([
      ["arms", false],
      ["sco", true],
    ]);
  });

  it("refuses a create over an existing record and a save or delete at a stale revision", async () => {
    const store = await env.freshStore();
    await store.saveStorylineRecord({ id: "arms", definition, query: null }, 0);
    await expect(store.saveStorylineRecord({ id: "arms", definition, query: null }, 0)).rejects.toThrow(Conflict);
    await expect(store.saveStorylineRecord({ id: "arms", definition, query: null }, 5)).rejects.toThrow(
      /no longer at revision 5/,
    );
    await expect(store.saveStorylineRecord({ id: "gone", definition, query: null }, 1)).rejects.toThrow(Conflict);
    await expect(store.deleteStorylineRecord("arms", 7)).rejects.toThrow(Conflict);
    expect((await store.getStorylineRecord("arms"))?.revision).toBe(1);
  });

  it("refuses bad ids and definitions that are not objects", async () => {
    const store = await env.freshStore();
    await expect(store.saveStorylineRecord({ id: "a#b", definition, query: null }, 0)).rejects.toThrow(InvalidInput);
    await expect(
      store.saveStorylineRecord({ id: "a", definition: [] as unknown as Record<string, unknown>, query: null }, 0),
    ).rejects.toThrow(/must be an object/);
  });
});

describe("story windows (rescore)", () => {
  async function storeWithStories() {
    const store = await env.freshStore();
    for (let i = 1; i <= 7; i++) {
      const at = `2025-03-0${i}T12:00:00.000Z`;
      await store.putStory(makeStory({ id: hexId(i), publishedAt: at, fetchedAt: at }));
    }
    return store;
  }

  it("walks a window oldest first, in pages, to the end", async () => {
    const store = await storeWithStories();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.listStoriesOldestFirst({
        since: "2025-03-02T00:00:00Z",
        until: "2025-03-06T12:00:00Z",
        limit: 2,
        cursor,
      });
      seen.push(...page.items.map((s) => s.id));
      cursor = page.cursor;
    } while (cursor);
    // [since, until): the story at exactly `until` is left out.
    expect(seen).toEqual([hexId(2), hexId(3), hexId(4), hexId(5)]);
  });

  it("resumes right after any story of a page", async () => {
    const store = await storeWithStories();
    const window = { since: "2025-03-01T00:00:00Z", until: "2025-04-01T00:00:00Z" };
    const first = await store.listStoriesOldestFirst({ ...window, limit: 5 });
    const third = first.items[2];
    if (!third) throw new Error("expected five stories");
    const rest = await store.listStoriesOldestFirst({ ...window, limit: 10, cursor: store.cursorAfterStory(third) });
    expect(rest.items.map((s) => s.id)).toEqual([hexId(4), hexId(5), hexId(6), hexId(7)]);
    expect(rest.cursor).toBeNull();
  });

  it("refuses a window that ends before it starts, and a cursor of another list", async () => {
    const store = await storeWithStories();
    await expect(
      store.listStoriesOldestFirst({ since: "2025-03-05T00:00:00Z", until: "2025-03-01T00:00:00Z" }),
    ).rejects.toThrow(/ends .* before it starts/);
    const feedCursor = (await store.listStories({ feedId: "f000000000000001", limit: 1 })).cursor;
    expect(feedCursor).not.toBeNull();
    await expect(
      store.listStoriesOldestFirst({
        since: "2025-03-01T00:00:00Z",
        until: "2025-04-01T00:00:00Z",
        cursor: feedCursor,
      }),
    ).rejects.toThrow(InvalidCursor);
  });

  it("includes the undated backlog fetched in the window (listed at 1970), first, and no other", async () => {
    const store = await storeWithStories();
    await store.addFeed(makeFeed({ id: "f000000000000009", lastCheckedAt: null }));
    // Undated items of the feed's first fetch: two fetched in the window, one before it.
    const backlog = (n: number, fetchedAt: string) =>
      makeStory({ id: hexId(0x100 + n), feedId: "f000000000000009", publishedAt: null, fetchedAt });
    await store.putStory(backlog(1, "2025-03-03T08:00:00.000Z"));
    await store.putStory(backlog(2, "2025-02-20T08:00:00.000Z"));
    await store.putStory(backlog(3, "2025-03-04T08:00:00.000Z"));
    const window = { since: "2025-03-02T00:00:00Z", until: "2025-03-06T12:00:00Z" };
    const walk = async (limit: number) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let calls = 0;
      do {
        const page = await store.listStoriesOldestFirst({ ...window, limit, cursor });
        seen.push(...page.items.map((s) => s.id));
        cursor = page.cursor;
        calls += 1;
      } while (cursor && calls < 20);
      return seen;
    };
    const expected = [hexId(0x101), hexId(0x103), hexId(2), hexId(3), hexId(4), hexId(5)];
    expect(await walk(10)).toEqual(expected);
    // Pages that end inside the backlog, at its end and across it resume without repeats or gaps.
    expect(await walk(1)).toEqual(expected);
    expect(await walk(2)).toEqual(expected);
    expect(await walk(3)).toEqual(expected);
    // Resuming right after a backlog story.
    const first = await store.listStoriesOldestFirst({ ...window, limit: 1 });
    const [story] = first.items;
    if (!story) throw new Error("expected a backlog story");
    const rest = await store.listStoriesOldestFirst({ ...window, limit: 10, cursor: store.cursorAfterStory(story) });
    expect(rest.items.map((s) => s.id)).toEqual(expected.slice(1));
    // A window that starts at 1970 holds the whole backlog by its list time.
    const all = await store.listStoriesOldestFirst({ since: "1970-01-01T00:00:00Z", until: "2025-03-02T00:00:00Z" });
    expect(all.items.map((s) => s.id)).toEqual([hexId(0x101), hexId(0x102), hexId(0x103), hexId(1)]);
  });

  it("reads a storyline's member stories within a time range, newest first", async () => {
    const store = await storeWithStories();
    await store.putEvent({ id: "e1", storylineId: "arms", title: "t", startedAt: "2025-03-01T12:00:00Z" });
    for (let i = 1; i <= 5; i++) {
      await store.addStoryToEvent("arms", "e1", hexId(i), i === 1 ? "first" : "update", `2025-03-0${i}T12:00:00.000Z`);
    }
    const between = await store.storylineStoriesBetween("arms", "2025-03-02T00:00:00Z", "2025-03-04T12:00:00Z");
    expect(between.map((m) => m.storyId)).toEqual([hexId(4), hexId(3), hexId(2)]);
    expect(between[0]?.story.id).toBe(hexId(4));
  });
});

describe("the mark of a storyline being deleted", () => {
  it("is held by one delete at a time, lapses at its end, and is removed only by its owner", async () => {
    const store = await env.freshStore();
    const now = new Date("2025-03-01T00:00:00Z");
    const until = new Date("2025-03-01T00:01:00Z");
    expect(await store.isStorylineDeleting("arms", now)).toBe(false);
    expect(await store.markStorylineDeleting("arms", { owner: "first", until, now })).toBe(true);
    expect(await store.isStorylineDeleting("arms", now)).toBe(true);
    // Another delete of the same storyline waits its turn; another storyline is not held.
    expect(await store.markStorylineDeleting("arms", { owner: "second", until, now })).toBe(false);
    expect(await store.isStorylineDeleting("other", now)).toBe(false);
    // Only the owner removes it.
    await store.clearStorylineDeleting("arms", "second");
    expect(await store.isStorylineDeleting("arms", now)).toBe(true);
    await store.clearStorylineDeleting("arms", "first");
    expect(await store.isStorylineDeleting("arms", now)).toBe(false);
    // A crashed delete's mark lapses at its end and is taken over; the crashed owner cannot remove the new one.
    expect(await store.markStorylineDeleting("arms", { owner: "crashed", until, now })).toBe(true);
    const later = new Date("2025-03-01T00:01:00.001Z");
    expect(await store.isStorylineDeleting("arms", later)).toBe(false);
    const next = { owner: "third", until: new Date("2025-03-01T00:02:00Z"), now: later };
    expect(await store.markStorylineDeleting("arms", next)).toBe(true);
    await store.clearStorylineDeleting("arms", "crashed");
    expect(await store.isStorylineDeleting("arms", later)).toBe(true);
    // Clearing a mark that is gone is no error.
    await store.clearStorylineDeleting("arms", "third");
    await store.clearStorylineDeleting("arms", "third");
  });
});

describe("subscriptions entered under their storylines", () => {
  const subscription = (id: string, storylines: string[]) => ({
    id,
    storylines,
    minScore: 0.5,
    filters: {},
    mode: "immediate" as const,
    channel: { type: "webhook" as const, url: "http://127.0.0.1:9/hook" },
    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    feedToken: "feed-token-0123456789abcdef",
    createdAt: "2025-03-01T00:00:00Z",
  });

  it("are listed per storyline from creation and removed with the subscription", async () => {
    const store = await env.freshStore();
    await store.createSubscription(subscription("s1", ["arms", "ceasefire", "arms"]));
    await store.createSubscription(subscription("s2", ["arms"]));
    expect((await store.listStorylineSubscriberIds("arms")).sort()).toEqual(["s1", "s2"]);
    expect(await store.listStorylineSubscriberIds("ceasefire")).toEqual(["s1"]);
    // A storyline whose id begins like another's lists only its own.
    expect(await store.listStorylineSubscriberIds("arm")).toEqual([]);
    expect(await store.deleteSubscription("s1")).toBe(true);
    expect(await store.listStorylineSubscriberIds("arms")).toEqual(["s2"]);
    expect(await store.listStorylineSubscriberIds("ceasefire")).toEqual([]);
    // The storyline records and their version are not disturbed by the entries.
    expect(await store.listStorylineRecords()).toEqual([]);
    expect(await store.storylinesVersion()).toBe(0);
  });
});
