/**
 * Creating the table from schema.ts where nothing else does (the local runtime, tests). In AWS the table is
 * declared in infra/storage.ts; ensureTable then only checks that the deployed table has the expected shape.
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { toStoreError } from "./aws-errors.ts";
import { InvalidInput, StoreError } from "./errors.ts";
import { TABLE_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from "./schema.ts";

export interface EnsureTableOptions {
  /** How long to wait for the table (and its indexes) to become ACTIVE. Default 120 s. */
  timeoutMs?: number;
}

export function assertTableName(tableName: unknown): string {
  if (typeof tableName !== "string" || !/^[A-Za-z0-9_.-]{3,255}$/.test(tableName)) {
    throw new InvalidInput(
      `The table name ${JSON.stringify(tableName)} is not valid; use 3 to 255 letters, digits, "_", "-" or ".".`,
    );
  }
  return tableName;
}

/** CreateTable input for the single table: string keys, two GSIs projecting ALL, on-demand billing. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const keyAttributes = [TABLE_KEYS.partition, TABLE_KEYS.sort, ...TABLE_INDEXES.flatMap((i) => [i.partition, i.sort])];
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: "S" })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partition, KeyType: "HASH" },
      { AttributeName: TABLE_KEYS.sort, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partition, KeyType: "HASH" },
        { AttributeName: index.sort, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    })),
  };
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | null> {
  try {
    const result = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return result.Table ?? null;
  } catch (error) {
    if ((error as { name?: string }).name === "ResourceNotFoundException") return null;
    throw toStoreError(error, `Describing table ${tableName}`, tableName);
  }
}

function isActive(table: TableDescription): boolean {
  return (
    table.TableStatus === "ACTIVE" && (table.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === "ACTIVE")
  );
}

/** What differs between the table found and schema.ts, as phrases; empty when it matches. */
export function schemaDifferences(table: TableDescription): string[] {
  const keyOf = (schema: { AttributeName?: string; KeyType?: string }[] | undefined) =>
    (schema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(",");
  const problems: string[] = [];
  if (keyOf(table.KeySchema) !== `${TABLE_KEYS.partition}:HASH,${TABLE_KEYS.sort}:RANGE`) {
    problems.push(`its key is (${keyOf(table.KeySchema)}) instead of (pk, sk)`);
  }
  for (const index of TABLE_INDEXES) {
    const found = table.GlobalSecondaryIndexes?.find((i) => i.IndexName === index.name);
    if (!found) problems.push(`index ${index.name} is missing`);
    else if (keyOf(found.KeySchema) !== `${index.partition}:HASH,${index.sort}:RANGE`) {
      problems.push(
        `index ${index.name} has key (${keyOf(found.KeySchema)}) instead of (${index.partition}, ${index.sort})`,
      );
    } else if (found.Projection?.ProjectionType !== "ALL") {
      problems.push(`index ${index.name} does not project all attributes`);
    }
  }
  return problems;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the table when it is missing and waits until it and its indexes are ACTIVE. Throws a StoreError
 * when a table of that name exists with another shape.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  options: EnsureTableOptions = {},
): Promise<{ created: boolean }> {
  assertTableName(tableName);
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let table = await describe(client, tableName);
  let created = false;
  if (!table) {
    try {
      await client.send(new CreateTableCommand(tableDefinition(tableName)));
      created = true;
    } catch (error) {
      // Another process created it first: fine, wait for it like for any other.
      if ((error as { name?: string }).name !== "ResourceInUseException") {
        throw toStoreError(error, `Creating table ${tableName}`, tableName);
      }
    }
  }
  for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
    table = await describe(client, tableName);
    if (table && isActive(table)) break;
    if (Date.now() > deadline) {
      throw new StoreError(
        `Table ${tableName} did not become ACTIVE in time (status ${table?.TableStatus ?? "missing"}). Try again in a minute.`,
        { retryable: true },
      );
    }
    await sleep(delay);
  }
  const problems = schemaDifferences(table);
  if (problems.length > 0) {
    throw new StoreError(
      `Table ${tableName} exists but does not have Storywire's layout: ${problems.join("; ")}. ` +
        "Use another table name, or delete the table (locally: its data directory) so it is created afresh.",
    );
  }
  if (created) await enableTtl(client, tableName);
  return { created };
}

/** Turns on DynamoDB TTL for tables this code created. dynalite has no TTL: readers filter expired items anyway. */
async function enableTtl(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name !== "UnknownOperationException") {
      throw toStoreError(error, `Enabling TTL on table ${tableName}`, tableName);
    }
  }
}
