/** Test support: a local DynamoDB (dynalite) with the table created and a Store on it, in one call. */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDynamoClient } from "../src/client.ts";
import { type LocalDynamoOptions, startLocalDynamo } from "../src/local.ts";
import { DEFAULT_TABLE_NAME } from "../src/schema.ts";
import { createStore } from "../src/store.ts";
import { ensureTable } from "../src/table.ts";
import type { Store } from "../src/types.ts";

export interface LocalStoreOptions extends LocalDynamoOptions {
  /** Default "storywire". */
  tableName?: string;
  clock?: () => Date;
}

export interface LocalStore {
  store: Store;
  client: DynamoDBClient;
  endpoint: string;
  close(): Promise<void>;
}

/** Starts it; close() stops both. */
export async function startLocalStore(options: LocalStoreOptions = {}): Promise<LocalStore> {
  const dynamo = await startLocalDynamo(options);
  const client = createDynamoClient({ endpoint: dynamo.endpoint });
  const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
  try {
    await ensureTable(client, tableName);
  } catch (error) {
    client.destroy();
    await dynamo.close();
    throw error;
  }
  const store = createStore({ client, tableName, ...(options.clock ? { clock: options.clock } : {}) });
  return {
    store,
    client,
    endpoint: dynamo.endpoint,
    async close() {
      client.destroy();
      await dynamo.close();
    },
  };
}
