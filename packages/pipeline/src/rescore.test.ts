import { compileQuery, type Storyline, validateStoryline } from "@storywire/core";
import { DAY_MS, HISTORY_START, historyStories } from "@storywire/pipeline/test-support/history";
import type { Store } from "@storywire/store";
import { makeFeed, makeStory, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "./ports.ts";
import { RescoreRequestError, type RescoreResult, rescoreStoryline } from "./rescore.ts";

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

function storyline(query: string, id: string): Storyline {
  const result = validateStoryline(compileQuery(query, { id }).storyline);
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.storyline;
}

const drills = storyline('"joint maritime exercises" OR "maritime drills"', "drills");
const since = new Date(HISTORY_START - DAY_MS).toISOString();
const until = new Date(HISTORY_START + 10 * DAY_MS).toISOString();
const now = () => new Date(HISTORY_START + 30 * DAY_MS);

async function setup(): Promise<Store> {
  const store = await env.freshStore(now);
  for (const story of historyStories()) await store.putStory(story);
  return store;
}

function deps(store: Store) {
  return { store, clock: { now }, logger: silentLogger };
}

/** Calls rescore until the window is done; returns every call's result. */
async function rescoreAll(store: Store, s: Storyline, limit: number, budgetMs?: number): Promise<RescoreResult[]> {
  const results: RescoreResult[] = [];
  let cursor: string | undefined;
  do {
    const result = await rescoreStoryline(
      s,
      cursor === undefined ? { since, until, limit, budgetMs } : { cursor, limit, budgetMs },
      deps(store),
    );
    results.push(result);
    cursor = result.nextCursor ?? undefined;
    if (results.length > 50) throw new Error("the rescore never finished");
  } while (cursor !== undefined);
  return results;
}

function total(results: RescoreResult[]) {
  const sum = (f: (r: RescoreResult) => number) => results.reduce((n, r) => n + f(r), 0);
  return {
    scanned: sum((r) => r.scanned),
    entered: sum((r) => r.entered),
    alreadyIn: sum((r) => r.alreadyIn),
    first: sum((r) => r.placed.first),
    update: sum((r) => r.placed.update),
    duplicate: sum((r) => r.placed.duplicate),
  };
}

describe("rescoreStoryline", () => {
  it("gives a new storyline its history in pages: scores, events in time order, no alerts", async () => {
    const store = await setup();
    const results = await rescoreAll(store, drills, 2);
    expect(results.length).toBe(3);
    expect(results.slice(0, -1).every((r) => r.nextCursor !== null)).toBe(true);
    expect(total(results)).toEqual({ scanned: 5, entered: 4, alreadyIn: 0, first: 2, update: 1, duplicate: 1 });

    const { items: events } = await store.listEvents("drills");
    expect(events.map((e) => [e.title, e.storyCount])).toEqual([
      ["Japan protests joint maritime exercises near Hokkaido", 1],
      ["Russia and China to hold joint maritime exercises", 3],
    ]);
    const members = await store.listEventStories(events[1]?.id ?? "");
    expect(members.map((m) => m.relation)).toEqual(["first", "duplicate", "update"]);

    const update = await store.getStory(members[2]?.storyId ?? "");
    expect(update).toMatchObject({ eventId: events[1]?.id, relation: "update" });
    expect(update?.novel?.join(" ")).toMatch(/12 warships/);
    expect(update?.storylines?.find((s) => s.id === "drills")).toMatchObject({ matched: true });
    expect((await store.getStory(historyStories()[1]?.id ?? ""))?.storylines).toEqual([]);

    expect(await store.listAlerts({ storylineId: "drills" })).toEqual([]);
    expect(await store.listDueDeliveries(now().toISOString())).toEqual([]);
  });

  it("changes nothing when the window is rescored again", async () => {
    const store = await setup();
    await rescoreAll(store, drills, 10);
    const again = total(await rescoreAll(store, drills, 10));
    expect(again).toEqual({ scanned: 5, entered: 0, alreadyIn: 4, first: 0, update: 0, duplicate: 0 });
    const { items: events } = await store.listEvents("drills");
    expect(events.map((e) => e.storyCount)).toEqual([1, 3]);
  });

  it("includes the undated backlog of a feed's first fetch that was fetched in the window", async () => {
    const store = await setup();
    // A feed never checked before: its undated items are its backlog and list at 1970, below every dated story.
    await store.addFeed(makeFeed({ id: "f00000000000000b", lastCheckedAt: null }));
    const undated = (id: string, fetchedAt: number) =>
      makeStory({
        id,
        key: `test:${id}`,
        feedId: "f00000000000000b",
        title: "Navies announce maritime drills in the Sea of Japan",
        text: "Russia and China said their navies would hold maritime drills next week.",
        url: `http://127.0.0.1/stories/${id}`,
        publishedAt: null,
        fetchedAt: new Date(fetchedAt).toISOString(),
        storylines: [],
        eventId: null,
        relation: null,
        novel: [],
      });
    const inWindow = undated("b000000000000001", HISTORY_START + 2 * DAY_MS);
    const beforeWindow = undated("b000000000000002", HISTORY_START - 5 * DAY_MS);
    await store.putStory(inWindow);
    await store.putStory(beforeWindow);
    expect((await store.listStories({ until: "1970-01-01T00:00:01Z" })).items).toHaveLength(2);

    const results = await rescoreAll(store, drills, 2);
    expect(total(results)).toMatchObject({ scanned: 6, entered: 5 });
    expect((await store.getStory(inWindow.id))?.storylines?.find((s) => s.id === "drills")).toMatchObject({
      matched: true,
    });
    expect((await store.getStory(beforeWindow.id))?.storylines).toEqual([]);
    expect(await store.listAlerts({ storylineId: "drills" })).toEqual([]);
  });

  it("keeps a story's place in another storyline and adds its score for this one", async () => {
    const store = await setup();
    const first = historyStories()[0];
    if (!first) throw new Error("no history");
    await store.updateStoryPlacement(first.id, {
      eventId: "e-elsewhere",
      relation: "first",
      novel: [],
      storylines: [{ id: "sco", score: 0.8, matched: true, evidence: [] }],
    });
    await rescoreAll(store, drills, 10);
    const stored = await store.getStory(first.id);
    expect(stored?.eventId).toBe("e-elsewhere");
    expect(stored?.storylines?.map((s) => s.id)).toEqual(["sco", "drills"]);
  });

  it("stops at its time budget with a cursor that resumes after the last story it handled", async () => {
    const store = await setup();
    const results = await rescoreAll(store, drills, 10, 0);
    expect(results.map((r) => r.scanned)).toEqual([1, 1, 1, 1, 1]);
    expect(total(results)).toMatchObject({ scanned: 5, entered: 4, first: 2, update: 1, duplicate: 1 });
  });

  it.each([
    [{}, "since", /is required/],
    [{ since: "yesterday" }, "since", /ISO 8601/],
    [{ since: "2025-08-05T00:00:00Z", until: "2025-08-01T00:00:00Z" }, "until", /later than since/],
    [{ cursor: "not-a-cursor" }, "cursor", /not a cursor this API gave out/],
  ])("refuses %j, naming %s", async (request, field, message) => {
    const store = await setup();
    const error = await rescoreStoryline(drills, request, deps(store)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RescoreRequestError);
    expect((error as RescoreRequestError).field).toBe(field);
    expect((error as Error).message).toMatch(message);
  });

  it("refuses a cursor of another storyline or another window", async () => {
    const store = await setup();
    const { nextCursor } = await rescoreStoryline(drills, { since, until, limit: 1 }, deps(store));
    if (nextCursor === null) throw new Error("expected a cursor");
    const other = storyline("Hokkaido", "hokkaido");
    await expect(rescoreStoryline(other, { cursor: nextCursor }, deps(store))).rejects.toThrow(
      /belongs to the rescore of "drills"/,
    );
    await expect(
      rescoreStoryline(drills, { cursor: nextCursor, since: "2025-01-01T00:00:00Z" }, deps(store)),
    ).rejects.toThrow(/differs from the window of the cursor/);
  });
});
