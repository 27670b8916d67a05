/**
 * dynalite-atomic.ts: every item write of the embedded DynamoDB reaches LevelDB as one batch (item and index entries
 * together), so a process killed at any instant leaves the table and its indexes agreeing, as DynamoDB would.
 */
import { createRequire } from "node:module";
import { makeFeed, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DynaliteStore } from "./dynalite-atomic.ts";
import type { Store } from "./types.ts";

interface RawWrite {
  kind: "put" | "del" | "batch";
  keys: string[];
}

const dynaliteDb = createRequire(import.meta.url)("dynalite/db/index.js") as {
  create(options: unknown): DynaliteStore;
};
let env: TestDynamo;
let store: Store;
const writes: RawWrite[] = [];

beforeAll(async () => {
  // Watch the LevelDB writes of the dynalite this file starts.
  const create = dynaliteDb.create;
  dynaliteDb.create = (options) => {
    const created = create(options);
    const level = created.db as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const kind of ["put", "del", "batch"] as const) {
      const original = level[kind]?.bind(level) as (...args: unknown[]) => unknown;
      level[kind] = (...args: unknown[]) => {
        const keys =
          kind === "batch" ? (args[0] as { key: string }[]).map((op) => op.key) : [String(args[0] as string)];
        writes.push({ kind, keys });
        return original(...args);
      };
    }
    return created;
  };
  try {
    env = await startTestDynamo();
  } finally {
    dynaliteDb.create = create;
  }
  store = await env.freshStore();
});
afterAll(() => env.close());

async function rawWritesOf(write: () => Promise<unknown>): Promise<RawWrite[]> {
  writes.length = 0;
  await write();
  return writes.filter((w) => w.keys.some((key) => key.startsWith("item-") || key.startsWith("index-")));
}

describe("the embedded DynamoDB writes an item and its index entries as one LevelDB batch", () => {
  it("a new item: the item and its entries in both indexes, one batch", async () => {
    const raw = await rawWritesOf(() => store.addFeed(makeFeed({ nextCheckAt: "2025-01-01T00:05:00.000Z" })));
    expect(raw).toHaveLength(1);
    expect(raw[0]?.kind).toBe("batch");
    expect(raw[0]?.keys.filter((k) => k.startsWith("index-global~"))).toHaveLength(2);
    expect(raw[0]?.keys.filter((k) => k.startsWith("item-"))).toHaveLength(1);
  });

  it("an update that moves an index key: the old entry's delete, the new entry and the item, one batch", async () => {
    const raw = await rawWritesOf(() =>
      store.updateFeedFetchState(makeFeed().id, { nextCheckAt: "2025-01-01T00:10:00.000Z", lastStatus: 304 }),
    );
    expect(raw).toHaveLength(1);
    expect(raw[0]?.keys.filter((k) => k.startsWith("index-global~"))).toHaveLength(3); // del gsi1, put gsi1, put gsi2
    // And the indexes agree with the item.
    expect((await store.listDueFeeds("2025-01-01T00:09:59.000Z")).map((f) => f.id)).toEqual([]);
    expect((await store.listDueFeeds("2025-01-01T00:10:00.000Z")).map((f) => f.id)).toEqual([makeFeed().id]);
  });

  it("a delete: the item and its index entries, one batch", async () => {
    const raw = await rawWritesOf(() => store.deleteFeed(makeFeed().id));
    expect(raw.filter((w) => w.keys.some((k) => k.includes(makeFeed().id) || k.startsWith("index-")))).toHaveLength(1);
    expect(await store.listFeeds()).toEqual([]);
    expect(await store.listDueFeeds("2030-01-01T00:00:00.000Z")).toEqual([]);
  });
});
