import { hexId, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergeSeen, SEEN_ITEMS_LIMIT } from "./seen-items.ts";

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

describe("mergeSeen", () => {
  it("moves the ids just seen to the end, keeps the rest in order, and keeps only the newest", () => {
    expect(mergeSeen(["a", "b", "c"], ["b", "d"])).toEqual(["a", "c", "b", "d"]);
    expect(mergeSeen(["a", "b", "c"], ["d", "e"], 3)).toEqual(["c", "d", "e"]);
    expect(mergeSeen([], ["x", "x"])).toEqual(["x"]);
  });
});

describe("seen items", () => {
  it("a feed without a record says so; a record reads back what was written", async () => {
    const store = await env.freshStore();
    expect(await store.getSeenItems("feed1")).toEqual({ ids: [], exists: false });
    await store.recordSeenItems("feed1", [hexId(1), hexId(2)]);
    expect(await store.getSeenItems("feed1")).toEqual({ ids: [hexId(1), hexId(2)], exists: true });
    expect(await store.getFeed("feed1")).toBeNull(); // a record of its own, not a feed
  });

  it("stays bounded: the newest SEEN_ITEMS_LIMIT ids", async () => {
    const store = await env.freshStore();
    const ids = Array.from({ length: SEEN_ITEMS_LIMIT + 50 }, (_, i) => hexId(i + 1));
    await store.recordSeenItems("feed1", ids.slice(0, 600));
    await store.recordSeenItems("feed1", ids.slice(600));
    const seen = await store.getSeenItems("feed1");
    expect(seen.ids).toHaveLength(SEEN_ITEMS_LIMIT);
    expect(seen.ids.at(-1)).toBe(ids.at(-1));
    expect(seen.ids).not.toContain(ids[0]);
  });

  it("concurrent writers merge: no id is lost", async () => {
    const store = await env.freshStore();
    await Promise.all(
      Array.from({ length: 5 }, (_, w) => store.recordSeenItems("feed1", [hexId(100 + w), hexId(200 + w)])),
    );
    const seen = await store.getSeenItems("feed1");
    expect(new Set(seen.ids).size).toBe(10);
  });

  it("refuses ids that cannot be keys", async () => {
    const store = await env.freshStore();
    await expect(store.recordSeenItems("feed1", ["a#b"])).rejects.toThrow(/contains "#"/);
  });
});
