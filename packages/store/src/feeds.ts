/**
 * Feeds: one item per feed, keyed by the id of its canonical URL. A feed that is not disabled also sits in
 * the due index (gsi1 "FEEDS_DUE", sorted by nextCheckAt), which is how the scheduler finds work.
 */
import type { Feed } from "@storywire/core";
import { assertOneOf, clipError } from "./checks.ts";
import { DEFAULT_DUE_BATCH, MAX_DUE_BATCH } from "./constants.ts";
import { deleteItem, getItem, type Item, putOrGet, type StoreContext, stripInternal, updateItem } from "./db.ts";
import { InvalidInput, NotFound } from "./errors.ts";
import type { UpdateSpec } from "./expression.ts";
import { assertId, keys, PARTITIONS, timeSortKey } from "./keys.ts";
import { pageSize, queryAll, queryDue } from "./query.ts";
import { toIso, toIsoOrNull } from "./time.ts";
import type { FeedFetchState, FeedStatus, FeedStore } from "./types.ts";

const STATUSES: readonly FeedStatus[] = ["active", "failing", "disabled"];
const DUE_INDEX = ["gsi1pk", "gsi1sk"];

function dueIndex(nextCheckAt: string, id: string): Item {
  return { gsi1pk: PARTITIONS.dueFeeds, gsi1sk: timeSortKey(nextCheckAt, id) };
}

function feedItem(feed: Feed): Item {
  const id = assertId(feed.id, "Feed id");
  const status = assertOneOf(feed.status, STATUSES, `Feed ${id}'s status`);
  if (typeof feed.url !== "string" || feed.url.length === 0) {
    throw new InvalidInput(`Feed ${id} has no URL; a feed needs the canonical URL it was registered with.`);
  }
  const createdAt = toIso(feed.createdAt, `Feed ${id}'s createdAt`);
  const nextCheckAt = toIso(feed.nextCheckAt, `Feed ${id}'s nextCheckAt`);
  return {
    ...feed,
    createdAt,
    nextCheckAt,
    lastCheckedAt: toIsoOrNull(feed.lastCheckedAt, `Feed ${id}'s lastCheckedAt`),
    lastError: clipError(feed.lastError) ?? null,
    ...keys.feed(id),
    entity: "feed",
    gsi2pk: PARTITIONS.allFeeds,
    gsi2sk: timeSortKey(createdAt, id),
    ...(status === "disabled" ? {} : dueIndex(nextCheckAt, id)),
  };
}

function toFeed(item: Item): Feed {
  return stripInternal(item) as unknown as Feed;
}

/** The SET part of a fetch-state update (undefined fields are left alone). */
function fetchStateFields(id: string, state: FeedFetchState): Item {
  if (state.url !== undefined && (typeof state.url !== "string" || state.url.length === 0)) {
    throw new InvalidInput(`The new URL of feed ${id} must be a non-empty string.`);
  }
  return {
    etag: state.etag,
    lastModified: state.lastModified,
    lastCheckedAt:
      state.lastCheckedAt === undefined ? undefined : toIsoOrNull(state.lastCheckedAt, `Feed ${id}'s lastCheckedAt`),
    nextCheckAt: state.nextCheckAt === undefined ? undefined : toIso(state.nextCheckAt, `Feed ${id}'s nextCheckAt`),
    status: state.status === undefined ? undefined : assertOneOf(state.status, STATUSES, `Feed ${id}'s status`),
    errorCount: state.errorCount,
    lastError: clipError(state.lastError),
    lastStatus: state.lastStatus,
    title: state.title,
    url: state.url,
    lastItems: state.lastItems,
    repairs: state.repairs,
  };
}

export function feedStore(ctx: StoreContext): FeedStore {
  async function requireFeed(id: string, item: Item | null): Promise<Feed> {
    if (item) return toFeed(item);
    throw new NotFound("Feed", id);
  }

  return {
    async addFeed(feed) {
      const item = feedItem(feed);
      const action = `Adding feed ${feed.id}`;
      const stored = await putOrGet(ctx, item, "Feed", action);
      return { feed: toFeed(stored.item), created: stored.created };
    },

    async getFeed(id) {
      const item = await getItem(ctx, keys.feed(assertId(id, "Feed id")), `Reading feed ${id}`);
      return item ? toFeed(item) : null;
    },

    async listFeeds() {
      const items = await queryAll(
        ctx,
        { index: "gsi2", partition: PARTITIONS.allFeeds, descending: false },
        "Listing feeds",
      );
      return items.map(toFeed);
    },

    async deleteFeed(id) {
      return (await deleteItem(ctx, keys.feed(assertId(id, "Feed id")), `Deleting feed ${id}`)) !== null;
    },

    async setFeedStatus(id, status, options = {}) {
      assertId(id, "Feed id");
      assertOneOf(status, STATUSES, `Feed ${id}'s status`);
      const action = `Setting feed ${id} to ${status}`;
      let spec: UpdateSpec;
      if (status === "disabled") {
        spec = { set: { status }, remove: DUE_INDEX };
      } else {
        const nextCheckAt = toIso(options.nextCheckAt ?? ctx.clock(), `Feed ${id}'s nextCheckAt`);
        spec = { set: { status, nextCheckAt, ...dueIndex(nextCheckAt, id) } };
      }
      return requireFeed(id, await updateItem(ctx, keys.feed(id), spec, action));
    },

    async updateFeedFetchState(id, state) {
      assertId(id, "Feed id");
      const action = `Recording the fetch state of feed ${id}`;
      const set = fetchStateFields(id, state);
      if (set.status === "disabled") {
        return requireFeed(id, await updateItem(ctx, keys.feed(id), { set, remove: DUE_INDEX }, action));
      }
      const next = set.nextCheckAt as string | undefined;
      const enabledSpec: UpdateSpec = { set: { ...set, ...(next ? dueIndex(next, id) : {}) } };
      const updated = await updateItem(
        ctx,
        keys.feed(id),
        enabledSpec,
        action,
        (e) => `${e.name("status")} <> ${e.value("disabled")}`,
      );
      if (updated) return toFeed(updated);
      // Missing, or disabled while the fetch ran: record what was learnt, but leave it disabled and off the
      // due list (its schedule is set again when it is re-enabled).
      const { status: _status, nextCheckAt: _next, ...rest } = set;
      if (Object.values(rest).every((value) => value === undefined)) {
        return requireFeed(id, await getItem(ctx, keys.feed(id), action));
      }
      return requireFeed(id, await updateItem(ctx, keys.feed(id), { set: rest }, action));
    },

    async listDueFeeds(now, limit) {
      const nowIso = toIso(now, "The time to list due feeds at");
      const due = await queryDue(
        ctx,
        { index: "gsi1", partition: PARTITIONS.dueFeeds, keep: (item) => item.status !== "disabled" },
        nowIso,
        pageSize(limit, DEFAULT_DUE_BATCH, MAX_DUE_BATCH),
        "Listing due feeds",
      );
      return due.map(toFeed);
    },
  };
}
