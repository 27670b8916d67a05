/**
 * Deliveries: the at-most-once-success state machine of packages/pipeline/src/delivery/DELIVERIES.md, every transition one conditional
 * UpdateItem on the delivery's own item (no transactions). Deliveries waiting for a worker, and leases that
 * may expire, sit in the due index (gsi1 "DELIVERIES_DUE", sorted by the instant they become claimable);
 * each subscription's deliveries are listed newest first through gsi2 "SUB_DELIVERIES#<subscriptionId>".
 * Finished deliveries carry a ttl (30 days) and are hidden from reads once it passes, as DynamoDB may not
 * have deleted them yet (and dynalite never does).
 */

import { deliveryId } from "@storywire/core/ids";
import { clipError } from "./checks.ts";
import {
  DEFAULT_DUE_BATCH,
  DEFAULT_PAGE_SIZE,
  DELIVERY_RETENTION_DAYS,
  MAX_DUE_BATCH,
  MAX_PAGE_SIZE,
} from "./constants.ts";
import { getItem, type Item, putOrGet, type StoreContext, updateItem } from "./db.ts";
import { Conflict, InvalidInput, LeaseLost, NotFound } from "./errors.ts";
import type { UpdateSpec } from "./expression.ts";
import { assertId, keys, PARTITIONS, timeSortKey } from "./keys.ts";
import { pageSize, queryDue, queryPage } from "./query.ts";
import { readDelivery } from "./records.ts";
import { addMs, epochSeconds, toIso } from "./time.ts";
import type { Delivery, DeliveryCompletion, DeliveryState, DeliveryStore } from "./types.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const LEASE = ["leaseOwner", "leaseUntil"];
const DUE_INDEX = ["gsi1pk", "gsi1sk"];
const CLAIMABLE: readonly DeliveryState[] = ["pending", "retrying", "sending"];

function dueIndex(at: string, id: string): Item {
  return { gsi1pk: PARTITIONS.dueDeliveries, gsi1sk: timeSortKey(at, id) };
}

function toDelivery(item: Item): Delivery {
  return readDelivery(item);
}

/** False once the item's ttl has passed: DynamoDB deletes such items eventually, dynalite never. */
export function isLive(item: Item, nowSeconds: number): boolean {
  return typeof item.ttl !== "number" || item.ttl > nowSeconds;
}

function expiry(finishedAt: string): number {
  return epochSeconds(addMs(finishedAt, DELIVERY_RETENTION_DAYS * DAY_MS));
}

/** The update that records an attempt's outcome. */
function outcomeUpdate(id: string, owner: string, result: DeliveryCompletion, at: string): UpdateSpec {
  const status = result.status ?? null;
  switch (result.outcome) {
    case "delivered":
      return {
        set: {
          state: "delivered",
          deliveredAt: at,
          updatedAt: at,
          lastStatus: status,
          lastOwner: owner,
          ttl: expiry(at),
        },
        remove: [...LEASE, ...DUE_INDEX, "nextAttemptAt"],
      };
    case "retrying": {
      const next = toIso(result.nextAttemptAt, `The next attempt of delivery ${id}`);
      return {
        set: {
          state: "retrying",
          nextAttemptAt: next,
          updatedAt: at,
          lastError: clipError(result.error) ?? null,
          lastStatus: status,
          lastOwner: owner,
          ...dueIndex(next, id),
        },
        remove: LEASE,
      };
    }
    case "failed":
      return {
        set: {
          state: "failed",
          failedAt: at,
          updatedAt: at,
          lastError: clipError(result.error) ?? null,
          lastStatus: status,
          lastOwner: owner,
          ttl: expiry(at),
        },
        remove: [...LEASE, ...DUE_INDEX, "nextAttemptAt"],
      };
    default:
      throw new InvalidInput(
        `The outcome of delivery ${id} must be delivered, retrying or failed; got ${JSON.stringify((result as { outcome?: unknown }).outcome)}.`,
      );
  }
}

export function deliveryStore(ctx: StoreContext): DeliveryStore {
  const nowSeconds = () => Math.floor(ctx.clock().getTime() / 1000);

  async function liveItem(id: string, action: string): Promise<Item | null> {
    const item = await getItem(ctx, keys.delivery(id), action);
    return item && isLive(item, nowSeconds()) ? item : null;
  }

  return {
    async enqueueDelivery(input) {
      const subscriptionId = assertId(input.subscriptionId, "Delivery subscriptionId");
      const storyId = assertId(input.storyId, "Delivery storyId");
      const id = deliveryId(subscriptionId, storyId);
      const createdAt = toIso(input.createdAt ?? ctx.clock(), `Delivery ${id}'s createdAt`);
      const nextAttemptAt = toIso(input.notBefore ?? createdAt, `Delivery ${id}'s notBefore`);
      const item: Item = {
        ...keys.delivery(id),
        entity: "delivery",
        id,
        subscriptionId,
        storyId,
        alertId: input.alertId ?? null,
        storylineId: input.storylineId ?? null,
        state: "pending",
        attempt: 0,
        createdAt,
        updatedAt: createdAt,
        nextAttemptAt,
        ...dueIndex(nextAttemptAt, id),
        gsi2pk: PARTITIONS.subscriptionDeliveries(subscriptionId),
        gsi2sk: timeSortKey(createdAt, id),
      };
      const action = `Enqueueing delivery ${id} (subscription ${subscriptionId}, story ${storyId})`;
      // An expired record counts as absent, as it would once DynamoDB's TTL has deleted it.
      const nowSec = nowSeconds();
      const stored = await putOrGet(ctx, item, "Delivery", action, (e) => `${e.name("ttl")} <= ${e.value(nowSec)}`);
      return { delivery: toDelivery(stored.item), created: stored.created };
    },

    async getDelivery(id) {
      const item = await liveItem(assertId(id, "Delivery id"), `Reading delivery ${id}`);
      return item ? toDelivery(item) : null;
    },

    async claimDelivery(id, owner, now, leaseMs) {
      assertId(id, "Delivery id");
      if (typeof owner !== "string" || owner.length === 0) {
        throw new InvalidInput("A delivery claim needs a non-empty owner id, unique to the worker's attempt.");
      }
      if (!Number.isFinite(leaseMs) || leaseMs <= 0) {
        throw new InvalidInput(
          `The lease of delivery ${id} must be a positive number of milliseconds; got ${leaseMs}.`,
        );
      }
      const nowIso = toIso(now, "The time of the claim");
      const leaseUntil = addMs(nowIso, leaseMs);
      const item = await updateItem(
        ctx,
        keys.delivery(id),
        {
          set: { state: "sending", leaseOwner: owner, leaseUntil, updatedAt: nowIso, ...dueIndex(leaseUntil, id) },
          add: { attempt: 1 },
        },
        `Claiming delivery ${id}`,
        (e) => {
          const state = e.name("state");
          const at = e.value(nowIso);
          return (
            `(${state} = ${e.value("pending")} AND ${e.name("nextAttemptAt")} <= ${at}) OR ` +
            `(${state} = ${e.value("retrying")} AND ${e.name("nextAttemptAt")} <= ${at}) OR ` +
            `(${state} = ${e.value("sending")} AND ${e.name("leaseUntil")} < ${at})`
          );
        },
      );
      return item ? toDelivery(item) : null;
    },

    async completeDelivery(id, owner, result) {
      assertId(id, "Delivery id");
      const at = toIso(result.at ?? ctx.clock(), `The time delivery ${id} finished`);
      const action = `Recording the outcome of delivery ${id}`;
      const item = await updateItem(
        ctx,
        keys.delivery(id),
        outcomeUpdate(id, owner, result, at),
        action,
        (e) => `${e.name("state")} = ${e.value("sending")} AND ${e.name("leaseOwner")} = ${e.value(owner)}`,
      );
      if (item) return toDelivery(item);
      const existing = await liveItem(id, action);
      if (!existing) throw new NotFound("Delivery", id);
      // Our own write, whose acknowledgement was lost and which the SDK retried: report it as done.
      if (existing.lastOwner === owner && existing.state === result.outcome) return toDelivery(existing);
      const detail =
        existing.state === "sending"
          ? `it is leased to "${String(existing.leaseOwner)}"`
          : `it is already ${String(existing.state)}`;
      throw new LeaseLost(id, owner, detail);
    },

    async replayDelivery(id, now) {
      assertId(id, "Delivery id");
      const nowIso = toIso(now ?? ctx.clock(), "The time of the replay");
      const nowSec = epochSeconds(nowIso);
      const action = `Replaying delivery ${id}`;
      const item = await updateItem(
        ctx,
        keys.delivery(id),
        {
          set: { state: "pending", attempt: 0, nextAttemptAt: nowIso, updatedAt: nowIso, ...dueIndex(nowIso, id) },
          remove: ["ttl", "failedAt", ...LEASE],
        },
        action,
        (e) => {
          const ttl = e.name("ttl");
          return `${e.name("state")} = ${e.value("failed")} AND (attribute_not_exists(${ttl}) OR ${ttl} > ${e.value(nowSec)})`;
        },
      );
      if (item) return toDelivery(item);
      const existing = await liveItem(id, action);
      if (!existing) throw new NotFound("Delivery", id);
      throw new Conflict(`Delivery ${id} is ${String(existing.state)}; only failed deliveries can be replayed.`);
    },

    async listDueDeliveries(now, limit) {
      const nowIso = toIso(now, "The time to list due deliveries at");
      const nowSec = epochSeconds(nowIso);
      const due = await queryDue(
        ctx,
        {
          index: "gsi1",
          partition: PARTITIONS.dueDeliveries,
          keep: (item) => isLive(item, nowSec) && CLAIMABLE.includes(item.state as DeliveryState),
        },
        nowIso,
        pageSize(limit, DEFAULT_DUE_BATCH, MAX_DUE_BATCH),
        "Listing due deliveries",
      );
      return due.map(toDelivery);
    },

    async listDeliveries(subscriptionId, options = {}) {
      assertId(subscriptionId, "Subscription id");
      const nowSec = nowSeconds();
      const page = await queryPage(
        ctx,
        {
          index: "gsi2",
          partition: PARTITIONS.subscriptionDeliveries(subscriptionId),
          descending: true,
          keep: (item) => isLive(item, nowSec),
        },
        pageSize(options.limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
        options.cursor,
        `Listing the deliveries of subscription ${subscriptionId}`,
      );
      return { items: page.items.map(toDelivery), cursor: page.cursor };
    },
  };
}
