/** @storywire/store: the Store port and its DynamoDB implementation. The embedded server is in "./local". */
export { createDynamoClient, type DynamoClientOptions } from "./client.ts";
export type { DocumentSender } from "./db.ts";
export {
  Conflict,
  InvalidCursor,
  InvalidInput,
  LeaseLost,
  NotFound,
  StoreError,
  StoreUnavailable,
} from "./errors.ts";
export { QUEUED_CLAIM_PREFIX } from "./feeds.ts";
export { DEFAULT_TABLE_NAME, TABLE_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from "./schema.ts";
export type { SecretBoxKeys } from "./secret-box.ts";
export { mergeSeen, SEEN_ITEMS_LIMIT, type SeenItems, type SeenItemsStore } from "./seen-items.ts";
export { type CreateStoreOptions, createStore, type StoreSettings, type StoreTransport } from "./store.ts";
export { toStorySummary } from "./summary.ts";
export { type EnsureTableOptions, ensureTable, schemaDifferences, tableDefinition } from "./table.ts";
export { storySortAt } from "./time.ts";
export type * from "./types.ts";
