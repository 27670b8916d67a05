/**
 * The embedded store's two ways in, measured on the same dynalite in the same run: the AWS SDK's document client
 * over loopback HTTP (the way to an endpoint, and what the local runtime used before) against the in-process document
 * client the local runtime uses now (packages/store/src/in-process.ts). CPU per request for a consistent GetItem,
 * a conditional PutItem, an UpdateItem and a Query of 50 list entries of ~1 KB, newest first.
 * Records store_inprocess_get_ratio and store_inprocess_query_ratio (in-process CPU / SDK CPU).
 * Run alone with `npx tsx bench/store-transport.bench.ts`.
 */
import { pathToFileURL } from "node:url";
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { createDynamoClient, type DocumentSender, ensureTable } from "../packages/store/src/index.ts";
import { startLocalDynamo } from "../packages/store/src/local.ts";
import { type BenchContext, consoleContext } from "./context.ts";

const TABLE = "transport";
const ENTRIES = 2_000;
const MIN_MS = 1_000;
/** Rises with every conditional put, so that each one's condition holds on both ways. */
let checks = 0;

/** CPU ms per call of `f`, repeated for at least MIN_MS of wall time after a warm-up. */
async function cpuPerCall(f: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 50; i++) await f(i);
  const cpu = process.cpuUsage();
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < MIN_MS) await f(n++);
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / n;
}

export async function run({ print, record }: BenchContext): Promise<void> {
  const dynamo = await startLocalDynamo();
  const client = createDynamoClient({ endpoint: dynamo.endpoint });
  try {
    await ensureTable(client, TABLE);
    const sdk = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    const summary = JSON.stringify({ title: "t".repeat(120), source: "Bench Wire", text: "word ".repeat(160) });
    for (let b = 0; b < ENTRIES / 25; b++) {
      const puts = Array.from({ length: 25 }, (_, i) => ({
        PutRequest: { Item: { pk: "LIST#ALL", sk: `2026-01-01T00:00:00Z#${b * 25 + i}`, s: summary } },
      }));
      await sdk.send(new BatchWriteCommand({ RequestItems: { [TABLE]: puts } }));
    }
    const ways: DocumentSender[] = [sdk, dynamo.documents];
    const requests: [string, (i: number) => object][] = [
      [
        "GetItem",
        (i) =>
          new GetCommand({
            TableName: TABLE,
            Key: { pk: "LIST#ALL", sk: `2026-01-01T00:00:00Z#${i % ENTRIES}` },
            ConsistentRead: true,
          }),
      ],
      [
        "PutItem (conditional)",
        (i) =>
          new PutCommand({
            TableName: TABLE,
            Item: { pk: `FEED#${i % 500}`, sk: "CHECK", at: ++checks },
            ConditionExpression: "attribute_not_exists(pk) OR #at < :at",
            ExpressionAttributeNames: { "#at": "at" },
            ExpressionAttributeValues: { ":at": checks },
          }),
      ],
      [
        "UpdateItem",
        (i) =>
          new UpdateCommand({
            TableName: TABLE,
            Key: { pk: `FEED#${i % 500}`, sk: "CHECK" },
            UpdateExpression: "SET #n = :n",
            ExpressionAttributeNames: { "#n": "n" },
            ExpressionAttributeValues: { ":n": i },
          }),
      ],
      [
        "Query of 50 entries",
        () =>
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: "pk = :p",
            ExpressionAttributeValues: { ":p": "LIST#ALL" },
            ScanIndexForward: false,
            Limit: 50,
          }),
      ],
    ];
    for (const [name, request] of requests) {
      const figures: number[] = [];
      for (const way of ways) figures.push(await cpuPerCall((i) => way.send(request(i) as never)));
      const [over = Number.NaN, local = Number.NaN] = figures;
      print(
        `${name}: AWS SDK over HTTP ${over.toFixed(3)} ms CPU, in process ${local.toFixed(3)} ms CPU (${(local / over).toFixed(2)}x)`,
      );
      if (name === "GetItem") record("store_inprocess_get_ratio", local / over);
      if (name.startsWith("Query")) record("store_inprocess_query_ratio", local / over);
    }
  } finally {
    client.destroy();
    await dynamo.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run(consoleContext());
