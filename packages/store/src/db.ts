/**
 * Single-item reads and writes and batch reads, with the store's error policy applied once: a failed
 * condition is an answer (false / null), anything else a StoreError. The AWS SDK has already retried
 * throttling and transient failures by then.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { isConditionFailure, toStoreError } from "./aws-errors.ts";
import { assertStorable } from "./checks.ts";
import { BATCH_GET_ATTEMPTS, BATCH_GET_SIZE, BATCH_WRITE_SIZE } from "./constants.ts";
import { InvalidInput, NotFound, StoreUnavailable } from "./errors.ts";
import { type Condition, Expr, type UpdateSpec, updateExpression } from "./expression.ts";
import type { TableKey } from "./keys.ts";
import type { SecretBox } from "./secret-box.ts";

/** What the store sends its requests through: the AWS SDK's document client, or the embedded store in process. */
export type DocumentSender = Pick<DynamoDBDocumentClient, "send">;

export interface Db {
  doc: DocumentSender;
  table: string;
}

export type Item = Record<string, unknown>;

/** What every entity module works with: the table, and the clock used when the caller gives no instant. */
export interface StoreContext extends Db {
  clock: () => Date;
  /** Seals and opens secrets at rest; null when the store was opened without the admin key. */
  secrets: SecretBox | null;
}

/** Sends one request; failures other than a failed condition become StoreErrors naming `action`. */
export async function run<T>(db: Db, action: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (isConditionFailure(error)) throw error;
    throw toStoreError(error, action, db.table);
  }
}

export async function getItem(db: Db, key: TableKey, action: string): Promise<Item | null> {
  const result = await run(db, action, () =>
    db.doc.send(new GetCommand({ TableName: db.table, Key: key, ConsistentRead: true })),
  );
  return (result.Item as Item | undefined) ?? null;
}

/**
 * Writes `item` only when no item with its key exists (or `orElse` holds for the one that does).
 * Returns false when one was already there: re-writing the same record is a no-op, not an error.
 */
export async function putNew(db: Db, item: Item, action: string, orElse?: Condition): Promise<boolean> {
  assertStorable(item, action);
  const expr = new Expr();
  const absent = `attribute_not_exists(${expr.name("pk")})`;
  const condition = orElse ? `${absent} OR (${orElse(expr)})` : absent;
  try {
    await run(db, action, () =>
      db.doc.send(
        new PutCommand({ TableName: db.table, Item: item, ConditionExpression: condition, ...expr.params() }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * putNew, and when the record was already there, the stored one instead (a retry or a second registration
 * gets what is stored, never a duplicate). `entity` names the record in the error if it vanished meanwhile.
 */
export async function putOrGet(
  db: Db,
  item: Item,
  entity: string,
  action: string,
  orElse?: Condition,
): Promise<{ item: Item; created: boolean }> {
  // Twice at most: a record deleted between the failed put and the read is written on the second round.
  for (let round = 0; round < 2; round++) {
    if (await putNew(db, item, action, orElse)) return { item, created: true };
    const existing = await getItem(db, { pk: String(item.pk), sk: String(item.sk) }, action);
    if (existing) return { item: existing, created: false };
  }
  throw new NotFound(entity, String(item.id));
}

/** Conditional update returning the new item, or null when the condition failed (or the item is missing). */
export async function updateItem(
  db: Db,
  key: TableKey,
  spec: UpdateSpec,
  action: string,
  condition?: Condition,
): Promise<Item | null> {
  return updateWhere(db, key, spec, action, (e) => {
    const exists = `attribute_exists(${e.name("pk")})`;
    return condition ? `${exists} AND (${condition(e)})` : exists;
  });
}

/**
 * updateItem for a condition that only an existing item can meet (every branch compares one of its attributes), sent
 * as written: without updateItem's `attribute_exists(pk) AND (...)` around it. Write it flat, as OR of AND chains
 * with no parentheses: the embedded DynamoDB (dynalite) parses each level of parentheses with backtracking, and a
 * nested claim condition cost it 7 ms of CPU per request against 0.07 ms flat (DynamoDB itself does not care).
 */
export async function updateWhere(
  db: Db,
  key: TableKey,
  spec: UpdateSpec,
  action: string,
  condition: Condition,
  returnValues: "ALL_NEW" | "NONE" = "ALL_NEW",
): Promise<Item | null> {
  assertStorable(spec, action);
  const expr = new Expr();
  const update = updateExpression(expr, spec);
  if (update === "") throw new InvalidInput(`${action}: there is nothing to change.`);
  const conditionExpression = condition(expr);
  try {
    const result = await run(db, action, () =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: key,
          UpdateExpression: update,
          ConditionExpression: conditionExpression,
          ReturnValues: returnValues,
          ...expr.params(),
        }),
      ),
    );
    return returnValues === "NONE" ? { ...key } : ((result.Attributes as Item | undefined) ?? null);
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

/** Deletes and returns the old item, or null when there was none. */
export async function deleteItem(db: Db, key: TableKey, action: string): Promise<Item | null> {
  const result = await run(db, action, () =>
    db.doc.send(new DeleteCommand({ TableName: db.table, Key: key, ReturnValues: "ALL_OLD" })),
  );
  return (result.Attributes as Item | undefined) ?? null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one batch request and its unprocessed remainder again with backoff, up to BATCH_GET_ATTEMPTS times;
 * `send` returns what is still pending.
 */
async function untilProcessed<T>(
  first: T[],
  what: string,
  action: string,
  send: (pending: T[]) => Promise<T[]>,
): Promise<void> {
  let pending = first;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= BATCH_GET_ATTEMPTS) {
      throw new StoreUnavailable(
        `${action} failed: DynamoDB left ${pending.length} ${what} unprocessed after ${attempt} attempts. Try again shortly.`,
      );
    }
    if (attempt > 0) await sleep(25 * 2 ** attempt * (0.5 + Math.random()));
    pending = await send(pending);
  }
}

/**
 * Reads many items by key, 100 per request, retrying the keys DynamoDB leaves unprocessed with backoff.
 * Missing items are simply absent from the result; order is not preserved.
 */
export async function batchGet(db: Db, tableKeys: TableKey[], action: string, projection?: string[]): Promise<Item[]> {
  const unique = [...new Map(tableKeys.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
  const found: Item[] = [];
  for (let offset = 0; offset < unique.length; offset += BATCH_GET_SIZE) {
    const keysOfBatch: Record<string, unknown>[] = unique
      .slice(offset, offset + BATCH_GET_SIZE)
      .map((key) => ({ ...key }));
    await untilProcessed(keysOfBatch, "keys", action, async (pending) => {
      const expr = new Expr();
      const request = {
        Keys: pending,
        ConsistentRead: true,
        ...(projection ? { ProjectionExpression: projection.map((name) => expr.name(name)).join(", ") } : {}),
        ...(projection ? { ExpressionAttributeNames: expr.names } : {}),
      };
      const result = await run(db, action, () =>
        db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: request } })),
      );
      found.push(...((result.Responses?.[db.table] ?? []) as Item[]));
      return (result.UnprocessedKeys?.[db.table]?.Keys ?? []) as Record<string, unknown>[];
    });
  }
  return found;
}

/**
 * Puts and deletes many items, 25 per request (BatchWriteItem's limit), several requests at once, retrying what
 * DynamoDB leaves unprocessed with backoff. Every write is unconditional: callers use it for items that are
 * derived from another record and idempotent to write again (index entries).
 */
export async function batchWrite(
  db: Db,
  writes: { puts?: Item[]; deletes?: TableKey[] },
  action: string,
  parallel = 4,
): Promise<void> {
  const requests: Record<string, unknown>[] = [
    ...(writes.puts ?? []).map((item) => ({ PutRequest: { Item: item } })),
    ...(writes.deletes ?? []).map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })),
  ];
  const chunks: Record<string, unknown>[][] = [];
  for (let offset = 0; offset < requests.length; offset += BATCH_WRITE_SIZE) {
    chunks.push(requests.slice(offset, offset + BATCH_WRITE_SIZE));
  }
  const send = (chunk: Record<string, unknown>[]) =>
    untilProcessed(chunk, "writes", action, async (pending) => {
      const result = await run(db, action, () =>
        db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: pending as never } })),
      );
      return (result.UnprocessedItems?.[db.table] ?? []) as Record<string, unknown>[];
    });
  for (let i = 0; i < chunks.length; i += parallel) {
    await Promise.all(chunks.slice(i, i + parallel).map(send));
  }
}
