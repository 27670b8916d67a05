import { hexId, makeStory, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Conflict, NotFound } from "./errors.ts";

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

const minute = (m: number) => new Date(Date.UTC(2025, 3, 1, 0, m)).toISOString();

describe("storyline events", () => {
  it("stores an event once and counts each member story once", async () => {
    const store = await env.freshStore();
    const created = await store.putEvent({ id: "ev1", storylineId: "ceasefire", title: "Talks", startedAt: minute(0) });
    const again = await store.putEvent({ id: "ev1", storylineId: "ceasefire", title: "Other", startedAt: minute(9) });
    expect(created.created).toBe(true);
    expect(again).toEqual({ event: created.event, created: false });
    expect(created.event).toMatchObject({ storyCount: 0, lastStoryAt: minute(0) });

    await store.putStory(makeStory({ id: hexId(1) }));
    const first = await store.addStoryToEvent("ceasefire", "ev1", hexId(1), "first", minute(0));
    const repeat = await store.addStoryToEvent("ceasefire", "ev1", hexId(1), "first", minute(5));
    expect(first.created).toBe(true);
    expect(repeat.created).toBe(false);
    expect(repeat.event.storyCount).toBe(1);
  });

  it("moves lastStoryAt forward only, and lists the event's stories oldest first", async () => {
    const store = await env.freshStore();
    await store.putEvent({ id: "ev1", storylineId: "sco", title: "Drills", startedAt: minute(0) });
    for (const [n, m, relation] of [
      [1, 0, "first"],
      [2, 20, "update"],
      [3, 10, "duplicate"],
    ] as const) {
      await store.putStory(makeStory({ id: hexId(n), title: `Story ${n}` }));
      await store.addStoryToEvent("sco", "ev1", hexId(n), relation, minute(m));
    }
    const event = await store.getEvent("ev1");
    expect(event).toMatchObject({ storyCount: 3, lastStoryAt: minute(20) });
    const members = await store.listEventStories("ev1");
    expect(members.map((m) => [m.storyId, m.relation, m.at])).toEqual([
      [hexId(1), "first", minute(0)],
      [hexId(3), "duplicate", minute(10)],
      [hexId(2), "update", minute(20)],
    ]);
    expect(members[1]?.story.title).toBe("Story 3");
  });

  it("lists a storyline's events newest first, page by page", async () => {
    const store = await env.freshStore();
    for (let i = 0; i < 5; i++) {
      await store.putEvent({ id: `ev${i}`, storylineId: "new-start", title: `E${i}`, startedAt: minute(i) });
    }
    await store.putEvent({ id: "other", storylineId: "sco", title: "X", startedAt: minute(3) });
    const first = await store.listEvents("new-start", { limit: 3 });
    const second = await store.listEvents("new-start", { limit: 3, cursor: first.cursor });
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(["ev4", "ev3", "ev2", "ev1", "ev0"]);
    expect(second.cursor).toBeNull();
    await expect(store.listEvents("sco", { cursor: first.cursor })).rejects.toThrow(/different list/);
  });

  it("gives the storyline's recent stories since a time, newest first, with text and fingerprint", async () => {
    const store = await env.freshStore();
    await store.putEvent({ id: "evA", storylineId: "ceasefire", title: "A", startedAt: minute(0) });
    await store.putEvent({ id: "evB", storylineId: "ceasefire", title: "B", startedAt: minute(30) });
    await store.putEvent({ id: "evS", storylineId: "sco", title: "S", startedAt: minute(0) });
    const add = async (n: number, event: string, storyline: string, m: number) => {
      await store.putStory(makeStory({ id: hexId(n), fingerprint: `fp${n}`, text: `Text ${n}` }));
      await store.addStoryToEvent(storyline, event, hexId(n), "first", minute(m));
    };
    await add(1, "evA", "ceasefire", 0);
    await add(2, "evA", "ceasefire", 10);
    await add(3, "evB", "ceasefire", 30);
    await add(4, "evS", "sco", 40);

    const recent = await store.recentStorylineStories("ceasefire", minute(5), 10);
    expect(recent.map((c) => [c.storyId, c.eventId])).toEqual([
      [hexId(3), "evB"],
      [hexId(2), "evA"],
    ]);
    expect(recent[0]?.story).toMatchObject({ fingerprint: "fp3", text: "Text 3" });
    expect((await store.recentStorylineStories("ceasefire", minute(0), 1)).map((c) => c.storyId)).toEqual([hexId(3)]);
  });

  it("refuses a missing event and an event of another storyline", async () => {
    const store = await env.freshStore();
    await store.putEvent({ id: "ev1", storylineId: "sco", title: "S", startedAt: minute(0) });
    await expect(store.addStoryToEvent("sco", "nope", hexId(1), "first", minute(1))).rejects.toBeInstanceOf(NotFound);
    const wrong = store.addStoryToEvent("ceasefire", "ev1", hexId(1), "first", minute(1));
    await expect(wrong).rejects.toBeInstanceOf(Conflict);
    await expect(wrong).rejects.toThrow(/belongs to storyline "sco"/);
    expect(await store.listEventStories("ev1")).toEqual([]);
  });
});
