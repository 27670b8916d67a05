/**
 * The store against a DynamoDB that is down, frozen or throttling (a fault proxy in front of dynalite): bounded
 * waits, StoreUnavailable (retryable) errors that say what happened, throttled writes retried by the SDK and never
 * lost, and full recovery when the store is back.
 */

import { type FaultProxy, startFaultProxy } from "@storywire/store/test-support/fault-proxy";
import {
  makeFeed,
  makeStory,
  startTestDynamo,
  TEST_SECRETS_KEY,
  type TestDynamo,
} from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoClient } from "./client.ts";
import { StoreUnavailable } from "./errors.ts";
import { createStore } from "./store.ts";
import { ensureTable } from "./table.ts";
import type { Store } from "./types.ts";

let env: TestDynamo;
let proxy: FaultProxy;
let client: ReturnType<typeof createDynamoClient>;
let store: Store;

beforeAll(async () => {
  env = await startTestDynamo();
  proxy = await startFaultProxy(env.dynamo.endpoint);
  await ensureTable(env.client, "faults");
  // Short timeouts keep the test quick; the defaults are 2 s / 4 s per attempt and 10 s per operation.
  client = createDynamoClient({ endpoint: proxy.endpoint, connectTimeoutMs: 300, requestTimeoutMs: 400 });
  store = createStore({
    client,
    tableName: "faults",
    operationTimeoutMs: 1_500,
    secrets: { current: TEST_SECRETS_KEY },
  });
});
afterAll(async () => {
  client.destroy();
  await proxy.close();
  await env.close();
});

async function timed<T>(work: Promise<T>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await work;
    return { error: null, ms: Date.now() - started };
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
}

describe("a store that is down, frozen or throttling", () => {
  it("answers StoreUnavailable quickly when the store is down, naming the cause", async () => {
    await proxy.setMode("down");
    const { error, ms } = await timed(store.getFeed("f000000000000001"));
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as StoreUnavailable).retryable).toBe(true);
    expect((error as Error).message).toMatch(
      /Reading feed f0+1 failed: DynamoDB could not be reached \(ECONNREFUSED\)/,
    );
    expect(ms).toBeLessThan(3_000);
    await proxy.setMode("pass");
  });

  it("gives up on a frozen store at the operation deadline instead of hanging", async () => {
    await proxy.setMode("frozen");
    const { error, ms } = await timed(store.putStory(makeStory({ id: "a0000000000000f1" })));
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toMatch(/did not complete it in time|throttling or unavailable \(TimeoutError\)/);
    expect(ms).toBeLessThan(2_500);
    await proxy.setMode("pass");
  });

  it("recovers fully when the store is back: the write that failed can be made, nothing is half-written", async () => {
    expect(await store.getStory("a0000000000000f1")).toBeNull();
    expect(await store.putStory(makeStory({ id: "a0000000000000f1" }))).toBe(true);
    expect((await store.getStory("a0000000000000f1"))?.id).toBe("a0000000000000f1");
  });

  it.each(["ThrottlingException", "ProvisionedThroughputExceededException"])(
    "retries %s with the SDK's backoff and the write lands",
    async (errorName) => {
      const throttledBefore = proxy.stats.throttled;
      proxy.throttleNext(3, { operation: "PutItem", error: errorName });
      const id = errorName === "ThrottlingException" ? "f0000000000000a1" : "f0000000000000a2";
      const patient = createDynamoClient({ endpoint: proxy.endpoint });
      const { created } = await createStore({ client: patient, tableName: "faults" }).addFeed(
        makeFeed({ id, url: `https://news.example/${id}` }),
      );
      patient.destroy();
      expect(created).toBe(true);
      expect(proxy.stats.throttled - throttledBefore).toBe(3);
      expect((await store.getFeed(id))?.id).toBe(id);
    },
  );

  it("reports throttling that outlasts the retries as StoreUnavailable, and writes nothing half-way", async () => {
    proxy.throttleNext(50, { operation: "PutItem" });
    const few = createDynamoClient({ endpoint: proxy.endpoint, maxAttempts: 2 });
    const impatient = createStore({ client: few, tableName: "faults" });
    const { error } = await timed(
      impatient.addFeed(makeFeed({ id: "f0000000000000a3", url: "https://news.example/a3" })),
    );
    few.destroy();
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toMatch(/throttling or unavailable \(ThrottlingException\) even after retries/);
    proxy.throttleNext(0);
    expect(await store.getFeed("f0000000000000a3")).toBeNull();
  });
});
