import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalStore } from "@storywire/store/test-support/local-store";
import { makeFeed, makeStory } from "@storywire/store/test-support/records";
import { afterAll, describe, expect, it } from "vitest";
import { createDynamoClient } from "./client.ts";
import { StoreError } from "./errors.ts";
import { startLocalDynamo } from "./local.ts";
import { ensureTable } from "./table.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "storywire-store-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("local DynamoDB", () => {
  it("keeps data on disk across close and reopen of the same path", async () => {
    const path = join(tempDir(), "data");
    const first = await startLocalStore({ path, tableName: "persist" });
    await first.store.addFeed(makeFeed());
    await first.store.putStory(makeStory());
    await first.close();
    await first.close(); // closing twice is harmless

    const second = await startLocalStore({ path, tableName: "persist" });
    try {
      expect((await second.store.getFeed("f000000000000001"))?.url).toBe("https://news.example/feed.xml");
      expect((await second.store.listStories()).items.map((s) => s.id)).toEqual(["a000000000000001"]);
      expect(await second.store.putStory(makeStory())).toBe(false);
    } finally {
      await second.close();
    }
  });

  it("starts in memory on a random loopback port by default", async () => {
    const a = await startLocalDynamo();
    const b = await startLocalDynamo();
    try {
      expect(a.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(a.endpoint).not.toBe(b.endpoint);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("says so clearly when the port is taken", async () => {
    const a = await startLocalDynamo();
    try {
      const port = Number(new URL(a.endpoint).port);
      const attempt = startLocalDynamo({ port });
      await expect(attempt).rejects.toBeInstanceOf(StoreError);
      await expect(attempt).rejects.toThrow(`port ${port} is already in use`);
    } finally {
      await a.close();
    }
  });

  it("refuses a data directory another server is using", async () => {
    const path = tempDir();
    const a = await startLocalDynamo({ path });
    try {
      await expect(startLocalDynamo({ path })).rejects.toThrow(`${path} is in use by process ${process.pid}`);
    } finally {
      await a.close();
    }
    const again = await startLocalDynamo({ path }); // released on close
    await again.close();
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const path = tempDir();
    writeFileSync(join(path, "storywire.lock"), "999999999");
    const a = await startLocalDynamo({ path });
    await a.close();
  });

  it("says at start, naming the folder, when its data cannot be opened", async () => {
    const path = tempDir();
    writeFileSync(join(path, "CURRENT"), "MANIFEST-999999\n");
    await expect(startLocalDynamo({ path })).rejects.toThrow(
      new RegExp(`^The local DynamoDB could not open its data in ${path}: .*MANIFEST-999999`),
    );
    // The lock is released: the folder can be used once repaired.
    rmSync(join(path, "CURRENT"));
    const repaired = await startLocalDynamo({ path });
    await repaired.close();
  });

  it("opens an existing data folder again and again without failing (each open a fresh process's first)", async () => {
    const path = tempDir();
    const first = await startLocalDynamo({ path });
    const client = createDynamoClient({ endpoint: first.endpoint });
    await ensureTable(client, "storywire");
    client.destroy();
    await first.close();
    for (let i = 0; i < 20; i++) {
      const again = await startLocalDynamo({ path });
      await again.close();
    }
  });
});
