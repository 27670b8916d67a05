/**
 * The embedded store called in process answers each kind of request the store makes exactly as the AWS SDK over HTTP
 * does against the same dynalite: the same items, the same pages, the same failures (name and message).
 */
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoClient } from "./client.ts";
import type { DocumentSender } from "./db.ts";
import { type LocalDynamo, startLocalDynamo } from "./local.ts";
import { ensureTable } from "./table.ts";

type Send = (command: object) => Promise<unknown>;

/**
 * An answer without what only says how it travelled (request metadata, capacity), a batch get's items in key order
 * (DynamoDB returns them in no particular order).
 */
function answer(output: unknown): unknown {
  const { $metadata: _m, ConsumedCapacity: _c, ...rest } = output as Record<string, unknown>;
  const responses = rest.Responses as Record<string, { sk: string }[]> | undefined;
  for (const items of Object.values(responses ?? {})) items.sort((a, b) => a.sk.localeCompare(b.sk));
  return rest;
}

async function outcome(send: Send, command: object): Promise<unknown> {
  try {
    return { ok: answer(await send(command)) };
  } catch (error) {
    const { name, message } = error as Error;
    return { failed: { name, message } };
  }
}

/** `value` with the table name `from` written `to`, in keys and strings; everything else as it is. */
function renamed(value: unknown, from: string, to: string): unknown {
  if (typeof value === "string") return value.replaceAll(from, to);
  if (Array.isArray(value)) return value.map((v) => renamed(v, from, to));
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replaceAll(from, to), renamed(v, from, to)]));
}

const big = "x".repeat(410 * 1024);
const item = (n: number, extra: Record<string, unknown> = {}) => ({
  pk: "list#a",
  sk: `2026-01-01T00:00:${String(n).padStart(2, "0")}.000Z#${n}`,
  gsi1pk: "due",
  gsi1sk: String(1000 - n),
  n,
  ...extra,
});

/** Each step: a name and the command for a table. Run in order on both tables; each step's outcome must agree. */
const steps: [string, (table: string) => object][] = [
  [
    "a conditional put of a new item",
    (t) => new PutCommand({ TableName: t, Item: item(1), ConditionExpression: "attribute_not_exists(pk)" }),
  ],
  [
    "the same put again (condition fails)",
    (t) => new PutCommand({ TableName: t, Item: item(1), ConditionExpression: "attribute_not_exists(pk)" }),
  ],
  [
    "a consistent get",
    (t) => new GetCommand({ TableName: t, Key: { pk: "list#a", sk: item(1).sk }, ConsistentRead: true }),
  ],
  ["a get of nothing", (t) => new GetCommand({ TableName: t, Key: { pk: "list#a", sk: "nothing" } })],
  [
    "every kind of value, undefined left out",
    (t) =>
      new PutCommand({
        TableName: t,
        Item: item(2, {
          text: "ü — “quoted”\u2028",
          zero: 0,
          float: 0.125,
          negative: -7,
          yes: true,
          none: null,
          list: [1, "two", { three: [3] }],
          map: { a: { b: { c: "d" } }, empty: {} },
          set: new Set(["x", "y"]),
          numbers: new Set([1, 2]),
          bytes: new Uint8Array([0, 1, 2, 255]),
          missing: undefined,
        }),
      }),
  ],
  [
    "them read back",
    (t) => new GetCommand({ TableName: t, Key: { pk: "list#a", sk: item(2).sk }, ConsistentRead: true }),
  ],
  [
    "an update returning the new item",
    (t) =>
      new UpdateCommand({
        TableName: t,
        Key: { pk: "list#a", sk: item(1).sk },
        UpdateExpression: "SET #s = :s ADD #c :one REMOVE #g",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#s": "state", "#c": "count", "#g": "gsi1pk" },
        ExpressionAttributeValues: { ":s": "claimed", ":one": 1 },
        ReturnValues: "ALL_NEW",
      }),
  ],
  [
    "an update whose condition fails",
    (t) =>
      new UpdateCommand({
        TableName: t,
        Key: { pk: "list#a", sk: item(1).sk },
        UpdateExpression: "SET #s = :s",
        ConditionExpression: "#s = :other",
        ExpressionAttributeNames: { "#s": "state" },
        ExpressionAttributeValues: { ":s": "x", ":other": "free" },
      }),
  ],
  [
    "25 writes in one batch",
    (t) =>
      new BatchWriteCommand({
        RequestItems: { [t]: Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: item(10 + i) } })) },
      }),
  ],
  [
    "26 writes in one batch (refused)",
    (t) =>
      new BatchWriteCommand({
        RequestItems: { [t]: Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: item(10 + i) } })) },
      }),
  ],
  [
    "a batch of puts and deletes",
    (t) =>
      new BatchWriteCommand({
        RequestItems: {
          [t]: [
            { DeleteRequest: { Key: { pk: "list#a", sk: item(10).sk } } },
            { PutRequest: { Item: item(40, { extra: "yes" }) } },
          ],
        },
      }),
  ],
  [
    "a page of the list, newest first",
    (t) =>
      new QueryCommand({
        TableName: t,
        KeyConditionExpression: "pk = :p AND sk < :before",
        ExpressionAttributeValues: { ":p": "list#a", ":before": "2026-01-01T00:00:30" },
        ScanIndexForward: false,
        Limit: 5,
      }),
  ],
  [
    "the next page from a start key",
    (t) =>
      new QueryCommand({
        TableName: t,
        KeyConditionExpression: "pk = :p",
        ExpressionAttributeValues: { ":p": "list#a" },
        ExclusiveStartKey: { pk: "list#a", sk: item(20).sk },
        Limit: 3,
      }),
  ],
  [
    "a page of an index with a filter and a projection",
    (t) =>
      new QueryCommand({
        TableName: t,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :due AND gsi1sk <= :now",
        FilterExpression: "n > :min",
        ProjectionExpression: "pk, sk, n",
        ExpressionAttributeValues: { ":due": "due", ":now": "980", ":min": 25 },
        Limit: 10,
      }),
  ],
  [
    "a batch get",
    (t) =>
      new BatchGetCommand({
        RequestItems: {
          [t]: {
            Keys: [
              { pk: "list#a", sk: item(11).sk },
              { pk: "list#a", sk: item(2).sk },
            ],
            ConsistentRead: true,
          },
        },
      }),
  ],
  [
    "a delete returning the old item",
    (t) => new DeleteCommand({ TableName: t, Key: { pk: "list#a", sk: item(12).sk }, ReturnValues: "ALL_OLD" }),
  ],
  [
    "a conditional delete that fails",
    (t) =>
      new DeleteCommand({
        TableName: t,
        Key: { pk: "list#a", sk: item(13).sk },
        ConditionExpression: "n = :n",
        ExpressionAttributeValues: { ":n": 99 },
      }),
  ],
  ["an item over 400 KB", (t) => new PutCommand({ TableName: t, Item: item(50, { text: big }) })],
  ["an empty key", (t) => new GetCommand({ TableName: t, Key: { pk: "", sk: "x" } })],
  ["a key missing its sort key", (t) => new GetCommand({ TableName: t, Key: { pk: "list#a" } })],
  ["a bad expression", (t) => new QueryCommand({ TableName: t, KeyConditionExpression: "pk = = :p" })],
  ["a table that does not exist", () => new GetCommand({ TableName: "missing-table", Key: { pk: "a", sk: "b" } })],
];

describe("the embedded store in process", () => {
  let dynamo: LocalDynamo;
  let sdk: DynamoDBDocumentClient;
  let documents: DocumentSender;

  beforeAll(async () => {
    dynamo = await startLocalDynamo();
    const client = createDynamoClient({ endpoint: dynamo.endpoint });
    await ensureTable(client, "over-http");
    await ensureTable(client, "in-process");
    sdk = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    documents = dynamo.documents;
  });
  afterAll(async () => {
    sdk?.destroy();
    await dynamo?.close();
  });

  it("answers every request as the AWS SDK over HTTP does", async () => {
    const http: Send = (command) => sdk.send(command as never);
    const local: Send = (command) => documents.send(command as never);
    const failures: string[] = [];
    for (const [name, command] of steps) {
      const expected = await outcome(http, command("over-http"));
      const failed = (expected as { failed?: { name: string } }).failed;
      if (failed) failures.push(`${name}: ${failed.name}`);
      const actual = await outcome(local, command("in-process"));
      const sameTable = renamed(actual, "in-process", "over-http");
      expect({ step: name, outcome: sameTable }).toEqual({ step: name, outcome: expected });
    }
    // The failure paths were reached, not just the happy ones.
    expect(failures).toEqual([
      "the same put again (condition fails): ConditionalCheckFailedException",
      "an update whose condition fails: ConditionalCheckFailedException",
      "26 writes in one batch (refused): ValidationException",
      "a conditional delete that fails: ConditionalCheckFailedException",
      "an item over 400 KB: ValidationException",
      "an empty key: ValidationException",
      "a key missing its sort key: ValidationException",
      "a bad expression: ValidationException",
      "a table that does not exist: ResourceNotFoundException",
    ]);
  });

  it("reads binary values back as bytes and sets as sets", async () => {
    const answer = (await documents.send(
      new GetCommand({ TableName: "in-process", Key: { pk: "list#a", sk: item(2).sk } }) as never,
    )) as { Item: Record<string, unknown> };
    expect(answer.Item.bytes).toBeInstanceOf(Uint8Array);
    expect([...(answer.Item.bytes as Uint8Array)]).toEqual([0, 1, 2, 255]);
    expect(answer.Item.set).toEqual(new Set(["x", "y"]));
    expect("missing" in answer.Item).toBe(false);
  });

  it("ends the wait when the caller aborts, and refuses what it does not take", async () => {
    const signal = AbortSignal.abort();
    await expect(
      documents.send(new GetCommand({ TableName: "in-process", Key: { pk: "a", sk: "b" } }) as never, {
        abortSignal: signal,
      }),
    ).rejects.toMatchObject({ name: "AbortError" });
    await expect(documents.send(new ScanCommand({ TableName: "in-process" }) as never)).rejects.toThrow(
      "does not take ScanCommand in process",
    );
  });

  it("closes under running requests: they finish, later ones are refused as unavailable", async () => {
    const own = await startLocalDynamo();
    const client = createDynamoClient({ endpoint: own.endpoint });
    await ensureTable(client, "closing");
    client.destroy();
    const query = () =>
      own.documents.send(
        new QueryCommand({
          TableName: "closing",
          KeyConditionExpression: "pk = :p",
          ExpressionAttributeValues: { ":p": "list#a" },
        }) as never,
      );
    const running = Array.from({ length: 20 }, query);
    const closing = own.close();
    await expect(Promise.all(running)).resolves.toHaveLength(20);
    await closing;
    await expect(query()).rejects.toMatchObject({ name: "ServiceUnavailable" });
  });

  it("sees a table deleted and created again over HTTP (the table descriptions it keeps are forgotten)", async () => {
    const client = createDynamoClient({ endpoint: dynamo.endpoint });
    const get = () =>
      documents.send(new GetCommand({ TableName: "recreated", Key: { pk: "a", sk: "b" } }) as never) as Promise<{
        Item?: Record<string, unknown>;
      }>;
    await ensureTable(client, "recreated");
    await documents.send(new PutCommand({ TableName: "recreated", Item: { pk: "a", sk: "b", v: 1 } }) as never);
    expect((await get()).Item).toMatchObject({ v: 1 });
    await client.send(new DeleteTableCommand({ TableName: "recreated" }));
    await expect(get()).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await ensureTable(client, "recreated");
    expect((await get()).Item).toBeUndefined();
    client.destroy();
  });
});
