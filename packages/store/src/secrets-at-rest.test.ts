import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { startTestDynamo, TEST_SECRETS_KEY, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Conflict, NotFound } from "./errors.ts";
import { keys, PARTITIONS, timeSortKey } from "./keys.ts";
import { createStore } from "./store.ts";
import type { NewSubscription, Store } from "./types.ts";

let env: TestDynamo;
let doc: DynamoDBDocumentClient;
beforeAll(async () => {
  env = await startTestDynamo();
  doc = DynamoDBDocumentClient.from(env.client);
});
afterAll(() => env.close());

const SECRET = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
const NEXT = "whsec_ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";
const TOKEN = "feedtoken_0123456789abcdefghij";

function makeSubscription(id: string, overrides: Partial<NewSubscription> = {}): NewSubscription {
  return {
    id,
    storylines: ["ceasefire"],
    minScore: 0,
    filters: {},
    mode: "immediate",
    channel: { type: "webhook", url: "https://hooks.example/in" },
    secret: SECRET,
    feedToken: `${TOKEN}_${id}`,
    createdAt: "2025-01-01T00:00:00.000Z",
    ...overrides,
  };
}

async function raw(store: Store, id: string): Promise<Record<string, unknown>> {
  const result = await doc.send(new GetCommand({ TableName: store.tableName, Key: keys.subscription(id) }));
  return result.Item as Record<string, unknown>;
}

/** The same table opened with other keys (a restarted process, a rotated admin key). */
function reopen(store: Store, secrets?: { current: string; previous?: string[] }): Store {
  return createStore({ client: env.client, tableName: store.tableName, ...(secrets ? { secrets } : {}) });
}

describe("subscription secrets at rest", () => {
  it("stores the signing secret and the feed token encrypted, and indexes the token by its digest", async () => {
    const store = await env.freshStore();
    const { subscription } = await store.createSubscription(makeSubscription("s1"));
    expect(subscription.secret).toBe(SECRET);
    const item = await raw(store, "s1");
    const text = JSON.stringify(item);
    expect(text).not.toContain(SECRET.slice(6));
    expect(text).not.toContain(TOKEN);
    expect(item.secret).toMatch(/^swenc:v1:[0-9a-f]{8}:/);
    expect(item.feedToken).toMatch(/^swenc:v1:/);
    expect(await store.getSubscription("s1")).toMatchObject({ secret: SECRET, feedToken: `${TOKEN}_s1` });
    expect((await store.getSubscriptionByFeedToken(`${TOKEN}_s1`))?.id).toBe("s1");
    expect(await reopen(store, { current: TEST_SECRETS_KEY }).getSubscription("s1")).toMatchObject({ secret: SECRET });
  });

  it("refuses to store or read secrets without the key, and says which key is missing", async () => {
    const store = await env.freshStore();
    await store.createSubscription(makeSubscription("s1"));
    const keyless = reopen(store);
    await expect(keyless.createSubscription(makeSubscription("s2"))).rejects.toThrow(/without the admin key/);
    const read = await keyless.getSubscription("s1");
    expect(() => read?.secret).toThrow(/without the admin key/);
    const wrongKey = await reopen(store, { current: "another-admin-key-0123" }).getSubscription("s1");
    expect(() => wrongKey?.secret).toThrow(/encrypted under another admin key .*PREVIOUS_ADMIN_KEYS/);
  });

  it("lets a process without the key (the ingest step's fan-out) read everything but the secrets", async () => {
    const store = await env.freshStore();
    await store.createSubscription(makeSubscription("s1", { minScore: 0.4 }));
    const [listed] = await reopen(store).listSubscriptions();
    expect(listed).toMatchObject({ id: "s1", storylines: ["ceasefire"], minScore: 0.4, status: "active" });
    expect(JSON.stringify(await raw(store, "s1"))).not.toContain(SECRET.slice(6));
  });

  it("after the admin key is rotated, reads with the previous key and re-encrypts under the new one", async () => {
    const store = await env.freshStore();
    await store.createSubscription(makeSubscription("s1"));
    const before = String((await raw(store, "s1")).secret).split(":")[2];
    const rotated = reopen(store, { current: "the-new-admin-key-0123", previous: [TEST_SECRETS_KEY] });
    expect((await rotated.getSubscription("s1"))?.secret).toBe(SECRET);
    const after = String((await raw(store, "s1")).secret).split(":")[2];
    expect(after).not.toBe(before);
    // The old key is no longer needed.
    expect((await reopen(store, { current: "the-new-admin-key-0123" }).getSubscription("s1"))?.secret).toBe(SECRET);
  });

  it("reads records written in plaintext before encryption, then encrypts them in place", async () => {
    const store = await env.freshStore();
    const legacyToken = `${TOKEN}_legacy`;
    await doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: {
          ...makeSubscription("old1", { feedToken: legacyToken }),
          status: "active",
          failingSince: null,
          disabledAt: null,
          disabledReason: null,
          lastDeliveryAt: null,
          ...keys.subscription("old1"),
          entity: "subscription",
          gsi1pk: PARTITIONS.allSubscriptions,
          gsi1sk: timeSortKey("2025-01-01T00:00:00.000Z", "old1"),
          gsi2pk: PARTITIONS.feedToken(legacyToken),
          gsi2sk: "SUB",
        },
      }),
    );
    expect((await store.getSubscriptionByFeedToken(legacyToken))?.secret).toBe(SECRET);
    const item = await raw(store, "old1");
    expect(item.secret).toMatch(/^swenc:v1:/);
    expect(JSON.stringify(item)).not.toContain(legacyToken);
    expect((await store.getSubscriptionByFeedToken(legacyToken))?.id).toBe("old1");
  });

  it("does not open a sealed value moved to another record", async () => {
    const store = await env.freshStore();
    await store.createSubscription(makeSubscription("a1"));
    await store.createSubscription(makeSubscription("b1", { secret: NEXT }));
    const moved = (await raw(store, "a1")).secret;
    const b = await raw(store, "b1");
    await doc.send(new PutCommand({ TableName: store.tableName, Item: { ...b, secret: moved } }));
    const b1 = await store.getSubscription("b1");
    expect(() => b1?.secret).toThrow(/does not verify/);
  });
});

describe("secret rotation", () => {
  it("keeps the old secret signing until the grace period ends", async () => {
    const store = await env.freshStore();
    await store.createSubscription(makeSubscription("s1"));
    const rotated = await store.rotateSubscriptionSecret("s1", {
      secret: NEXT,
      previousValidUntil: "2025-01-02T00:00:00.000Z",
      now: "2025-01-01T00:00:00.000Z",
    });
    expect(rotated).toMatchObject({
      secret: NEXT,
      previousSecret: SECRET,
      previousSecretExpiresAt: "2025-01-02T00:00:00.000Z",
      secretRotatedAt: "2025-01-01T00:00:00.000Z",
    });
    expect(JSON.stringify(await raw(store, "s1"))).not.toContain(NEXT.slice(6));
    const immediate = await store.rotateSubscriptionSecret("s1", {
      secret: SECRET,
      previousValidUntil: "2025-01-01T00:00:00.000Z",
      now: "2025-01-01T00:00:00.000Z",
    });
    expect(immediate).toMatchObject({ secret: SECRET, previousSecret: null, previousSecretExpiresAt: null });
  });

  it("of two rotations at the same moment, one wins and the other is a Conflict", async () => {
    const store = await env.freshStore();
    await store.createSubscription(makeSubscription("s1"));
    const rotate = (secret: string) =>
      store.rotateSubscriptionSecret("s1", { secret, previousValidUntil: "2030-01-01T00:00:00Z" });
    const results = await Promise.allSettled([rotate(NEXT), rotate(SECRET.replace("MDEy", "OTk5"))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(Conflict);
    expect(String(failed.reason.message)).toMatch(/rotated by another request at the same moment/);
    await expect(
      store.rotateSubscriptionSecret("nope", { secret: NEXT, previousValidUntil: "2030-01-01T00:00:00Z" }),
    ).rejects.toBeInstanceOf(NotFound);
  });
});

describe("listSubscriptionsPage", () => {
  it("walks every subscription, disabled ones included, oldest first, without repeats", async () => {
    const store = await env.freshStore();
    for (let i = 0; i < 7; i++) {
      await store.createSubscription(makeSubscription(`p${i}`, { createdAt: `2025-01-0${i + 1}T00:00:00.000Z` }));
    }
    await store.updateSubscriptionHealth("p3", { disabledAt: "2025-02-01T00:00:00Z", disabledReason: "HTTP 410" });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.listSubscriptionsPage({ limit: 3, cursor });
      seen.push(...page.items.map((s) => s.id));
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toEqual(["p0", "p1", "p2", "p3", "p4", "p5", "p6"]);
  });
});
