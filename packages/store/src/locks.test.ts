import { startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_RECENT_IDS } from "./locks.ts";
import type { Store } from "./types.ts";

let env: TestDynamo;
let store: Store;
beforeAll(async () => {
  env = await startTestDynamo();
  store = await env.freshStore();
});
afterAll(() => env.close());

const T0 = "2026-11-25T12:00:00.000Z";
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

describe("named leases", () => {
  it("lets exactly one of many concurrent workers take a lock", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.acquireLock("storyline-a", `w${i}`, T0, 30_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("frees the lock on release, and only the owner can release it", async () => {
    await store.acquireLock("storyline-b", "one", T0, 30_000);
    expect(await store.releaseLock("storyline-b", "two", ["e/x"])).toBe(false);
    expect(await store.acquireLock("storyline-b", "two", at(1), 30_000)).toBeNull();
    expect(await store.releaseLock("storyline-b", "one", ["e1/s1"])).toBe(true);
    expect(await store.acquireLock("storyline-b", "two", at(2), 30_000)).toEqual({ recent: ["e1/s1"] });
  });

  it("is taken over when its holder's lease ran out (the holder died)", async () => {
    await store.acquireLock("storyline-c", "dead", T0, 30_000);
    expect(await store.acquireLock("storyline-c", "next", at(10), 30_000)).toBeNull();
    expect(await store.acquireLock("storyline-c", "next", at(31), 30_000)).not.toBeNull();
    expect(await store.releaseLock("storyline-c", "dead")).toBe(false);
  });

  it(`remembers the last ${LOCK_RECENT_IDS} placed ids, newest last`, async () => {
    for (let i = 0; i < LOCK_RECENT_IDS + 5; i++) {
      expect(await store.acquireLock("storyline-d", `w${i}`, at(i), 30_000)).not.toBeNull();
      await store.releaseLock("storyline-d", `w${i}`, [`e/${i}`]);
    }
    const got = await store.acquireLock("storyline-d", "last", at(1000), 30_000);
    expect(got?.recent).toHaveLength(LOCK_RECENT_IDS);
    expect(got?.recent.at(-1)).toBe(`e/${LOCK_RECENT_IDS + 4}`);
    expect(got?.recent[0]).toBe("e/5");
  });
});
