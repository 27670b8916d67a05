/**
 * The physical shape of Storywire's one DynamoDB table. infra/storage.ts declares the same keys and indexes
 * (an infra test checks they match), and the local runtime creates the table from this description.
 * What each key holds is documented in ACCESS-PATTERNS.md beside this file.
 */
export const TABLE_KEYS = { partition: "pk", sort: "sk" } as const;

export const TABLE_INDEXES = [
  { name: "gsi1", partition: "gsi1pk", sort: "gsi1sk" },
  { name: "gsi2", partition: "gsi2pk", sort: "gsi2sk" },
] as const;

/** Epoch seconds after which DynamoDB TTL may delete the item; readers also filter expired items themselves. */
export const TTL_ATTRIBUTE = "ttl";

export const DEFAULT_TABLE_NAME = "storywire";
