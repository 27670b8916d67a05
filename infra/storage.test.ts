import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { TABLE_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from "../packages/store/src/schema.ts";
import { loadSstApp } from "./testing/load-app.ts";
import { removeSstStandIns } from "./testing/sst-stand-ins.ts";

afterAll(removeSstStandIns);

async function tableArgs() {
  const { recorder } = await loadSstApp("dev");
  return recorder.get("sst.aws.Dynamo", "StoryTable").args;
}

describe("StoryTable matches packages/store/src/schema.ts", () => {
  it("uses the schema's partition and sort key as the primary index", async () => {
    expect((await tableArgs()).primaryIndex).toEqual({ hashKey: TABLE_KEYS.partition, rangeKey: TABLE_KEYS.sort });
  });

  it("has exactly the schema's global indexes, with their keys and all attributes projected", async () => {
    const indexes = (await tableArgs()).globalIndexes as Record<string, Record<string, unknown>>;
    expect(Object.keys(indexes).sort()).toEqual(TABLE_INDEXES.map((index) => index.name).sort());
    for (const index of TABLE_INDEXES) {
      expect(indexes[index.name]).toEqual({ hashKey: index.partition, rangeKey: index.sort });
      // No `projection` means "all": the store reads whole items from its index queries.
      expect(indexes[index.name]?.projection ?? "all").toBe("all");
    }
  });

  it("declares every key attribute as a string, and nothing else", async () => {
    const keyNames = [TABLE_KEYS.partition, TABLE_KEYS.sort, ...TABLE_INDEXES.flatMap((i) => [i.partition, i.sort])];
    expect((await tableArgs()).fields).toEqual(Object.fromEntries(keyNames.map((name) => [name, "string"])));
  });

  it("expires items through the schema's TTL attribute and has no stream (dynalite has none)", async () => {
    const args = await tableArgs();
    expect(args.ttl).toBe(TTL_ATTRIBUTE);
    expect(args.stream).toBeUndefined();
  });
});

describe("StoryTable follows the schema when it changes", () => {
  afterEach(() => {
    vi.doUnmock("../packages/store/src/schema.ts");
  });

  it("adds an index the store adds", async () => {
    vi.doMock("../packages/store/src/schema.ts", () => ({
      TABLE_KEYS,
      TTL_ATTRIBUTE: "expiresAt",
      TABLE_INDEXES: [...TABLE_INDEXES, { name: "gsi3", partition: "gsi3pk", sort: "gsi3sk" }],
    }));
    const args = await tableArgs();
    expect(args.globalIndexes).toMatchObject({ gsi3: { hashKey: "gsi3pk", rangeKey: "gsi3sk" } });
    expect(args.fields).toMatchObject({ gsi3pk: "string", gsi3sk: "string" });
    expect(args.ttl).toBe("expiresAt");
  });
});
