/**
 * Storywire's one DynamoDB table. Keys, indexes and the TTL attribute come from the store's schema, so the
 * table SST creates and the table the store queries (and the local runtime creates in dynalite) cannot drift.
 */
import { TABLE_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from "../packages/store/src/schema.ts";
import { isProductionStage } from "./stage.ts";

/** Every key attribute of the table and its indexes; DynamoDB declares key attributes only. */
function keyFields(): Record<string, "string"> {
  const names = [
    TABLE_KEYS.partition,
    TABLE_KEYS.sort,
    ...TABLE_INDEXES.flatMap((index) => [index.partition, index.sort]),
  ];
  return Object.fromEntries(names.map((name) => [name, "string" as const]));
}

function globalIndexes(): Record<string, { hashKey: string; rangeKey: string }> {
  return Object.fromEntries(
    TABLE_INDEXES.map((index) => [index.name, { hashKey: index.partition, rangeKey: index.sort }]),
  );
}

export const table = new sst.aws.Dynamo("StoryTable", {
  fields: keyFields(),
  primaryIndex: { hashKey: TABLE_KEYS.partition, rangeKey: TABLE_KEYS.sort },
  globalIndexes: globalIndexes(),
  ttl: TTL_ATTRIBUTE,
  // Production data also survives a delete from the console or CLI; `removal: "retain"` covers `sst remove`.
  deletionProtection: isProductionStage($app.stage),
});
