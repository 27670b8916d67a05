/**
 * Every record the store reads is parsed here, by a schema, instead of cast: a record that does not match (a
 * field missing, of another type, a value no version ever wrote) fails at the boundary with a StoredRecordError
 * naming the record's key and the field, rather than as a wrong value deep inside the pipeline or the API.
 *
 * Cheap by design, since lists and seen items are hot paths: each schema checks the fields code relies on (their
 * presence and type, enums), nested scoring output (framing, evidence) only as far as its shape, and unknown
 * attributes are dropped. The table's own attributes (keys, index keys, ttl, entity) are removed first.
 * zod/mini: this module is in every Lambda bundle.
 */
import type { Feed, FeedItemCounts, FeedRepair, Framing, Story, StorylineScore } from "@storywire/core";
import * as z from "zod/mini";
import type { Item } from "./db.ts";
import { StoreError } from "./errors.ts";
import { INTERNAL_ATTRIBUTES } from "./keys.ts";
import type {
  AlertRecord,
  Delivery,
  StorylineEvent,
  StorySummary,
  Subscription,
  SubscriptionChannel,
  SubscriptionFilters,
} from "./types.ts";

/** A stored record that no schema of this version accepts: the key and the field say which and where. */
export class StoredRecordError extends StoreError {
  constructor(
    readonly record: string,
    readonly key: string,
    readonly field: string,
    detail: string,
  ) {
    super(
      `The stored ${record} at ${key} cannot be read: ${field ? `field "${field}"` : "the record"} ${detail}. ` +
        "It was written by another version or changed by hand; fix or delete that item.",
    );
    this.name = "StoredRecordError";
  }
}

const text = z.string();
const nullableText = z.nullable(z.string());
/** Absent and null read the same (older records lack fields added since). */
const optionalText = z.pipe(
  z.optional(z.nullable(z.string())),
  z.transform((v: string | null | undefined) => v ?? null),
);
const optionalNumber = z.pipe(
  z.optional(z.nullable(z.number())),
  z.transform((v: number | null | undefined) => v ?? null),
);
const relation = z.enum(["first", "update", "duplicate"]);
/** Nested scoring output: an object, taken as written (it is produced and consumed by the same code). */
const object = <T>() => z.custom<T>((v) => typeof v === "object" && v !== null && !Array.isArray(v));
const list = <T>() => z.custom<T[]>((v) => Array.isArray(v));

const feed = z.object({
  id: text,
  url: text,
  title: nullableText,
  userTitle: z.optional(z.nullable(z.string())),
  createdAt: text,
  status: z.enum(["active", "failing", "disabled", "paused"]),
  etag: optionalText,
  lastModified: optionalText,
  lastCheckedAt: optionalText,
  nextCheckAt: text,
  errorCount: z.number(),
  lastError: optionalText,
  lastStatus: optionalNumber,
  lastItems: z.optional(z.nullable(object<FeedItemCounts>())),
  repairs: z.optional(z.nullable(list<FeedRepair>())),
  folder: z.optional(z.nullable(z.string())),
});

const storyFields = {
  id: text,
  key: text,
  feedId: nullableText,
  title: text,
  url: nullableText,
  source: text,
  author: nullableText,
  language: nullableText,
  publishedAt: nullableText,
  fetchedAt: text,
  eventId: z.optional(z.nullable(z.string())),
  relation: z.optional(z.nullable(relation)),
};

const story = z.object({
  ...storyFields,
  text,
  storylines: z.optional(list<StorylineScore>()),
  framing: z.optional(object<Framing>()),
  fingerprint: z.optional(z.string()),
  novel: z.optional(z.array(z.string())),
});

const summary = z.object({
  ...storyFields,
  storylines: list<StorySummary["storylines"][number]>(),
  framing: z.nullable(object<NonNullable<StorySummary["framing"]>>()),
});

const subscription = z.object({
  id: text,
  storylines: z.array(z.string()),
  minScore: z.number(),
  filters: object<SubscriptionFilters>(),
  mode: z.enum(["immediate", "hourly", "daily"]),
  channel: z.object({
    type: z.enum(["webhook", "slack", "discord", "email", "feed"]),
    url: z.optional(z.string()),
    to: z.optional(z.string()),
  }),
  // Sealed (secret-box.ts) or, in records written before encryption at rest, plain: opened on first read.
  secret: text,
  previousSecret: optionalText,
  previousSecretExpiresAt: z.optional(z.nullable(z.string())),
  secretRotatedAt: z.optional(z.nullable(z.string())),
  feedToken: text,
  createdAt: text,
  status: z.enum(["active", "disabled"]),
  failingSince: optionalText,
  disabledAt: optionalText,
  disabledReason: optionalText,
  lastDeliveryAt: optionalText,
});

const alert = z.object({
  id: text,
  storylineId: text,
  storyId: text,
  eventId: nullableText,
  relation,
  title: text,
  url: nullableText,
  source: text,
  publishedAt: nullableText,
  novel: z.array(z.string()),
  storylineScore: z.number(),
  framingLabel: optionalText,
  framingSummary: optionalText,
  createdAt: text,
});

const delivery = z.object({
  id: text,
  subscriptionId: text,
  storyId: text,
  alertId: optionalText,
  storylineId: optionalText,
  state: z.enum(["pending", "sending", "delivered", "retrying", "failed"]),
  attempt: z._default(z.number(), 0),
  createdAt: text,
  updatedAt: text,
  nextAttemptAt: optionalText,
  leaseOwner: optionalText,
  leaseUntil: optionalText,
  lastOwner: optionalText,
  deliveredAt: optionalText,
  failedAt: optionalText,
  lastError: optionalText,
  lastStatus: optionalNumber,
  ttl: z.optional(z.number()),
});

const event = z.object({
  id: text,
  storylineId: text,
  title: z._default(z.string(), ""),
  startedAt: text,
  lastStoryAt: z.optional(z.string()),
  storyIds: z.optional(z.custom<Set<string>>((v) => v instanceof Set)),
  createdAt: text,
});

const storylineRecord = z.object({
  id: text,
  definitionJson: z.optional(z.nullable(z.string())),
  query: optionalText,
  revision: z._default(z.number(), 1),
  createdAt: text,
  updatedAt: z.optional(z.string()),
});

const seenItems = z.object({ ids: z._default(z.string(), ""), version: z._default(z.number(), 0) });

const lock = z.object({ owner: z.nullable(z.string()), leaseUntil: text, recent: z._default(z.array(z.string()), []) });

function keyOf(item: Item): string {
  return item.pk === undefined ? "(no key)" : `${String(item.pk)}/${String(item.sk)}`;
}

/** Parses `value` (an item, or text stored inside one) with `schema`; throws StoredRecordError naming key and field. */
function parse<S extends z.ZodMiniType>(schema: S, value: unknown, record: string, key: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? issue.path.map(String).join(".") : "";
  const detail =
    issue?.code === "invalid_type"
      ? `is ${issue.input === undefined ? "missing" : `not a ${issue.expected}`}`
      : issue?.code === "invalid_value"
        ? `holds ${JSON.stringify(issue.input)}, which is not one of its values`
        : (issue?.message ?? "does not match");
  throw new StoredRecordError(record, key, field, detail);
}

function withoutInternal(item: Item, extra: readonly string[] = []): Item {
  const record: Item = { ...item };
  for (const name of [...INTERNAL_ATTRIBUTES, ...extra]) delete record[name];
  return record;
}

/** A feed; `userTitle` (a title set through the API) wins over the feed's own. `extra`: claim attributes. */
export function readFeed(item: Item, extra: readonly string[] = []): Feed {
  const { userTitle, ...rest } = parse(feed, withoutInternal(item, extra), "feed", keyOf(item));
  return { ...rest, title: typeof userTitle === "string" ? userTitle : rest.title } as Feed;
}

export function readStory(item: Item): Story {
  return parse(story, withoutInternal(item, ["sortAt"]), "story", keyOf(item)) as Story;
}

/** A story list entry's summary, kept as JSON text in attribute `s`. */
export function readSummary(item: Item): StorySummary {
  const key = keyOf(item);
  let value: unknown;
  try {
    value = JSON.parse(String(item.s));
  } catch {
    throw new StoredRecordError("story list entry", key, "s", "is not JSON");
  }
  return parse(summary, value, "story list entry", key) as StorySummary;
}

/** A subscription with its sealed fields still sealed (subscriptions.ts opens them on first read). */
export function readSubscription(item: Item): Subscription {
  const parsed = parse(subscription, withoutInternal(item), "subscription", keyOf(item));
  return { ...parsed, channel: parsed.channel as SubscriptionChannel } as Subscription;
}

export function readAlert(item: Item): AlertRecord {
  return parse(alert, withoutInternal(item), "alert", keyOf(item)) as AlertRecord;
}

export function readDelivery(item: Item): Delivery {
  const { ttl, ...rest } = parse(delivery, withoutInternal(item, []), "delivery", keyOf(item));
  const expiresAt = typeof item.ttl === "number" ? new Date(item.ttl * 1000).toISOString() : null;
  void ttl;
  return { ...rest, expiresAt } as Delivery;
}

export function readEvent(item: Item): StorylineEvent {
  const { storyIds, ...rest } = parse(event, withoutInternal(item), "event", keyOf(item));
  return { ...rest, lastStoryAt: rest.lastStoryAt ?? rest.startedAt, storyCount: storyIds?.size ?? 0 };
}

export function readStorylineRecord(item: Item) {
  const key = keyOf(item);
  const { definitionJson, updatedAt, ...rest } = parse(storylineRecord, withoutInternal(item), "storyline", key);
  let definition: Record<string, unknown> | null = null;
  if (typeof definitionJson === "string") {
    try {
      definition = JSON.parse(definitionJson) as Record<string, unknown>;
    } catch {
      throw new StoredRecordError("storyline", key, "definitionJson", "is not JSON");
    }
  }
  return { ...rest, definition, updatedAt: updatedAt ?? rest.createdAt };
}

/** A feed's seen item ids (space-separated in one attribute) and the item's version for the conditional write. */
export function readSeenItems(item: Item): { ids: string[]; version: number } {
  const { ids, version } = parse(seenItems, item, "seen items", keyOf(item));
  return { ids: ids ? ids.split(" ") : [], version };
}

export function readLock(item: Item): { owner: string | null; leaseUntil: string; recent: string[] } {
  return parse(lock, item, "lock", keyOf(item));
}
