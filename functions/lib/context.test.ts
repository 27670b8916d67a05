import { describe, expect, it } from "vitest";
import { lambdaConfig } from "./context.ts";

describe("lambdaConfig (no SST links: the environment alone)", () => {
  it("reads the Lambda-only settings and the shared ones from the environment", async () => {
    const config = await lambdaConfig({
      STORYWIRE_TABLE: "t-1",
      STORYWIRE_FETCH_QUEUE_URL: "https://sqs.example/1/fetch",
      STORYWIRE_DELIVERY_QUEUE_URL: "https://sqs.example/1/deliver",
      STORYWIRE_ADMIN_KEY: "lambda-admin-key-0123456789",
      STORYWIRE_PREVIOUS_ADMIN_KEYS: "lambda-admin-key-before-0123",
      STORYWIRE_EMAIL_FROM: "alerts@example.org",
      STORYWIRE_PUBLIC_URL: "https://api.example//",
      STORYWIRE_ALLOW_PRIVATE_NETWORKS: "1",
      STORYWIRE_CLAIM_TIMEOUT: "30",
    });
    expect(config).toMatchObject({
      tableName: "t-1",
      fetchQueueUrl: "https://sqs.example/1/fetch",
      deliveryQueueUrl: "https://sqs.example/1/deliver",
      adminKey: "lambda-admin-key-0123456789",
      previousAdminKeys: ["lambda-admin-key-before-0123"],
      emailFrom: "alerts@example.org",
      publicUrl: "https://api.example",
      allowPrivateNetworks: true,
      claimTimeoutSeconds: 30,
    });
  });

  it("has safe defaults: private networks blocked, no queues, no email, no admin key", async () => {
    const config = await lambdaConfig({});
    expect(config).toMatchObject({ tableName: "storywire", allowPrivateNetworks: false, previousAdminKeys: [] });
    expect(config.fetchQueueUrl).toBeUndefined();
    expect(config.emailFrom).toBeUndefined();
    expect(config.adminKey).toBeUndefined();
  });

  it("fails the cold start on a value that is not one, naming the variable", async () => {
    await expect(lambdaConfig({ STORYWIRE_ALLOW_PRIVATE_NETWORKS: "yes" })).rejects.toThrow(
      /^STORYWIRE_ALLOW_PRIVATE_NETWORKS must be 1 or true \(on\), 0 or false \(off\); got "yes"/,
    );
    await expect(lambdaConfig({ STORYWIRE_POLL_INTERVAL: "5m" })).rejects.toThrow(
      /^STORYWIRE_POLL_INTERVAL must be a whole number from 1 to 86400; got "5m"/,
    );
  });
});
