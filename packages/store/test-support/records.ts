/**
 * Test helpers (not exported from the package): one in-memory dynalite per test file on a random loopback port,
 * a fresh table per test, and record factories.
 */
import type { Feed, Story } from "@storywire/core";
import { createDynamoClient } from "../src/client.ts";
import { type LocalDynamo, startLocalDynamo } from "../src/local.ts";
import { createStore } from "../src/store.ts";
import { ensureTable } from "../src/table.ts";
import type { Store } from "../src/types.ts";

// The SDK warns once per process that Node 20 support ends in 2027; tests run on Node 20 here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export interface TestDynamo {
  dynamo: LocalDynamo;
  client: ReturnType<typeof createDynamoClient>;
  /** A store on a table of its own (created now). */
  freshStore(clock?: () => Date): Promise<Store>;
  close(): Promise<void>;
}

let tables = 0;

/** The admin key test stores encrypt subscription secrets under. */
export const TEST_SECRETS_KEY = "test-admin-key-for-secrets-at-rest";

export async function startTestDynamo(): Promise<TestDynamo> {
  const dynamo = await startLocalDynamo();
  const client = createDynamoClient({ endpoint: dynamo.endpoint, maxAttempts: 2 });
  return {
    dynamo,
    client,
    async freshStore(clock) {
      const tableName = `test-${process.pid}-${++tables}`;
      await ensureTable(client, tableName);
      return createStore({ client, tableName, secrets: { current: TEST_SECRETS_KEY }, ...(clock ? { clock } : {}) });
    },
    async close() {
      client.destroy();
      await dynamo.close();
    },
  };
}

/** A clock tests move by hand. */
export function manualClock(start: string): { now: () => Date; set(iso: string): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(iso) {
      current = new Date(iso);
    },
  };
}

export function hexId(n: number): string {
  return n.toString(16).padStart(16, "0");
}

export function makeFeed(overrides: Partial<Feed> = {}): Feed {
  return {
    id: "f000000000000001",
    url: "https://news.example/feed.xml",
    title: "Example News",
    createdAt: "2025-01-01T00:00:00.000Z",
    status: "active",
    etag: null,
    lastModified: null,
    lastCheckedAt: null,
    nextCheckAt: "2025-01-01T00:00:00.000Z",
    errorCount: 0,
    lastError: null,
    lastStatus: null,
    ...overrides,
  };
}

export function makeStory(overrides: Partial<Story> = {}): Story {
  return {
    id: "a000000000000001",
    key: "https://news.example/a/1",
    feedId: "f000000000000001",
    title: "Talks resume in Geneva",
    text: "Negotiators met again on Monday.\n\nBoth sides said progress was made.",
    url: "https://news.example/a/1",
    source: "Example News",
    author: null,
    language: "en",
    publishedAt: "2025-03-01T10:00:00.000Z",
    fetchedAt: "2025-03-01T10:05:00.000Z",
    fingerprint: "0123456789abcdef",
    ...overrides,
  };
}
