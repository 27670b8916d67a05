/**
 * One item write of the embedded DynamoDB is one atomic write on disk, as it is in DynamoDB.
 *
 * dynalite applies a PutItem, UpdateItem or DeleteItem as several LevelDB writes: it deletes the item's old index
 * entries, then writes the new ones, then writes the item. A process killed between two of them (SIGKILL, a crash)
 * leaves an index that disagrees with its table: an item missing from an index whose key it moved (a delivery still
 * pending that no due list holds any more, so nothing ever sends it; a feed the scheduler never lists again), or an
 * entry for a version of the item that was never written. Killing a process that wrote due-index keys 40 at a time,
 * 15 times, lost entries once and left stale ones twice. The recovery guarantees of the claims and deliveries
 * (FEED-CLAIMS.md, DELIVERIES.md) rest on every transition being one atomic write.
 *
 * Every item write calls dynalite's `updateIndexes` just before it writes the item, under the item's lock. Here that
 * step writes nothing: it leaves the index operations with the table's item sublevel, and the item's own put or
 * delete sends them and the item as one LevelDB batch, which LevelDB applies whole or not at all. (Fewer writes,
 * too: one batch instead of three or four.) Installed once per process by startLocalDynamo; the Lambda bundles never
 * load dynalite.
 */
import { createRequire } from "node:module";

type Callback = (error?: unknown) => void;
type Item = Record<string, unknown>;

interface LevelOperation {
  type: "put" | "del";
  key: string;
  value?: unknown;
}

/** A dynalite sublevel (a key prefix over the one LevelDB). */
interface SubLevel {
  put(key: string, value: unknown, callback: Callback): void;
  del(key: string, callback: Callback): void;
}

/** The store dynalite creates (db/index.js `create`): the LevelDB and its sublevels. */
export interface DynaliteStore {
  db: { batch(operations: LevelOperation[], callback: Callback): void };
  getItemDb(tableName: string): SubLevel;
}

interface TableDescription {
  TableName: string;
  LocalSecondaryIndexes?: unknown[];
  GlobalSecondaryIndexes?: unknown[];
}

interface IndexActions {
  puts: { index: string; key: string; item: Item }[];
  deletes: { index: string; key: string }[];
}

/** The part of dynalite's db module (CommonJS, untyped) this relies on. */
interface DynaliteDbModule {
  updateIndexes(
    store: DynaliteStore,
    table: TableDescription,
    existing: Item | null,
    item: Item | null,
    cb: Callback,
  ): void;
  getIndexActions(indexes: unknown[], existing: Item | null, item: Item | null, table: TableDescription): IndexActions;
  createKey(item: Item, table: TableDescription): string;
}

const require = createRequire(import.meta.url);
/** The sublevel key prefixes dynalite uses (db/index.js getSubDb: `<name>~`). */
const itemPrefix = (table: string) => `item-${table}~`;
const indexPrefix = (kind: "local" | "global", table: string, index: string) => `index-${kind}~${table}~${index}~`;

const BATCHED = Symbol("storywire.batchedItemWrites");
type BatchedSubLevel = SubLevel & { [BATCHED]?: Map<string, LevelOperation[]> };

let installed = false;

/** The item sublevel of `table`, its put and delete sending the item's pending index operations in the same batch. */
function batchedItemLevel(store: DynaliteStore, table: string): Map<string, LevelOperation[]> {
  const level = store.getItemDb(table) as BatchedSubLevel;
  const existing = level[BATCHED];
  if (existing) return existing;
  const pending = new Map<string, LevelOperation[]>();
  const put = level.put.bind(level);
  const del = level.del.bind(level);
  level.put = (key, value, callback) => {
    const operations = pending.get(key);
    if (!operations) return put(key, value, callback);
    pending.delete(key);
    store.db.batch([...operations, { type: "put", key: itemPrefix(table) + key, value }], callback);
  };
  level.del = (key, callback) => {
    const operations = pending.get(key);
    if (!operations) return del(key, callback);
    pending.delete(key);
    store.db.batch([...operations, { type: "del", key: itemPrefix(table) + key }], callback);
  };
  level[BATCHED] = pending;
  return pending;
}

/** Makes every item write of dynalite (in this process) one LevelDB batch. Safe to call more than once. */
export function makeDynaliteWritesAtomic(): void {
  if (installed) return;
  const db = require("dynalite/db/index.js") as DynaliteDbModule;
  if (
    typeof db.updateIndexes !== "function" ||
    typeof db.getIndexActions !== "function" ||
    typeof db.createKey !== "function"
  ) {
    throw new Error(
      "This dynalite version does not have the index functions Storywire makes atomic; install the version in package-lock.json.",
    );
  }
  installed = true;
  db.updateIndexes = (store, table, existing, item, callback) => {
    const operations: LevelOperation[] = [];
    for (const kind of ["local", "global"] as const) {
      const indexes = (kind === "local" ? table.LocalSecondaryIndexes : table.GlobalSecondaryIndexes) ?? [];
      const { puts, deletes } = db.getIndexActions(indexes, existing, item, table);
      for (const d of deletes)
        operations.push({ type: "del", key: indexPrefix(kind, table.TableName, d.index) + d.key });
      for (const p of puts) {
        operations.push({ type: "put", key: indexPrefix(kind, table.TableName, p.index) + p.key, value: p.item });
      }
    }
    const subject = item ?? existing;
    if (operations.length > 0 && subject) {
      batchedItemLevel(store, table.TableName).set(db.createKey(subject, table), operations);
    }
    process.nextTick(callback);
  };
}
