/**
 * Every key the store writes or queries is built here, so the layout in ACCESS-PATTERNS.md has one source.
 * Partition names are upper case; "#" separates the parts of a key, which is why ids may not contain it.
 */
import { MAX_ID_LENGTH } from "./constants.ts";
import { InvalidInput } from "./errors.ts";

export interface TableKey {
  pk: string;
  sk: string;
}

/** The index a query reads: the table itself or one of the two GSIs (schema.ts). */
export type IndexName = "table" | "gsi1" | "gsi2";

export const INDEX_ATTRIBUTES: Record<IndexName, { partition: string; sort: string }> = {
  table: { partition: "pk", sort: "sk" },
  gsi1: { partition: "gsi1pk", sort: "gsi1sk" },
  gsi2: { partition: "gsi2pk", sort: "gsi2sk" },
};

/** The attributes of a LastEvaluatedKey for a query on `index` (GSI keys include the table key). */
export function cursorAttributes(index: IndexName): string[] {
  const own = INDEX_ATTRIBUTES[index];
  return index === "table" ? [own.partition, own.sort] : [own.partition, own.sort, "pk", "sk"];
}

/** Checks an id before it goes into a key; `what` names it in the error ("Feed id", "Story id"...). */
export function assertId(id: unknown, what: string): string {
  if (typeof id !== "string" || id.length === 0) {
    throw new InvalidInput(`${what} must be a non-empty string, got ${JSON.stringify(id) ?? String(id)}.`);
  }
  if (id.length > MAX_ID_LENGTH) {
    throw new InvalidInput(`${what} "${id.slice(0, 40)}…" is longer than ${MAX_ID_LENGTH} characters.`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[#\u0000-\u001f\u007f]/.test(id)) {
    throw new InvalidInput(`${what} "${id}" contains "#" or a control character, which ids may not contain.`);
  }
  return id;
}

/** Sort-key suffix that sorts after every "<iso>#<id>" with the same instant ("~" follows "#", digits, letters). */
const AFTER_ID = "~";

/** "<iso>#<id>": sort keys of everything listed by time. */
export function timeSortKey(iso: string, id: string): string {
  return `${iso}#${id}`;
}

/** Upper bound matching every timeSortKey at or before `iso`. */
export function atOrBefore(iso: string): string {
  return `${iso}#${AFTER_ID}`;
}

// ---- partitions of the GSIs ------------------------------------------------------------------------------

export const PARTITIONS = {
  dueFeeds: "FEEDS_DUE",
  allFeeds: "FEEDS",
  allStories: "STORIES",
  feedStories: (feedId: string) => `FEED_STORIES#${feedId}`,
  storylineEvents: (storylineId: string) => `EVENTS#${storylineId}`,
  storylineStories: (storylineId: string) => `STORYLINE_STORIES#${storylineId}`,
  allSubscriptions: "SUBSCRIPTIONS",
  /** By the token's SHA-256 (secret-box.ts tokenDigest); records written before that hold the token itself. */
  feedToken: (digest: string) => `FEED_TOKEN#${digest}`,
  dueDeliveries: "DELIVERIES_DUE",
  subscriptionDeliveries: (subscriptionId: string) => `SUB_DELIVERIES#${subscriptionId}`,
  storylineAlerts: (storylineId: string) => `ALERTS#${storylineId}`,
} as const;

// ---- story lists and the word index (story-index.ts) -------------------------------------------------------

/**
 * Table partitions (pk) of the story lists: one small entry per story in each list it belongs to, and one
 * key-only entry per word of the story in that word's list. Every entry's sk is `<sortAt>#<storyId>`.
 */
export const STORY_LISTS = {
  all: "LIST#ALL",
  feed: (feedId: string) => `LIST#FEED#${feedId}`,
  storyline: (storylineId: string) => `LIST#STORYLINE#${storylineId}`,
  /** Stories that entered at least one storyline. */
  inStoryline: "LIST#IN_STORYLINE",
  /** `sourceKey` is a hash of the folded source name (sources are free text). */
  source: (sourceKey: string) => `LIST#SOURCE#${sourceKey}`,
  language: (language: string) => `LIST#LANG#${language}`,
  framing: (label: string) => `LIST#FRAMING#${label}`,
  relation: (relation: string) => `LIST#RELATION#${relation}`,
  word: (term: string) => `WORD#${term}`,
} as const;

/** The key of a source's story list (ids.ts in core derives it). */
export { sourceId as sourceKey } from "@storywire/core/ids";
/** Saved storylines share one table partition, so one strongly consistent query reads them all. */
export const STORYLINES_PARTITION = "STORYLINES";
export const STORYLINE_RECORD_PREFIX = "STORYLINE#";
/** A subscription's entry under each storyline it names (a strongly consistent "who uses it"). */
export const STORYLINE_SUBSCRIBER_PREFIX = "SUBSCRIBER#";

// ---- table keys --------------------------------------------------------------------------------------------

export const EVENT_MEMBER_PREFIX = "STORY#";

export const keys = {
  feed: (id: string): TableKey => ({ pk: `FEED#${id}`, sk: "FEED" }),
  story: (id: string): TableKey => ({ pk: `STORY#${id}`, sk: "STORY" }),
  event: (id: string): TableKey => ({ pk: `EVENT#${id}`, sk: "EVENT" }),
  eventMember: (eventId: string, storyId: string): TableKey => ({
    pk: `EVENT#${eventId}`,
    sk: `${EVENT_MEMBER_PREFIX}${storyId}`,
  }),
  subscription: (id: string): TableKey => ({ pk: `SUB#${id}`, sk: "SUB" }),
  delivery: (id: string): TableKey => ({ pk: `DELIVERY#${id}`, sk: "DELIVERY" }),
  alert: (id: string): TableKey => ({ pk: `ALERT#${id}`, sk: "ALERT" }),
  /** A feed's counters (stories stored), beside the feed item so that fetch-state updates never touch them. */
  feedStats: (id: string): TableKey => ({ pk: `FEED#${id}`, sk: "STATS" }),
  /** The story lists' upgrade marker (stories stored before the lists existed are added to them once). */
  storyListsMarker: (): TableKey => ({ pk: "META", sk: "STORY_LISTS" }),
  storyline: (id: string): TableKey => ({ pk: STORYLINES_PARTITION, sk: `${STORYLINE_RECORD_PREFIX}${id}` }),
  storylinesVersion: (): TableKey => ({ pk: STORYLINES_PARTITION, sk: "VERSION" }),
  /** The mark of a delete under way (DELETE /storylines/{id}); see ACCESS-PATTERNS.md, "Deleting a storyline". */
  storylineDeleting: (id: string): TableKey => ({ pk: STORYLINES_PARTITION, sk: `DELETING#${id}` }),
  storylineSubscriber: (storylineId: string, subscriptionId: string): TableKey => ({
    pk: STORYLINES_PARTITION,
    sk: `${STORYLINE_SUBSCRIBER_PREFIX}${storylineId}#${subscriptionId}`,
  }),
};

/** Attributes that exist only for the table's sake; mappers strip them before returning a record. */
export const INTERNAL_ATTRIBUTES = ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "ttl", "entity"] as const;
