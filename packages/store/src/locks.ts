/**
 * Named leases: one item per name, taken with a conditional write, so that two workers never place stories in
 * the same storyline at the same time (otherwise two copies of one wire story ingested at once both become the
 * first report of an event). A lock also remembers the story ids placed under it most recently: index queries
 * lag the table in AWS, and the next holder adds these ids to its candidates so nothing just placed is missed.
 *
 * Item: pk `LOCK#<name>`, sk `LOCK`; owner, leaseUntil, recent (newest last). A lease that has run out may be
 * taken over (its holder died); release is conditional on still being the owner.
 */
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "./aws-errors.ts";
import { getItem, run, type StoreContext } from "./db.ts";
import { assertId } from "./keys.ts";
import { readLock } from "./records.ts";

/** How many recently placed ids a lock remembers. */
export const LOCK_RECENT_IDS = 50;

export interface LockStore {
  /** Takes the lease on `name` for `owner` until now + leaseMs; null when someone else holds it. */
  acquireLock(name: string, owner: string, now: string, leaseMs: number): Promise<{ recent: string[] } | null>;
  /** Gives the lease back and records the ids placed under it. False when the lease was lost meanwhile. */
  releaseLock(name: string, owner: string, placed?: string[]): Promise<boolean>;
}

const key = (name: string) => ({ pk: `LOCK#${assertId(name, "lock name")}`, sk: "LOCK" });

export function lockStore(ctx: StoreContext): LockStore {
  return {
    async acquireLock(name, owner, now, leaseMs) {
      const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
      try {
        // Create the lock, or take it when it is free (released, or its holder's lease ran out).
        await run(ctx, "acquireLock", () =>
          ctx.doc.send(
            new UpdateCommand({
              TableName: ctx.table,
              Key: key(name),
              UpdateExpression: "SET #owner = :owner, #until = :until, #entity = :entity",
              ConditionExpression: "attribute_not_exists(#pk) OR #until < :now",
              ExpressionAttributeNames: { "#owner": "owner", "#until": "leaseUntil", "#entity": "entity", "#pk": "pk" },
              ExpressionAttributeValues: { ":owner": owner, ":until": leaseUntil, ":now": now, ":entity": "lock" },
            }),
          ),
        );
      } catch (error) {
        if (isConditionFailure(error)) return null;
        throw error;
      }
      const item = await getItem(ctx, key(name), "acquireLock");
      return { recent: item ? readLock(item).recent : [] };
    },

    async releaseLock(name, owner, placed = []) {
      const item = await getItem(ctx, key(name), "releaseLock");
      const lock = item ? readLock(item) : null;
      if (!lock || lock.owner !== owner) return false;
      const recent = [...lock.recent, ...placed].slice(-LOCK_RECENT_IDS);
      try {
        await run(ctx, "releaseLock", () =>
          ctx.doc.send(
            new PutCommand({
              TableName: ctx.table,
              Item: { ...key(name), entity: "lock", owner: null, leaseUntil: new Date(0).toISOString(), recent },
              ConditionExpression: "#owner = :owner",
              ExpressionAttributeNames: { "#owner": "owner" },
              ExpressionAttributeValues: { ":owner": owner },
            }),
          ),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
