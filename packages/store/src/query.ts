/**
 * Queries on the table or an index: one page behind an opaque cursor, every page of a small partition, or
 * what is due by a time.
 */
import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { type CursorKey, decodeCursor, encodeCursor } from "./cursor.ts";
import { type Db, type Item, run } from "./db.ts";
import { Expr } from "./expression.ts";
import { atOrBefore, cursorAttributes, INDEX_ATTRIBUTES, type IndexName } from "./keys.ts";

export type SortCondition =
  | { op: "<" | "<=" | ">" | ">="; value: string }
  | { op: "begins_with"; value: string }
  | { op: "between"; from: string; to: string };

export interface QuerySpec {
  index: IndexName;
  partition: string;
  sort?: SortCondition;
  /** Descending sort-key order (newest first for time-ordered keys). */
  descending: boolean;
  /** Drops items after reading (expired records); pages are refilled so they stay full. */
  keep?: (item: Item) => boolean;
  /** A strongly consistent read (table queries only; indexes are always eventually consistent). */
  consistent?: boolean;
}

export interface RawPage {
  items: Item[];
  /** Opaque cursor of the next page, or null when this page is the last. */
  cursor: string | null;
}

function queryInput(db: Db, spec: QuerySpec, limit: number, start: CursorKey | undefined): QueryCommandInput {
  const expr = new Expr();
  const attributes = INDEX_ATTRIBUTES[spec.index];
  let keyCondition = `${expr.name(attributes.partition)} = ${expr.value(spec.partition)}`;
  const sort = spec.sort;
  if (sort) {
    const name = expr.name(attributes.sort);
    if (sort.op === "begins_with") keyCondition += ` AND begins_with(${name}, ${expr.value(sort.value)})`;
    else if (sort.op === "between") {
      keyCondition += ` AND ${name} BETWEEN ${expr.value(sort.from)} AND ${expr.value(sort.to)}`;
    } else keyCondition += ` AND ${name} ${sort.op} ${expr.value(sort.value)}`;
  }
  return {
    TableName: db.table,
    ...(spec.index === "table" ? {} : { IndexName: spec.index }),
    KeyConditionExpression: keyCondition,
    ScanIndexForward: !spec.descending,
    ...(spec.consistent ? { ConsistentRead: true } : {}),
    Limit: limit,
    ...(start ? { ExclusiveStartKey: start } : {}),
    ...expr.params(),
  };
}

function positionOf(item: Item, index: IndexName): CursorKey {
  const position: CursorKey = {};
  for (const attribute of cursorAttributes(index)) position[attribute] = String(item[attribute]);
  return position;
}

/**
 * One page of at most `limit` items. It reads one item past the page to know whether another page exists,
 * so the last page never comes with a cursor to an empty page.
 */
export async function queryPage(
  db: Db,
  spec: QuerySpec,
  limit: number,
  cursor: string | null | undefined,
  action: string,
): Promise<RawPage> {
  let start =
    cursor === undefined || cursor === null
      ? undefined
      : decodeCursor(cursor, {
          attributes: cursorAttributes(spec.index),
          partitionAttribute: INDEX_ATTRIBUTES[spec.index].partition,
          partitionValue: spec.partition,
        });
  const items: Item[] = [];
  for (;;) {
    const input = queryInput(db, spec, limit + 1 - items.length, start);
    const result = await run(db, action, () => db.doc.send(new QueryCommand(input)));
    for (const item of (result.Items ?? []) as Item[]) {
      if (!spec.keep || spec.keep(item)) items.push(item);
    }
    if (items.length > limit || !result.LastEvaluatedKey) break;
    start = result.LastEvaluatedKey as CursorKey;
  }
  if (items.length <= limit) return { items, cursor: null };
  const page = items.slice(0, limit);
  const last = page[page.length - 1] as Item;
  return { items: page, cursor: encodeCursor(positionOf(last, spec.index)) };
}

/** The items of a due partition (sort keys "<iso>#<id>") that are due at `nowIso`, most overdue first. */
export async function queryDue(
  db: Db,
  due: { index: IndexName; partition: string; keep: (item: Item) => boolean },
  nowIso: string,
  limit: number,
  action: string,
): Promise<Item[]> {
  const spec: QuerySpec = { ...due, sort: { op: "<=", value: atOrBefore(nowIso) }, descending: false };
  return (await queryPage(db, spec, limit, null, action)).items;
}

/** Every item of a query (for small partitions: feeds, subscriptions, one event's stories). */
export async function queryAll(db: Db, spec: QuerySpec, action: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: CursorKey | undefined;
  do {
    const input = queryInput(db, spec, 1000, start);
    const result = await run(db, action, () => db.doc.send(new QueryCommand(input)));
    for (const item of (result.Items ?? []) as Item[]) {
      if (!spec.keep || spec.keep(item)) items.push(item);
    }
    start = result.LastEvaluatedKey as CursorKey | undefined;
  } while (start);
  return items;
}

/** A caller's page size: the default when absent or not a number, otherwise clamped to 1..max. */
export function pageSize(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(max, Math.max(1, Math.floor(limit)));
}
