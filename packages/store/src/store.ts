/**
 * createStore: the Store port on one DynamoDB table. The same code runs against DynamoDB in AWS and against
 * dynalite locally and in tests.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { alertStore } from "./alerts.ts";
import { DEFAULT_OPERATION_TIMEOUT_MS } from "./constants.ts";
import type { DocumentSender, StoreContext } from "./db.ts";
import { withDeadline } from "./deadline.ts";
import { deliveryStore } from "./deliveries.ts";
import { eventStore } from "./events.ts";
import { feedStore } from "./feeds.ts";
import { lockStore } from "./locks.ts";
import { rateLimitStore } from "./rate-limits.ts";
import { DEFAULT_TABLE_NAME } from "./schema.ts";
import { createSecretBox, type SecretBoxKeys } from "./secret-box.ts";
import { seenItemsStore } from "./seen-items.ts";
import { storyStore } from "./stories.ts";
import { storylineStore } from "./storylines.ts";
import { subscriptionStore } from "./subscriptions.ts";
import { assertTableName } from "./table.ts";
import type { Store } from "./types.ts";

/**
 * Where the store's requests go: a DynamoDB client from createDynamoClient() (DynamoDB in AWS, or any endpoint),
 * or `documents`, the embedded store called in process (startLocalDynamo's `documents`).
 */
export type StoreTransport = { client: DynamoDBClient; documents?: undefined } | { documents: DocumentSender };

export type CreateStoreOptions = StoreTransport & StoreSettings;

export interface StoreSettings {
  /** Default "storywire". */
  tableName?: string;
  /** The clock for defaults ("now") and for hiding expired records; tests pass a fixed one. */
  clock?: () => Date;
  /**
   * Milliseconds a story list page is answered from memory (default 0: off; the local runtime and the API function
   * use 1000). Story writes through this store clear it, so only writes made elsewhere are seen up to this late.
   */
  listCacheMs?: number;
  /**
   * Words of each story in the search index (`q`): the title's, then the text's, at most this many (default 600;
   * 0: no search index). Each is one small write per story (ACCESS-PATTERNS.md "Story lists").
   */
  searchWords?: number;
  /**
   * The admin key (and the ones it replaced) that webhook secrets and feed tokens are encrypted under. Without
   * it the store reads and writes everything else, but refuses to write or read a subscription's secrets.
   */
  secrets?: SecretBoxKeys;
  /** Deadline of one operation, all SDK retries included (default 10 s): then StoreUnavailable. */
  operationTimeoutMs?: number;
}

export function createStore(options: CreateStoreOptions): Store {
  const table = assertTableName(options.tableName ?? DEFAULT_TABLE_NAME);
  // The in-process documents marshal as this client does (in-process.ts).
  const doc =
    options.documents ??
    DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
  const ctx: StoreContext = {
    doc: withDeadline(doc, options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS),
    table,
    clock: options.clock ?? (() => new Date()),
    secrets: options.secrets ? createSecretBox(options.secrets) : null,
  };
  return {
    tableName: table,
    ...feedStore(ctx),
    ...storyStore(ctx, { listCacheMs: options.listCacheMs, searchWords: options.searchWords }),
    ...eventStore(ctx),
    ...subscriptionStore(ctx),
    ...deliveryStore(ctx),
    ...alertStore(ctx),
    ...lockStore(ctx),
    ...rateLimitStore(ctx),
    ...seenItemsStore(ctx),
    ...storylineStore(ctx),
  };
}
