/**
 * Subscriptions: one item each. All of them sit in one index partition (gsi1 "SUBSCRIPTIONS") because fan-out
 * reads them all and filters in memory (see ACCESS-PATTERNS.md for the scale this assumes); the feed token's
 * SHA-256 is a second index entry (gsi2 "FEED_TOKEN#<sha256>") so the Atom / JSON feed URL finds its subscription.
 *
 * The signing secret (and the previous one during a rotation) and the feed token are stored sealed (secret-box.ts):
 * records are sealed when written and opened when read. Records written in plaintext before encryption existed,
 * or sealed under an admin key since rotated, are sealed again under the current key the first time they are read.
 */
import { assertOneOf } from "./checks.ts";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./constants.ts";
import { batchWrite, deleteItem, getItem, type Item, putOrGet, type StoreContext, updateItem } from "./db.ts";
import { Conflict, InvalidInput, NotFound, StoreError } from "./errors.ts";
import { assertId, keys, PARTITIONS, timeSortKey } from "./keys.ts";
import { pageSize, queryAll, queryPage } from "./query.ts";
import { readSubscription } from "./records.ts";
import { isSealed, type SecretBox, tokenDigest } from "./secret-box.ts";
import { toIso, toIsoOrNull } from "./time.ts";
import type {
  ChannelType,
  DeliveryMode,
  NewSubscription,
  Subscription,
  SubscriptionStatus,
  SubscriptionStore,
} from "./types.ts";

const MODES: readonly DeliveryMode[] = ["immediate", "hourly", "daily"];
const CHANNELS: readonly ChannelType[] = ["webhook", "slack", "discord", "email", "feed"];
const STATUSES: readonly SubscriptionStatus[] = ["active", "disabled"];
/** A feed token is a bearer secret in a URL: anything shorter is guessable. */
const MIN_FEED_TOKEN_LENGTH = 20;
/** The fields stored sealed. */
const SEALED_FIELDS = ["secret", "previousSecret", "feedToken"] as const;
type SealedField = (typeof SEALED_FIELDS)[number];

const context = (id: string, field: SealedField) => `subscription:${id}:${field}`;

function requireBox(ctx: StoreContext, id: string, doing: string): SecretBox {
  if (ctx.secrets) return ctx.secrets;
  throw new StoreError(
    `Subscription ${id}'s secrets cannot be ${doing}: the store was opened without the admin key that encrypts ` +
      "them. Pass it to createStore({ secrets: { current: <admin key> } }).",
  );
}

function subscriptionItem(input: NewSubscription, ctx: StoreContext): Item {
  const id = assertId(input.id, "Subscription id");
  const what = `Subscription ${id}`;
  const feedToken = assertId(input.feedToken, `${what}'s feedToken`);
  if (feedToken.length < MIN_FEED_TOKEN_LENGTH) {
    throw new InvalidInput(`${what}'s feedToken is too short to be unguessable; use at least 20 random characters.`);
  }
  if (typeof input.secret !== "string" || input.secret.length === 0) {
    throw new InvalidInput(`${what} needs a signing secret.`);
  }
  if (!Array.isArray(input.storylines)) throw new InvalidInput(`${what}'s storylines must be a list of storyline ids.`);
  for (const storyline of input.storylines) assertId(storyline, `${what}'s storyline id`);
  assertOneOf(input.mode, MODES, `${what}'s mode`);
  assertOneOf(input.channel?.type, CHANNELS, `${what}'s channel type`);
  const createdAt = toIso(input.createdAt ?? ctx.clock(), `${what}'s createdAt`);
  const box = requireBox(ctx, id, "stored");
  return {
    ...input,
    secret: box.seal(input.secret, context(id, "secret")),
    feedToken: box.seal(feedToken, context(id, "feedToken")),
    previousSecret: null,
    previousSecretExpiresAt: null,
    createdAt,
    status: assertOneOf(input.status ?? "active", STATUSES, `${what}'s status`),
    failingSince: null,
    disabledAt: null,
    disabledReason: null,
    lastDeliveryAt: null,
    ...keys.subscription(id),
    entity: "subscription",
    gsi1pk: PARTITIONS.allSubscriptions,
    gsi1sk: timeSortKey(createdAt, id),
    gsi2pk: PARTITIONS.feedToken(tokenDigest(feedToken)),
    gsi2sk: "SUB",
  };
}

export function subscriptionStore(ctx: StoreContext): SubscriptionStore {
  /**
   * The record with its sealed fields opened on first read (enumerable getters, so spreading or serializing
   * opens them): code that never reads a secret, such as fan-out in the ingest step, needs no key.
   */
  function toSubscription(item: Item): Subscription {
    const id = String(item.id);
    const record = readSubscription(item);
    for (const field of SEALED_FIELDS) {
      const value = item[field];
      if (typeof value !== "string" || !isSealed(value)) continue;
      let opened: string | undefined;
      Object.defineProperty(record, field, {
        enumerable: true,
        configurable: true,
        get: () => {
          opened ??= requireBox(ctx, id, "read").open(value, context(id, field), `Subscription ${id}'s ${field}`);
          return opened;
        },
      });
    }
    return record;
  }

  /**
   * Seals again, under the current key, a record holding plaintext or values sealed under a previous key. Best
   * effort: the condition makes it a no-op when the record changed meanwhile, and a failure is retried next read.
   */
  async function reseal(item: Item, subscription: Subscription): Promise<void> {
    const box = ctx.secrets;
    if (!box) return; // a process without the key (the ingest step) never opens secrets, nor seals them again
    const stale = SEALED_FIELDS.filter((field) => typeof item[field] === "string" && box.needsReseal(item[field]));
    if (stale.length === 0) return;
    const id = subscription.id;
    const set: Item = {};
    try {
      for (const field of stale) set[field] = box.seal(String(subscription[field]), context(id, field));
      set.gsi2pk = PARTITIONS.feedToken(tokenDigest(subscription.feedToken));
    } catch {
      return; // sealed under a key this process does not have: reading the field says so
    }
    await updateItem(ctx, keys.subscription(id), { set }, `Re-encrypting subscription ${id}'s secrets`, (e) =>
      stale.map((field) => `${e.name(field)} = ${e.value(item[field])}`).join(" AND "),
    ).catch(() => undefined);
  }

  async function read(item: Item): Promise<Subscription> {
    const subscription = toSubscription(item);
    await reseal(item, subscription);
    return subscription;
  }

  /** The subscription's entry under each storyline it names (keys.storylineSubscriber). */
  const storylineEntries = (id: string, storylines: readonly unknown[]) =>
    [...new Set(storylines.map(String))].map((storyline) => keys.storylineSubscriber(storyline, id));

  return {
    async createSubscription(input) {
      const item = subscriptionItem(input, ctx);
      const action = `Creating subscription ${input.id}`;
      // Entries first: whoever deletes a storyline reads them (strongly consistent) after marking it, so a
      // subscription written after that read is one whose own check after writing sees the mark.
      const entries = storylineEntries(item.id as string, input.storylines);
      await batchWrite(
        ctx,
        { puts: entries.map((key) => ({ ...key, entity: "storylineSubscriber", subscriptionId: item.id })) },
        action,
      );
      const stored = await putOrGet(ctx, item, "Subscription", action);
      return { subscription: toSubscription(stored.item), created: stored.created };
    },

    async getSubscription(id) {
      const item = await getItem(ctx, keys.subscription(assertId(id, "Subscription id")), `Reading subscription ${id}`);
      return item ? read(item) : null;
    },

    async getSubscriptionByFeedToken(token) {
      // A token comes from a URL anyone can type: a malformed one is simply not found.
      if (typeof token !== "string" || token.length < MIN_FEED_TOKEN_LENGTH || token.length > 200) return null;
      if (/[#\s]/.test(token)) return null;
      const action = "Looking up a subscription by feed token";
      // Records written before tokens were indexed by digest are indexed by the token itself.
      for (const partition of [PARTITIONS.feedToken(tokenDigest(token)), PARTITIONS.feedToken(token)]) {
        const page = await queryPage(ctx, { index: "gsi2", partition, descending: false }, 1, null, action);
        const item = page.items[0];
        if (!item) continue;
        const subscription = await read(item);
        // The index is eventually consistent and digests are not secret: check the token itself.
        if (subscription.feedToken === token) return subscription;
      }
      return null;
    },

    async deleteSubscription(id) {
      const key = keys.subscription(assertId(id, "Subscription id"));
      const action = `Deleting subscription ${id}`;
      const old = await deleteItem(ctx, key, action);
      if (old === null) return false;
      // After the record: an entry without its subscription counts for nobody (see createSubscription).
      const storylines = Array.isArray(old.storylines) ? old.storylines : [];
      await batchWrite(ctx, { deletes: storylineEntries(id, storylines) }, action);
      return true;
    },

    async listSubscriptions(options = {}) {
      const items = await queryAll(
        ctx,
        {
          index: "gsi1",
          partition: PARTITIONS.allSubscriptions,
          descending: false,
          ...(options.includeDisabled ? {} : { keep: (item: Item) => item.status !== "disabled" }),
        },
        "Listing subscriptions",
      );
      return Promise.all(items.map(read));
    },

    async listSubscriptionsPage(options = {}) {
      const page = await queryPage(
        ctx,
        { index: "gsi1", partition: PARTITIONS.allSubscriptions, descending: false },
        pageSize(options.limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
        options.cursor,
        "Listing subscriptions",
      );
      return { items: await Promise.all(page.items.map(read)), cursor: page.cursor };
    },

    async rotateSubscriptionSecret(id, rotation) {
      assertId(id, "Subscription id");
      const what = `Subscription ${id}`;
      if (typeof rotation.secret !== "string" || rotation.secret.length === 0) {
        throw new InvalidInput(`${what} needs a new signing secret to rotate to.`);
      }
      const now = toIso(rotation.now ?? ctx.clock(), "The time of the rotation");
      const until = toIso(rotation.previousValidUntil, `${what}'s previous secret expiry`);
      const box = requireBox(ctx, id, "rotated");
      const action = `Rotating the signing secret of subscription ${id}`;
      // Two rounds: a concurrent re-encryption (same secret, new ciphertext) is not a concurrent rotation.
      for (let round = 0; round < 2; round++) {
        const item = await getItem(ctx, keys.subscription(id), action);
        if (!item) throw new NotFound("Subscription", id);
        const current = toSubscription(item);
        const keepPrevious = until > now;
        const updated = await updateItem(
          ctx,
          keys.subscription(id),
          {
            set: {
              secret: box.seal(rotation.secret, context(id, "secret")),
              previousSecret: keepPrevious ? box.seal(current.secret, context(id, "previousSecret")) : null,
              previousSecretExpiresAt: keepPrevious ? until : null,
              secretRotatedAt: now,
            },
          },
          action,
          (e) => `${e.name("secret")} = ${e.value(item.secret)}`,
        );
        if (updated) return toSubscription(updated);
        const again = await getItem(ctx, keys.subscription(id), action);
        if (!again) throw new NotFound("Subscription", id);
        if (toSubscription(again).secret !== current.secret) {
          throw new Conflict(
            `The signing secret of subscription ${id} was rotated by another request at the same moment; that ` +
              "request's answer holds the new secret. Rotate again if you need a secret you have seen.",
          );
        }
      }
      throw new Conflict(`The signing secret of subscription ${id} kept changing while it was rotated; try again.`);
    },

    async updateSubscriptionHealth(id, health) {
      assertId(id, "Subscription id");
      const what = `Subscription ${id}`;
      const iso = (value: Date | string | null | undefined, field: string) =>
        value === undefined ? undefined : toIsoOrNull(value, `${what}'s ${field}`);
      const disabledAt = iso(health.disabledAt, "disabledAt");
      const item = await updateItem(
        ctx,
        keys.subscription(id),
        {
          set: {
            failingSince: iso(health.failingSince, "failingSince"),
            disabledAt,
            disabledReason: health.disabledReason,
            lastDeliveryAt: iso(health.lastDeliveryAt, "lastDeliveryAt"),
            status: disabledAt === undefined ? undefined : disabledAt === null ? "active" : "disabled",
          },
        },
        `Recording the health of subscription ${id}`,
      );
      if (!item) throw new NotFound("Subscription", id);
      return toSubscription(item);
    },
  };
}
