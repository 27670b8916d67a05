import { describe, expect, it } from "vitest";
import { numberSetting, settings } from "./context.ts";

describe("settings (no SST links: the environment fallbacks)", () => {
  it("reads every setting from the environment", async () => {
    const s = await settings({
      STORYWIRE_TABLE: "t",
      STORYWIRE_FETCH_QUEUE_URL: "https://sqs.example/1/fetch",
      STORYWIRE_DELIVERY_QUEUE_URL: "https://sqs.example/1/deliver",
      STORYWIRE_ADMIN_KEY: "k",
      STORYWIRE_EMAIL_FROM: "alerts@example.org",
      STORYWIRE_PUBLIC_URL: "https://api.example//",
      STORYWIRE_DYNAMO_ENDPOINT: "http://127.0.0.1:4567",
      STORYWIRE_ALLOW_PRIVATE_NETWORKS: "1",
      STORYWIRE_POLL_INTERVAL: "60",
      STORYWIRE_FULLTEXT_BUDGET: "0",
      STORYWIRE_RATE_LIMIT_PER_KEY: "100",
      STORYWIRE_RATE_LIMIT_PER_ADDRESS: "0",
      STORYWIRE_RATE_LIMIT_WINDOW: "10",
      STORYWIRE_RATE_LIMIT_LOOPBACK: "1",
      STORYWIRE_LIST_CACHE_MS: "0",
      STORYWIRE_SEARCH_WORDS: "40",
      STORYWIRE_PREVIOUS_ADMIN_KEY: "old",
      STORYWIRE_CLAIM_TIMEOUT: "30",
    });
    expect(s).toEqual({
      tableName: "t",
      fetchQueueUrl: "https://sqs.example/1/fetch",
      deliveryQueueUrl: "https://sqs.example/1/deliver",
      adminKey: "k",
      previousAdminKey: "old",
      emailFrom: "alerts@example.org",
      publicUrl: "https://api.example",
      dynamoEndpoint: "http://127.0.0.1:4567",
      allowPrivateNetworks: true,
      pollIntervalMs: 60_000,
      fullTextBudget: 0,
      listCacheMs: 0,
      searchWords: 40,
      rateLimit: { perKey: 100, perAddress: 0, windowSeconds: 10, limitLoopback: true },
      claimTimeoutMs: 30_000,
    });
  });

  it("reads the bundled storylines file's path (set by the deploy, relative to the task root)", async () => {
    expect((await settings({ STORYWIRE_STORYLINES: " storylines.json " })).storylinesFile).toBe("storylines.json");
    expect((await settings({ STORYWIRE_STORYLINES: "" })).storylinesFile).toBeUndefined();
  });

  it("has safe defaults: private networks blocked, 5-minute polls, ten article pages per check", async () => {
    const s = await settings({});
    expect(s).toMatchObject({
      tableName: "storywire",
      fetchQueueUrl: "",
      allowPrivateNetworks: false,
      pollIntervalMs: 300_000,
      fullTextBudget: 10,
      listCacheMs: 1000,
      searchWords: 600,
      rateLimit: { perKey: 600, perAddress: 300, windowSeconds: 60, limitLoopback: false },
      claimTimeoutMs: 60_000,
    });
    expect(s.dynamoEndpoint).toBeUndefined();
  });

  it.each([
    ["STORYWIRE_POLL_INTERVAL", "5m"],
    ["STORYWIRE_POLL_INTERVAL", "0"],
    ["STORYWIRE_FULLTEXT_BUDGET", "-1"],
    ["STORYWIRE_FULLTEXT_BUDGET", "2.5"],
    ["STORYWIRE_RATE_LIMIT_WINDOW", "0"],
  ])("refuses %s=%s with a message naming the variable and the range", async (name, value) => {
    await expect(settings({ [name]: value })).rejects.toThrow(new RegExp(`^${name} must be a whole number from`));
  });
});

describe("numberSetting", () => {
  const range = { min: 1, max: 10 };
  it.each([
    [undefined, 7],
    ["", 7],
    ["  ", 7],
    ["3", 3],
    [" 10 ", 10],
  ])("%j -> %s", (raw, expected) => {
    expect(numberSetting({ X: raw }, "X", 7, range)).toBe(expected);
  });

  it.each(["11", "0", "NaN", "1e9", "three"])("%j is refused", (raw) => {
    expect(() => numberSetting({ X: raw }, "X", 7, range)).toThrow(
      `X must be a whole number from 1 to 10; got "${raw}".`,
    );
  });
});
