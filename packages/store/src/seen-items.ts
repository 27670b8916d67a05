/**
 * A feed's record of the story ids it showed recently, so a poll can tell new items from stored ones before
 * doing any work for them, without reading the table once per item. One item per feed: pk `FEED#<feedId>`,
 * sk `SEEN`; `ids` (space-separated story ids, most recently seen last) and `version` (optimistic concurrency).
 *
 * Bounded: the newest SEEN_ITEMS_LIMIT ids are kept. Every write puts all ids of the document just read at the
 * end, so an item a feed still shows is never evicted while the feed holds fewer items than the limit. An id
 * that was evicted anyway is reprocessed and caught by putStory's conditional write, never stored twice.
 * Concurrent polls of one feed: the write is conditional on the version read; the loser reads again, merges
 * and retries, so no id is lost.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "./aws-errors.ts";
import { run, type StoreContext } from "./db.ts";
import { StoreError } from "./errors.ts";
import { assertId } from "./keys.ts";
import { readSeenItems } from "./records.ts";

/** Ids kept per feed: twice the parser's item cap (500), about 17 KB. */
export const SEEN_ITEMS_LIMIT = 1000;

/** Attempts of a conditional write before giving up (each loses only to another poll of the same feed). */
const MAX_ATTEMPTS = 6;

export interface SeenItems {
  /** Story ids seen recently, most recently seen last. */
  ids: string[];
  /** False when the feed has no record yet (never polled since the record was introduced). */
  exists: boolean;
}

export interface SeenItemsStore {
  getSeenItems(feedId: string): Promise<SeenItems>;
  /**
   * Records `ids` (the story ids of the document just read) as the most recently seen, keeping the newest
   * SEEN_ITEMS_LIMIT, merged with whatever a concurrent poll wrote meanwhile.
   */
  recordSeenItems(feedId: string, ids: string[]): Promise<void>;
}

const key = (feedId: string) => ({ pk: `FEED#${assertId(feedId, "Feed id")}`, sk: "SEEN" });

/** `current` with `seen` moved to the end (in their order), cut to the newest `limit`. */
export function mergeSeen(current: readonly string[], seen: readonly string[], limit = SEEN_ITEMS_LIMIT): string[] {
  const fresh = new Set(seen);
  const merged = [...current.filter((id) => !fresh.has(id)), ...fresh];
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}

export function seenItemsStore(ctx: StoreContext): SeenItemsStore {
  async function read(feedId: string): Promise<{ ids: string[]; version: number | null }> {
    const result = await run(ctx, `Reading the seen items of feed ${feedId}`, () =>
      ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: key(feedId), ConsistentRead: true })),
    );
    const item = result.Item;
    if (!item) return { ids: [], version: null };
    return readSeenItems(item);
  }

  return {
    async getSeenItems(feedId) {
      const { ids, version } = await read(feedId);
      return { ids, exists: version !== null };
    },

    async recordSeenItems(feedId, ids) {
      for (const id of ids) assertId(id, "Story id");
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const current = await read(feedId);
        const merged = mergeSeen(current.ids, ids);
        const version = (current.version ?? 0) + 1;
        try {
          await run(ctx, `Recording the seen items of feed ${feedId}`, () =>
            ctx.doc.send(
              new PutCommand({
                TableName: ctx.table,
                Item: { ...key(feedId), entity: "seenItems", ids: merged.join(" "), version },
                ConditionExpression: current.version === null ? "attribute_not_exists(pk)" : "version = :version",
                ...(current.version === null ? {} : { ExpressionAttributeValues: { ":version": current.version } }),
              }),
            ),
          );
          return;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      throw new StoreError(
        `Recording the seen items of feed ${feedId} lost to concurrent writers ${MAX_ATTEMPTS} times; the next poll records them again.`,
        { retryable: true },
      );
    },
  };
}
