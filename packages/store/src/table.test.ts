import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoClient } from "./client.ts";
import { InvalidInput, StoreError } from "./errors.ts";
import { createStore } from "./store.ts";
import { ensureTable, tableDefinition } from "./table.ts";

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

describe("ensureTable", () => {
  it("creates the table once, with the keys and indexes of schema.ts", async () => {
    expect(await ensureTable(env.client, "ensure-once")).toEqual({ created: true });
    expect(await ensureTable(env.client, "ensure-once")).toEqual({ created: false });
    const definition = tableDefinition("x");
    expect(definition.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(["gsi1", "gsi2"]);
    expect(definition.BillingMode).toBe("PAY_PER_REQUEST");
  });

  it("creates it once when several processes race", async () => {
    const results = await Promise.all([1, 2, 3].map(() => ensureTable(env.client, "ensure-race")));
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it("refuses a table of that name with another layout, saying what differs", async () => {
    await env.client.send(
      new CreateTableCommand({
        TableName: "legacy",
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      }),
    );
    const attempt = ensureTable(env.client, "legacy");
    await expect(attempt).rejects.toBeInstanceOf(StoreError);
    await expect(attempt).rejects.toThrow(/its key is \(id:HASH\) instead of \(pk, sk\); index gsi1 is missing/);
  });

  it("refuses an invalid table name", async () => {
    await expect(ensureTable(env.client, "a")).rejects.toBeInstanceOf(InvalidInput);
    expect(() => createStore({ client: env.client, tableName: "bad name" })).toThrow(/not valid/);
  });

  it("a store on a missing table fails with a sentence that says how to fix it", async () => {
    const store = createStore({ client: env.client, tableName: "never-created" });
    await expect(store.getFeed("f1")).rejects.toThrow(
      /Reading feed f1 failed: the table "never-created" does not exist at this DynamoDB endpoint\. Create it with ensureTable\(\)/,
    );
  });

  it("an unreachable endpoint is a retryable StoreUnavailable naming the cause", async () => {
    const client = createDynamoClient({ endpoint: "http://127.0.0.1:1", maxAttempts: 1 });
    try {
      const attempt = createStore({ client, tableName: "any-table" }).getStory("s1");
      await expect(attempt).rejects.toMatchObject({ name: "StoreUnavailable", retryable: true });
      await expect(attempt).rejects.toThrow(/Reading story s1 failed: DynamoDB could not be reached \(ECONNREFUSED\)/);
    } finally {
      client.destroy();
    }
  });
});

describe("createDynamoClient", () => {
  it.each([["not a url"], ["ftp://127.0.0.1:8000"]])("refuses the endpoint %j", (endpoint) => {
    expect(() => createDynamoClient({ endpoint })).toThrow(InvalidInput);
  });

  it("signs with the normal credentials for an https endpoint that is not local", async () => {
    const previous = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = "AKIAEXAMPLE";
    process.env.AWS_SECRET_ACCESS_KEY = "example-secret";
    const client = createDynamoClient({
      endpoint: "https://vpce-1.dynamodb.eu-west-1.vpce.amazonaws.com",
      region: "eu-west-1",
    });
    try {
      expect((await client.config.credentials()).accessKeyId).toBe("AKIAEXAMPLE");
    } finally {
      client.destroy();
      for (const [name, value] of [
        ["AWS_ACCESS_KEY_ID", previous.id],
        ["AWS_SECRET_ACCESS_KEY", previous.secret],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it("uses dummy credentials for a local endpoint", async () => {
    const client = createDynamoClient({ endpoint: "http://127.0.0.1:8000", region: "eu-west-1" });
    try {
      expect(await client.config.region()).toBe("eu-west-1");
      expect((await client.config.credentials()).accessKeyId).toBe("local");
    } finally {
      client.destroy();
    }
  });
});
