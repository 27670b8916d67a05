/**
 * Subscriptions: one item each. All of them sit in one index partition (gsi1 "SUBSCRIPTIONS") because fan-out
 * reads them all and filters in memory (see ACCESS-PATTERNS.md for the scale this assumes); the feed token is a
 * second index entry (gsi2 "FEED_TOKEN#<token>") so the Atom / JSON feed URL finds its subscription.
 */
import { assertOneOf } from "./checks.ts";
import { deleteItem, getItem, type Item, putOrGet, type StoreContext, stripInternal, updateItem } from "./db.ts";
import { InvalidInput, NotFound } from "./errors.ts";
import { assertId, keys, PARTITIONS, timeSortKey } from "./keys.ts";
import { queryAll, queryPage } from "./query.ts";
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

function subscriptionItem(input: NewSubscription, now: Date): Item {
  const id = assertId(input.id, "Subscription id");
  const what = `Subscription ${id}`;
  const feedToken = assertId(input.feedToken, `${what}'s feedToken`);
  if (feedToken.length < MIN_FEED_TOKEN_LENGTH) {
    throw new InvalidInput(`${what}'s feedToken is too short to be unguessable; use at least 20 random characters.`);
  }
  if (!Array.isArray(input.storylines)) throw new InvalidInput(`${what}'s storylines must be a list of storyline ids.`);
  for (const storyline of input.storylines) assertId(storyline, `${what}'s storyline id`);
  assertOneOf(input.mode, MODES, `${what}'s mode`);
  assertOneOf(input.channel?.type, CHANNELS, `${what}'s channel type`);
  const createdAt = toIso(input.createdAt ?? now, `${what}'s createdAt`);
  const subscription: Subscription = {
    ...input,
    createdAt,
    status: assertOneOf(input.status ?? "active", STATUSES, `${what}'s status`),
    failingSince: null,
    disabledAt: null,
    disabledReason: null,
    lastDeliveryAt: null,
  };
  return {
    ...subscription,
    ...keys.subscription(id),
    entity: "subscription",
    gsi1pk: PARTITIONS.allSubscriptions,
    gsi1sk: timeSortKey(createdAt, id),
    gsi2pk: PARTITIONS.feedToken(feedToken),
    gsi2sk: "SUB",
  };
}

function toSubscription(item: Item): Subscription {
  return stripInternal(item) as unknown as Subscription;
}

export function subscriptionStore(ctx: StoreContext): SubscriptionStore {
  return {
    async createSubscription(input) {
      const item = subscriptionItem(input, ctx.clock());
      const action = `Creating subscription ${input.id}`;
      const stored = await putOrGet(ctx, item, "Subscription", action);
      return { subscription: toSubscription(stored.item), created: stored.created };
    },

    async getSubscription(id) {
      const item = await getItem(ctx, keys.subscription(assertId(id, "Subscription id")), `Reading subscription ${id}`);
      return item ? toSubscription(item) : null;
    },

    async getSubscriptionByFeedToken(token) {
      // A token comes from a URL anyone can type: a malformed one is simply not found.
      if (typeof token !== "string" || token.length < MIN_FEED_TOKEN_LENGTH || token.length > 200) return null;
      if (/[#\s]/.test(token)) return null;
      const page = await queryPage(
        ctx,
        { index: "gsi2", partition: PARTITIONS.feedToken(token), descending: false },
        1,
        null,
        "Looking up a subscription by feed token",
      );
      const item = page.items[0];
      return item ? toSubscription(item) : null;
    },

    async deleteSubscription(id) {
      const key = keys.subscription(assertId(id, "Subscription id"));
      return (await deleteItem(ctx, key, `Deleting subscription ${id}`)) !== null;
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
      return items.map(toSubscription);
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
