/**
 * Feeds: one item per feed, keyed by the id of its canonical URL. A feed that is not disabled or paused also sits in
 * the due index (gsi1 "FEEDS_DUE", sorted by nextCheckAt), which is how the scheduler finds work: a page at a time
 * behind a cursor, feeds with a live claim dropped as they are read.
 *
 * Claims (FEED-CLAIMS.md has the state machine and each transition's conditional write): a fetch holds a claim on
 * the feed (claimOwner, claimUntil). Whoever queues a fetch job claims first (owner "queued-..."), so the feed is
 * not queued again while the job waits; the worker that gets any fetch job for the feed takes that claim over with
 * one write that also returns the feed (no separate read); the fetch's final record of its result releases the
 * claim in the same write. A claim lapses at claimUntil (a crashed holder blocks the feed for one lease, seconds to
 * a minute) and is renewed by a live worker. Every claim condition is written flat (OR of AND chains, see
 * db.ts updateWhere).
 */
import type { Feed } from "@storywire/core";
import { assertOneOf, clipError } from "./checks.ts";
import { DEFAULT_DUE_BATCH, MAX_DUE_BATCH } from "./constants.ts";
import { deleteItem, getItem, type Item, putOrGet, type StoreContext, updateItem, updateWhere } from "./db.ts";
import { InvalidInput, NotFound } from "./errors.ts";
import type { Expr, UpdateSpec } from "./expression.ts";
import { assertId, atOrBefore, keys, PARTITIONS, timeSortKey } from "./keys.ts";
import { pageSize, queryAll, queryDue, queryPage } from "./query.ts";
import { readFeed } from "./records.ts";
import { addMs, toIso, toIsoOrNull } from "./time.ts";
import type { DueFeedPage, FeedClaim, FeedFetchState, FeedStatus, FeedStore } from "./types.ts";

const STATUSES: readonly FeedStatus[] = ["active", "failing", "disabled", "paused"];
/** Statuses that keep a feed off the due list: fetches neither happen nor change them. */
const STOPPED: readonly FeedStatus[] = ["disabled", "paused"];
const DUE_INDEX = ["gsi1pk", "gsi1sk"];
const CLAIM = ["claimOwner", "claimUntil"] as const;

/** Checks a claim's owner and lease, naming the feed in the error; returns the claim's end. */
function claimUntil(id: string, claim: Pick<FeedClaim, "owner" | "now" | "leaseMs">): { now: string; until: string } {
  if (typeof claim.owner !== "string" || claim.owner.length === 0 || claim.owner.length > 200) {
    throw new InvalidInput(`A claim on feed ${id} needs an owner id of 1 to 200 characters, unique to the attempt.`);
  }
  if (!Number.isFinite(claim.leaseMs) || claim.leaseMs <= 0) {
    throw new InvalidInput(
      `The claim on feed ${id} must last a positive number of milliseconds; got ${claim.leaseMs}.`,
    );
  }
  const now = toIso(claim.now, `The time of the claim on feed ${id}`);
  return { now, until: addMs(now, claim.leaseMs) };
}

/** The owner of a claim made for a job that waits in the queue (a worker that gets a fetch job may take it over). */
export const QUEUED_CLAIM_PREFIX = "queued-";

/**
 * The claim condition, flat: the feed is due and running (not disabled or paused), and its claim is free (none, or
 * lapsed: claimUntil <= now) or, with takeOverQueued, held for a job that still waits in the queue. Each branch
 * repeats the shared part, because AND binds tighter than OR and parentheses cost the embedded store dearly.
 */
function claimable(e: Expr, now: string, takeOverQueued: boolean): string {
  const at = e.value(now);
  const until = e.name("claimUntil");
  const status = e.name("status");
  const due = `${e.name("nextCheckAt")} <= ${at} AND ${status} <> ${e.value("disabled")} AND ${status} <> ${e.value("paused")}`;
  const free = [`attribute_not_exists(${until})`, `${until} <= ${at}`];
  if (takeOverQueued) free.push(`begins_with(${e.name("claimOwner")}, ${e.value(QUEUED_CLAIM_PREFIX)})`);
  return free.map((branch) => `${branch} AND ${due}`).join(" OR ");
}

/** Only the holder of a claim moves it: `claimOwner = owner` (a missing item or a lost claim fails it). */
function heldBy(owner: string): (e: Expr) => string {
  return (e) => `${e.name("claimOwner")} = ${e.value(owner)}`;
}

/** The due list's read-time check: running, and no live claim at `nowIso` (the index may lag a claim by moments). */
function dueAt(nowIso: string): (item: Item) => boolean {
  return (item) =>
    !STOPPED.includes(item.status as FeedStatus) && !(typeof item.claimUntil === "string" && item.claimUntil > nowIso);
}

function dueIndex(nextCheckAt: string, id: string): Item {
  return { gsi1pk: PARTITIONS.dueFeeds, gsi1sk: timeSortKey(nextCheckAt, id) };
}

function feedItem(feed: Feed, claim?: { owner: string; until: string }): Item {
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
    ...(STOPPED.includes(status) ? {} : dueIndex(nextCheckAt, id)),
    ...(claim ? { claimOwner: claim.owner, claimUntil: claim.until } : {}),
  };
}

/**
 * A feed as stored, without the claim (who fetches it right now is the scheduler's business, not the reader's);
 * the user's name for it (renameFeed) wins over the title the feed gives itself.
 */
function toFeed(item: Item): Feed {
  return readFeed(item, CLAIM);
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

/** A folder name as stored: trimmed, null for none; longer than 200 characters is refused. */
function folderName(id: string, folder: string | null | undefined): string | null {
  const name = folder?.trim() ?? "";
  if (name.length > 200) throw new InvalidInput(`The folder of feed ${id} must be at most 200 characters.`);
  return name === "" ? null : name;
}

export function feedStore(ctx: StoreContext): FeedStore {
  async function requireFeed(id: string, item: Item | null): Promise<Feed> {
    if (item) return toFeed(item);
    throw new NotFound("Feed", id);
  }

  return {
    async addFeed(feed, options = {}) {
      const claim = options.claim
        ? { owner: options.claim.owner, until: claimUntil(String(feed.id), options.claim).until }
        : undefined;
      const item = feedItem(feed, claim);
      const name = options.userTitle?.trim() ?? "";
      if (name.length > 200) throw new InvalidInput(`The title of feed ${feed.id} must be at most 200 characters.`);
      if (name !== "") item.userTitle = name;
      const folder = folderName(String(item.id), options.folder);
      if (folder !== null) item.folder = folder;
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
      const deleted = (await deleteItem(ctx, keys.feed(assertId(id, "Feed id")), `Deleting feed ${id}`)) !== null;
      if (deleted) await deleteItem(ctx, keys.feedStats(id), `Deleting the counters of feed ${id}`);
      return deleted;
    },

    async renameFeed(id, title) {
      assertId(id, "Feed id");
      const name = title?.trim() ?? "";
      if (name.length > 200) throw new InvalidInput(`The title of feed ${id} must be at most 200 characters.`);
      const spec: UpdateSpec = name === "" ? { remove: ["userTitle"] } : { set: { userTitle: name } };
      return requireFeed(id, await updateItem(ctx, keys.feed(id), spec, `Renaming feed ${id}`));
    },

    async setFeedFolder(id, folder) {
      assertId(id, "Feed id");
      const name = folderName(id, folder);
      const spec: UpdateSpec = name === null ? { remove: ["folder"] } : { set: { folder: name } };
      return requireFeed(id, await updateItem(ctx, keys.feed(id), spec, `Moving feed ${id} to a folder`));
    },

    async setFeedStatus(id, status, options = {}) {
      assertId(id, "Feed id");
      assertOneOf(status, STATUSES, `Feed ${id}'s status`);
      const action = `Setting feed ${id} to ${status}`;
      let spec: UpdateSpec;
      if (STOPPED.includes(status)) {
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
      if (set.status === "disabled" || set.status === "paused") {
        return requireFeed(id, await updateItem(ctx, keys.feed(id), { set, remove: DUE_INDEX }, action));
      }
      const next = set.nextCheckAt as string | undefined;
      const enabledSpec: UpdateSpec = { set: { ...set, ...(next ? dueIndex(next, id) : {}) } };
      const updated = await updateItem(
        ctx,
        keys.feed(id),
        enabledSpec,
        action,
        (e) => `${e.name("status")} <> ${e.value("disabled")} AND ${e.name("status")} <> ${e.value("paused")}`,
      );
      if (updated) return toFeed(updated);
      // Missing, or disabled or paused while the fetch ran: record what was learnt, but leave it stopped and off
      // the due list (its schedule is set again when it is resumed).
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
        { index: "gsi1", partition: PARTITIONS.dueFeeds, keep: dueAt(nowIso) },
        nowIso,
        pageSize(limit, DEFAULT_DUE_BATCH, MAX_DUE_BATCH),
        "Listing due feeds",
      );
      return due.map(toFeed);
    },

    async listDueFeedPage(now, options = {}): Promise<DueFeedPage> {
      const nowIso = toIso(now, "The time to list due feeds at");
      const page = await queryPage(
        ctx,
        {
          index: "gsi1",
          partition: PARTITIONS.dueFeeds,
          sort: { op: "<=", value: atOrBefore(nowIso) },
          descending: false,
          keep: dueAt(nowIso),
        },
        pageSize(options.limit, DEFAULT_DUE_BATCH, MAX_DUE_BATCH),
        options.cursor,
        "Listing due feeds",
      );
      return { items: page.items.map(toFeed), cursor: page.cursor };
    },

    async claimFeed(id, claim) {
      assertId(id, "Feed id");
      const { now, until } = claimUntil(id, claim);
      const item = await updateWhere(
        ctx,
        keys.feed(id),
        { set: { claimOwner: claim.owner, claimUntil: until } },
        `Claiming feed ${id}`,
        (e) => claimable(e, now, claim.takeOverQueued === true),
      );
      return item ? toFeed(item) : null;
    },

    async renewFeedClaim(id, owner, now, leaseMs) {
      assertId(id, "Feed id");
      const { until } = claimUntil(id, { owner, now, leaseMs });
      const item = await updateWhere(
        ctx,
        keys.feed(id),
        { set: { claimUntil: until } },
        `Renewing the claim on feed ${id}`,
        heldBy(owner),
        "NONE",
      );
      return item !== null;
    },

    async releaseFeedClaim(id, owner) {
      assertId(id, "Feed id");
      const item = await updateWhere(
        ctx,
        keys.feed(id),
        { remove: [...CLAIM] },
        `Releasing the claim on feed ${id}`,
        heldBy(owner),
        "NONE",
      );
      return item !== null;
    },

    async finishFeedFetch(id, owner, state) {
      assertId(id, "Feed id");
      const action = `Recording the fetch state of feed ${id}`;
      const set = fetchStateFields(id, state);
      const running = (e: Expr) =>
        `${heldBy(owner)(e)} AND ${e.name("status")} <> ${e.value("disabled")} AND ${e.name("status")} <> ${e.value("paused")}`;
      // No item in the answer: the caller only needs to know it was recorded (and the answer costs CPU on both sides).
      const write = (spec: UpdateSpec, condition: (e: Expr) => string) =>
        updateWhere(ctx, keys.feed(id), spec, action, condition, "NONE");
      if (set.status === "disabled" || set.status === "paused") {
        if (await write({ set, remove: [...DUE_INDEX, ...CLAIM] }, heldBy(owner))) return true;
      } else {
        const next = set.nextCheckAt as string | undefined;
        const due = next ? dueIndex(next, id) : {};
        if (await write({ set: { ...set, ...due }, remove: [...CLAIM] }, running)) return true;
      }
      // Rare: the feed is gone, the claim was lost (lapsed and taken: its new holder records its own result), or the
      // feed was disabled or paused while the fetch ran (record what was learnt; it stays stopped and off the list).
      const current = await getItem(ctx, keys.feed(id), action);
      if (!current || current.claimOwner !== owner) return false;
      const { status: _status, nextCheckAt: _next, ...rest } = set;
      return (await write({ set: rest, remove: [...CLAIM] }, heldBy(owner))) !== null;
    },
  };
}
