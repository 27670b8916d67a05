import { startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInput, NotFound } from "./errors.ts";
import type { NewSubscription } from "./types.ts";

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

function makeSubscription(id: string, overrides: Partial<NewSubscription> = {}): NewSubscription {
  return {
    id,
    storylines: ["ceasefire"],
    minScore: 0.5,
    filters: { excludeLabels: ["state-media-echo"], maxAnonymousShare: 0.5 },
    mode: "immediate",
    channel: { type: "webhook", url: "https://hooks.example/in" },
    secret: "whsec_c2VjcmV0",
    feedToken: `tok_${id}_0123456789abcdef0123`,
    createdAt: "2025-01-01T00:00:00.000Z",
    ...overrides,
  };
}

describe("subscriptions", () => {
  it("creates, reads and finds a subscription by its feed token", async () => {
    const store = await env.freshStore();
    const { subscription, created } = await store.createSubscription(makeSubscription("sub1"));
    expect(created).toBe(true);
    expect(subscription).toMatchObject({
      status: "active",
      failingSince: null,
      disabledAt: null,
      lastDeliveryAt: null,
    });
    expect(await store.getSubscription("sub1")).toEqual(subscription);
    expect(await store.getSubscriptionByFeedToken(subscription.feedToken)).toEqual(subscription);
    expect((await store.createSubscription(makeSubscription("sub1", { minScore: 0.9 }))).created).toBe(false);
    expect((await store.getSubscription("sub1"))?.minScore).toBe(0.5);
  });

  it.each([["short"], ["tok#with#hash_0123456789"], [""], ["a".repeat(300)]])(
    "finds nothing for the malformed or unknown feed token %j",
    async (token) => {
      const store = await env.freshStore();
      await store.createSubscription(makeSubscription("sub1"));
      expect(await store.getSubscriptionByFeedToken(token)).toBeNull();
    },
  );

  it("lists active subscriptions oldest first; disabled ones only on request", async () => {
    const store = await env.freshStore();
    await store.createSubscription(makeSubscription("b", { createdAt: "2025-01-02T00:00:00Z" }));
    await store.createSubscription(makeSubscription("a", { createdAt: "2025-01-03T00:00:00Z" }));
    await store.createSubscription(makeSubscription("c", { createdAt: "2025-01-01T00:00:00Z" }));
    await store.updateSubscriptionHealth("a", { disabledAt: "2025-02-01T00:00:00Z", disabledReason: "HTTP 410" });
    expect((await store.listSubscriptions()).map((s) => s.id)).toEqual(["c", "b"]);
    expect((await store.listSubscriptions({ includeDisabled: true })).map((s) => s.id)).toEqual(["c", "b", "a"]);
  });

  it("records health: failing, disabled, re-enabled", async () => {
    const store = await env.freshStore();
    await store.createSubscription(makeSubscription("sub1"));
    const failing = await store.updateSubscriptionHealth("sub1", { failingSince: "2025-01-05T00:00:00Z" });
    expect(failing).toMatchObject({ status: "active", failingSince: "2025-01-05T00:00:00.000Z" });
    const disabled = await store.updateSubscriptionHealth("sub1", {
      disabledAt: "2025-01-08T00:00:00Z",
      disabledReason: "Failing for 3 days",
    });
    expect(disabled).toMatchObject({ status: "disabled", disabledReason: "Failing for 3 days" });
    const back = await store.updateSubscriptionHealth("sub1", {
      disabledAt: null,
      disabledReason: null,
      failingSince: null,
      lastDeliveryAt: "2025-01-09T00:00:00Z",
    });
    expect(back).toMatchObject({
      status: "active",
      disabledAt: null,
      failingSince: null,
      lastDeliveryAt: "2025-01-09T00:00:00.000Z",
    });
    await expect(store.updateSubscriptionHealth("nope", { failingSince: null })).rejects.toBeInstanceOf(NotFound);
  });

  it("deletes a subscription", async () => {
    const store = await env.freshStore();
    await store.createSubscription(makeSubscription("sub1"));
    expect(await store.deleteSubscription("sub1")).toBe(true);
    expect(await store.deleteSubscription("sub1")).toBe(false);
    expect(await store.getSubscription("sub1")).toBeNull();
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it.each([
    ["a guessable feed token", makeSubscription("s", { feedToken: "abc" }), /too short to be unguessable/],
    [
      "an unknown mode",
      makeSubscription("s", { mode: "weekly" as never }),
      /mode must be one of immediate, hourly, daily/,
    ],
    [
      "an unknown channel",
      makeSubscription("s", { channel: { type: "pager" as never } }),
      /channel type must be one of/,
    ],
    [
      "storylines that are not a list",
      makeSubscription("s", { storylines: "sco" as never }),
      /storylines must be a list/,
    ],
  ])("refuses %s", async (_name, input, message) => {
    const store = await env.freshStore();
    const attempt = store.createSubscription(input);
    await expect(attempt).rejects.toBeInstanceOf(InvalidInput);
    await expect(attempt).rejects.toThrow(message);
  });
});
