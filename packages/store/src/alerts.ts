/**
 * Alerts: one item per (storyline, story), its id derived from the pair so a second put is a no-op. A
 * storyline's alerts are listed newest first through gsi1 "ALERTS#<storylineId>". A subscription's alerts are
 * the ones fan-out gave it: its deliveries (newest first), each pointing at its alert.
 */

import { alertId } from "@storywire/core/ids";
import { assertOneOf } from "./checks.ts";
import { DEFAULT_ALERTS, MAX_ALERTS } from "./constants.ts";
import { batchGet, getItem, type Item, putOrGet, type StoreContext } from "./db.ts";
import { isLive } from "./deliveries.ts";
import { assertId, keys, PARTITIONS, timeSortKey } from "./keys.ts";
import { pageSize, queryPage } from "./query.ts";
import { readAlert } from "./records.ts";
import { RELATIONS } from "./stories.ts";
import { toIso } from "./time.ts";
import type { AlertRecord, AlertStore, NewAlert } from "./types.ts";

function alertItem(input: NewAlert, now: Date): Item {
  const storylineId = assertId(input.storylineId, "Alert storylineId");
  const storyId = assertId(input.storyId, "Alert storyId");
  // The caller's id is kept when given; it must be derived from (storyline, story) alone, like alertId,
  // or the one-alert-per-pair guarantee (the conditional put on the id) is lost.
  const id = input.id === undefined ? alertId(storylineId, storyId) : assertId(input.id, "Alert id");
  assertOneOf(input.relation, RELATIONS, `Alert ${id}'s relation`);
  const createdAt = toIso(input.createdAt ?? now, `Alert ${id}'s createdAt`);
  const alert: AlertRecord = { ...input, id, createdAt };
  return {
    ...alert,
    ...keys.alert(id),
    entity: "alert",
    gsi1pk: PARTITIONS.storylineAlerts(storylineId),
    gsi1sk: timeSortKey(createdAt, id),
  };
}

function toAlert(item: Item): AlertRecord {
  return readAlert(item);
}

export function alertStore(ctx: StoreContext): AlertStore {
  async function subscriptionAlerts(subscriptionId: string, limit: number): Promise<AlertRecord[]> {
    const action = `Listing the alerts of subscription ${subscriptionId}`;
    const nowSec = Math.floor(ctx.clock().getTime() / 1000);
    const deliveries = await queryPage(
      ctx,
      {
        index: "gsi2",
        partition: PARTITIONS.subscriptionDeliveries(subscriptionId),
        descending: true,
        keep: (item) => isLive(item, nowSec) && typeof item.alertId === "string",
      },
      limit,
      null,
      action,
    );
    const ids = [...new Set(deliveries.items.map((item) => String(item.alertId)))];
    const found = await batchGet(
      ctx,
      ids.map((id) => keys.alert(id)),
      action,
    );
    const byId = new Map(found.map((item) => [String(item.id), toAlert(item)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  return {
    async putAlert(input) {
      const item = alertItem(input, ctx.clock());
      const id = String(item.id);
      const action = `Storing alert ${id} (storyline ${input.storylineId}, story ${input.storyId})`;
      const stored = await putOrGet(ctx, item, "Alert", action);
      return { alert: toAlert(stored.item), created: stored.created };
    },

    async getAlert(id) {
      const item = await getItem(ctx, keys.alert(assertId(id, "Alert id")), `Reading alert ${id}`);
      return item ? toAlert(item) : null;
    },

    async listAlerts(query, limit) {
      const size = pageSize(limit, DEFAULT_ALERTS, MAX_ALERTS);
      if ("subscriptionId" in query) {
        return subscriptionAlerts(assertId(query.subscriptionId, "Subscription id"), size);
      }
      const storylineId = assertId(query.storylineId, "Storyline id");
      const page = await queryPage(
        ctx,
        { index: "gsi1", partition: PARTITIONS.storylineAlerts(storylineId), descending: true },
        size,
        null,
        `Listing the alerts of storyline ${storylineId}`,
      );
      return page.items.map(toAlert);
    },
  };
}
