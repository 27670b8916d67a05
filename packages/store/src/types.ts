/**
 * The Store port: what the pipeline, the API and the local runtime may ask of storage. The pipeline depends on
 * this interface; createStore() implements it on DynamoDB (AWS) and dynalite (local, tests) with the same code.
 */
import type { Feed, FeedItemCounts, FeedRepair, Framing, Relation, Story, StorylineScore } from "@storywire/core";
import type { LockStore } from "./locks.ts";
import type { RateLimitStore } from "./rate-limits.ts";
import type { SeenItemsStore } from "./seen-items.ts";
import type { Instant } from "./time.ts";

export type { Instant };

/** One page of a newest-first list; pass `cursor` back to get the next page (null: this was the last). */
export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface PageOptions {
  /** Items per page: default 20, at most 100 (larger values are clamped). */
  limit?: number;
  /** The cursor of the previous page; omit for the first page. */
  cursor?: string | null;
}

// ---- feeds -------------------------------------------------------------------------------------------------

export type FeedStatus = Feed["status"];

export interface AddFeedResult {
  /** The stored feed: the new one, or the one already registered for this canonical URL. */
  feed: Feed;
  created: boolean;
}

/** A claim on a due feed: at most one fetch of it runs per due time (see feeds.ts). */
export interface FeedClaim {
  /** Unique per attempt: a queued job's token, or a worker's id. */
  owner: string;
  now: Instant;
  /** The claim lapses after this long unless renewed: a crashed holder blocks the feed no longer. */
  leaseMs: number;
  /**
   * A worker that got a fetch job from the queue may take over a claim still waiting in the queue (an owner starting
   * with QUEUED_CLAIM_PREFIX: the scheduler's, or POST /feeds'), never another worker's live claim.
   */
  takeOverQueued?: boolean;
}

/** A page of due feeds and the cursor of the next (null after the last). */
export type DueFeedPage = Page<Feed>;

/** The result of one fetch of a feed; only the fields given are changed. */
export interface FeedFetchState {
  etag?: string | null;
  lastModified?: string | null;
  lastCheckedAt?: Instant | null;
  nextCheckAt?: Instant;
  /** Never re-enables a feed disabled in the meantime; use setFeedStatus for that. */
  status?: FeedStatus;
  errorCount?: number;
  /** Cut to 500 characters. */
  lastError?: string | null;
  lastStatus?: number | null;
  title?: string | null;
  /** The new URL after a permanent redirect (the feed keeps its id). */
  url?: string;
  /** What the check did with the document's items. */
  lastItems?: FeedItemCounts | null;
  /** What the reader repaired in the document. */
  repairs?: FeedRepair[] | null;
}

// ---- stories -----------------------------------------------------------------------------------------------

/**
 * The filters of GET /stories and of the dashboard's story list. All optional; different filters combine with AND,
 * the values of one list filter with OR.
 */
export interface StoryFilter {
  /** Only stories that entered (matched) any of these storylines. */
  storylines?: string[];
  /** Only stories whose score in a matched storyline (one of `storylines`, when given) is at least this. */
  minScore?: number;
  /** Only stories placed with one of these relations in their storyline's event. */
  relation?: Relation[];
  /** Only stories whose framing label is one of these. */
  framing?: string[];
  /** Only this feed's stories. */
  feedId?: string;
  /** Only stories of this source (the feed title or domain, as stored in Story.source). */
  source?: string;
  /** Only stories in this language (ISO 639-1). */
  language?: string;
  /** Only stories whose sort time is at or after this instant. */
  since?: Instant;
  /** Only stories whose sort time is before this instant. */
  until?: Instant;
  /** Words that must occur in the title or text. */
  q?: string;
}

export interface ListStoriesOptions extends PageOptions, StoryFilter {}

/**
 * A story as a list shows it: what a list needs, without the text, the evidence or the framing dimensions
 * (GET /stories/{id} has them all). Field names and places are those of Story.
 */
export type StorySummary = Omit<Story, "text" | "novel" | "fingerprint" | "storylines" | "framing"> & {
  storylines: Pick<StorylineScore, "id" | "score" | "matched">[];
  framing: { label: string; summary: string } | null;
};

/** Where scoring and dedup placed a story. */
export interface StoryPlacement {
  eventId: string | null;
  relation: Relation | null;
  novel: string[];
  storylines?: StorylineScore[];
  framing?: Framing;
}

// ---- storyline events ----------------------------------------------------------------------------------------

/** A development in one storyline: the cluster of stories that report it. */
export interface StorylineEvent {
  id: string;
  storylineId: string;
  /** Headline of the development (usually the first story's title). */
  title: string;
  /** When the development first appeared; events are listed newest first by this. */
  startedAt: string;
  /** The latest `at` of a story added to the event. */
  lastStoryAt: string;
  storyCount: number;
  createdAt: string;
}

export interface NewStorylineEvent {
  id: string;
  storylineId: string;
  title: string;
  startedAt: Instant;
  createdAt?: Instant;
}

/** A story as a member of an event, with the story itself (title, text, fingerprint for comparison). */
export interface EventStory {
  eventId: string;
  storylineId: string;
  storyId: string;
  relation: Relation;
  /** When the story joined the storyline (its sort time, as the pipeline passes it). */
  at: string;
  story: Story;
}

export interface AddStoryToEventResult {
  event: StorylineEvent;
  /** False when the story was already a member (adding again is a no-op). */
  created: boolean;
}

// ---- subscriptions -------------------------------------------------------------------------------------------

export type DeliveryMode = "immediate" | "hourly" | "daily";
export type ChannelType = "webhook" | "slack" | "discord" | "email" | "feed";

export interface SubscriptionChannel {
  type: ChannelType;
  url?: string;
  to?: string;
}

export interface SubscriptionFilters {
  includeLabels?: string[];
  excludeLabels?: string[];
  maxAnonymousShare?: number;
}

/** "disabled": the endpoint failed for too long (or the owner turned it off); nothing is sent until re-enabled. */
export type SubscriptionStatus = "active" | "disabled";

export interface Subscription {
  id: string;
  storylines: string[];
  minScore: number;
  filters: SubscriptionFilters;
  mode: DeliveryMode;
  channel: SubscriptionChannel;
  /** Webhook signing secret (whsec_...), stored encrypted. Never return it from the API after creation. */
  secret: string;
  /**
   * The secret replaced by the last rotation, still signing (beside `secret`) until previousSecretExpiresAt, as
   * Standard Webhooks allows; null or absent when there is none.
   */
  previousSecret?: string | null;
  previousSecretExpiresAt?: string | null;
  /** When the secret was last rotated (absent: never). */
  secretRotatedAt?: string | null;
  /** Unguessable token of the subscription's Atom / JSON feed; stored encrypted, indexed by its SHA-256. */
  feedToken: string;
  createdAt: string;
  status: SubscriptionStatus;
  /** Start of the current run of failed deliveries, or null when the last delivery succeeded. */
  failingSince: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  lastDeliveryAt: string | null;
}

export type NewSubscription = Omit<
  Subscription,
  "createdAt" | "status" | "failingSince" | "disabledAt" | "disabledReason" | "lastDeliveryAt"
> & {
  createdAt?: Instant;
  status?: SubscriptionStatus;
};

/**
 * Health changes; only the fields given are changed. Setting disabledAt to a date disables the subscription,
 * setting it to null re-enables it.
 */
export interface SubscriptionHealth {
  failingSince?: Instant | null;
  disabledAt?: Instant | null;
  disabledReason?: string | null;
  lastDeliveryAt?: Instant | null;
}

/** A new signing secret; the one it replaces keeps signing until `previousValidUntil` (none when not later than now). */
export interface SecretRotation {
  secret: string;
  previousValidUntil: Instant;
  now?: Instant;
}

export interface CreateSubscriptionResult {
  subscription: Subscription;
  created: boolean;
}

// ---- deliveries ----------------------------------------------------------------------------------------------

/** See packages/pipeline/src/delivery/DELIVERIES.md for the state machine. */
export type DeliveryState = "pending" | "sending" | "delivered" | "retrying" | "failed";

export interface Delivery {
  /** deliveryId(subscriptionId, storyId) (core ids.ts); its webhook-id, alertMessageId, derives from the same pair. */
  id: string;
  subscriptionId: string;
  storyId: string;
  alertId: string | null;
  storylineId: string | null;
  state: DeliveryState;
  /** Attempts made so far (a claim starts the next one). */
  attempt: number;
  createdAt: string;
  updatedAt: string;
  /** pending / retrying: not before this instant. */
  nextAttemptAt: string | null;
  /** sending: the worker holding the lease and until when. */
  leaseOwner: string | null;
  leaseUntil: string | null;
  /** The worker that recorded the last outcome (delivered / retrying / failed). */
  lastOwner: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  /** A short error text (never a response body) and the HTTP status of the last attempt. */
  lastError: string | null;
  lastStatus: number | null;
  /** Finished deliveries are forgotten after this instant (30 days). */
  expiresAt: string | null;
}

export interface NewDelivery {
  subscriptionId: string;
  storyId: string;
  alertId?: string | null;
  storylineId?: string | null;
  createdAt?: Instant;
  /** Digest modes: the first attempt waits until this instant (default: createdAt). */
  notBefore?: Instant;
}

export interface EnqueueDeliveryResult {
  delivery: Delivery;
  /** False when the (subscription, story) pair was already enqueued: nothing changed. */
  created: boolean;
}

/** What a worker reports after an attempt. `error` is a short description, never a response body. */
export type DeliveryCompletion =
  | { outcome: "delivered"; at?: Instant; status?: number | null }
  | { outcome: "retrying"; at?: Instant; error: string; status?: number | null; nextAttemptAt: Instant }
  | { outcome: "failed"; at?: Instant; error: string; status?: number | null };

export interface ListDeliveriesOptions extends PageOptions {}

// ---- alerts --------------------------------------------------------------------------------------------------

export interface AlertRecord {
  /** alertId(storylineId, storyId) (core ids.ts). */
  id: string;
  storylineId: string;
  storyId: string;
  eventId: string | null;
  relation: Relation;
  title: string;
  url: string | null;
  source: string;
  publishedAt: string | null;
  createdAt: string;
  /** For updates: the sentences that are new. */
  novel: string[];
  storylineScore: number;
  framingLabel: string | null;
  framingSummary: string | null;
}

/** `id` defaults to alertId(storylineId, storyId); a given id must likewise depend on that pair alone. */
export type NewAlert = Omit<AlertRecord, "id" | "createdAt"> & { id?: string; createdAt?: Instant };

export interface PutAlertResult {
  alert: AlertRecord;
  created: boolean;
}

/** A storyline's alerts, or the alerts fanned out to one subscription (its deliveries). */
export type AlertQuery = { storylineId: string } | { subscriptionId: string };

// ---- storylines ------------------------------------------------------------------------------------------------

/**
 * A storyline the user saved through the API: one they defined, or their edit of a built-in one. `definition` is
 * the storyline's JSON (validated before it is saved); null marks a built-in storyline the user deleted (hidden).
 */
export interface StorylineRecord {
  id: string;
  definition: Record<string, unknown> | null;
  /** The search-style query the definition was compiled from, when it was. */
  query: string | null;
  /** 1 for a new record, +1 on every save; the API's ETag. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface SaveStorylineRecord {
  id: string;
  definition: Record<string, unknown> | null;
  query: string | null;
  /** When the change was made (default: now). */
  at?: Instant;
}

/** Stories in a time window, oldest first (what a rescore walks). */
export interface StoryWindowOptions extends PageOptions {
  /** Sort times at or after this instant. */
  since: Instant;
  /** Sort times before this instant. */
  until: Instant;
}

// ---- the port ------------------------------------------------------------------------------------------------

export interface FeedStore {
  /**
   * Registers a feed under its canonical-URL id; an existing feed is returned, never duplicated. `claim` stores a
   * new feed already claimed (for the fetch job its creator queues), so the scheduler does not fetch it too.
   * `userTitle` stores a new feed under the user's name for it (as renameFeed would, in the same write).
   */
  addFeed(
    feed: Feed,
    options?: { claim?: FeedClaim; userTitle?: string | null; folder?: string | null },
  ): Promise<AddFeedResult>;
  getFeed(id: string): Promise<Feed | null>;
  /** Every feed, oldest first. */
  listFeeds(): Promise<Feed[]>;
  /** True when a feed was deleted. Its stories stay. */
  deleteFeed(id: string): Promise<boolean>;
  /**
   * Gives the feed the user's own name (null or "" goes back to the title the feed gives itself). Fetches never
   * overwrite it.
   */
  renameFeed(id: string, title: string | null): Promise<Feed>;
  /** Puts the feed in a folder (at most 200 characters), or in none (null or ""). */
  setFeedFolder(id: string, folder: string | null): Promise<Feed>;
  /**
   * Disabling or pausing removes the feed from the due list (and fetches that were under way no longer change its
   * status); active puts it back, due at nextCheckAt (default now).
   */
  setFeedStatus(id: string, status: FeedStatus, options?: { nextCheckAt?: Instant }): Promise<Feed>;
  updateFeedFetchState(id: string, state: FeedFetchState): Promise<Feed>;
  /** Feeds not disabled whose nextCheckAt <= now and that nobody holds a live claim on, most overdue first. */
  listDueFeeds(now: Instant, limit?: number): Promise<Feed[]>;
  /**
   * listDueFeeds a page at a time: the cursor continues after the last feed of the page (up to 1,000 per page), so a
   * scheduler claiming thousands of due feeds reads each once, never the ones it claimed on an earlier page.
   */
  listDueFeedPage(now: Instant, options?: PageOptions): Promise<DueFeedPage>;
  /**
   * Claims a due feed for one fetch: succeeds when it is not disabled, nextCheckAt <= now, and no live claim is
   * held (or the one held is a queued job's, with takeOverQueued). Null otherwise: someone else fetches it, or it is
   * not due.
   */
  claimFeed(id: string, claim: FeedClaim): Promise<Feed | null>;
  /** Extends a claim still held by `owner`; false when it was lost (lapsed and taken) or released. */
  renewFeedClaim(id: string, owner: string, now: Instant, leaseMs: number): Promise<boolean>;
  /** Ends `owner`'s claim without recording a result (the fetch failed before it could); false when it did not hold one. */
  releaseFeedClaim(id: string, owner: string): Promise<boolean>;
  /**
   * Records a fetch's result and releases `owner`'s claim in the same write (FEED-CLAIMS.md). False when the claim
   * was lost (it lapsed and another fetch took it: that one records its own result) or the feed was deleted. A feed
   * disabled or paused while the fetch ran keeps its status and stays off the due list; the rest is recorded.
   */
  finishFeedFetch(id: string, owner: string, state: FeedFetchState): Promise<boolean>;
}

export interface StoryStore {
  /** The ids (of those given) already stored. */
  hasStories(ids: string[]): Promise<Set<string>>;
  /** True when stored now, false when a story with this id was already there (then nothing changes). */
  putStory(story: Story): Promise<boolean>;
  getStory(id: string): Promise<Story | null>;
  /** The stories found, in the order of `ids`. */
  getStories(ids: string[]): Promise<Story[]>;
  /**
   * Summaries newest first by sort time (ACCESS-PATTERNS.md "Story lists"), filtered; read from the story lists,
   * never from the stories. A page may hold fewer than `limit` stories while `cursor` is not null (a very selective
   * filter stopped at its read budget): follow the cursor until it is null. Full stories: getStories(ids).
   */
  listStories(options?: ListStoriesOptions): Promise<Page<StorySummary>>;
  /** Changes where a story is placed; its list entries follow (it enters and leaves storyline lists). */
  updateStoryPlacement(id: string, placement: StoryPlacement): Promise<Story>;
  /**
   * Lists the stories stored before the story lists existed, one batch per call (resumable); `done` once all are.
   * The local runtime calls it at start until done, the schedule function once per run.
   */
  upgradeStoryLists(): Promise<{ listed: number; done: boolean }>;
  /** Stories stored per feed (counted as they are stored); 0 for a feed without any. */
  feedStoryCounts(feedIds: string[]): Promise<Map<string, number>>;
}

export interface EventStore {
  putEvent(event: NewStorylineEvent): Promise<{ event: StorylineEvent; created: boolean }>;
  getEvent(id: string): Promise<StorylineEvent | null>;
  addStoryToEvent(
    storylineId: string,
    eventId: string,
    storyId: string,
    relation: Relation,
    at: Instant,
  ): Promise<AddStoryToEventResult>;
  /** A storyline's events, newest first by startedAt. */
  listEvents(storylineId: string, options?: PageOptions): Promise<Page<StorylineEvent>>;
  /** The event's stories, oldest first (the first report, then updates and duplicates). */
  listEventStories(eventId: string): Promise<EventStory[]>;
  /** The storyline's stories since `since`, newest first: the candidates a new story is compared against. */
  recentStorylineStories(storylineId: string, since: Instant, limit?: number): Promise<EventStory[]>;
}

export interface SubscriptionStore {
  createSubscription(subscription: NewSubscription): Promise<CreateSubscriptionResult>;
  getSubscription(id: string): Promise<Subscription | null>;
  getSubscriptionByFeedToken(token: string): Promise<Subscription | null>;
  deleteSubscription(id: string): Promise<boolean>;
  /** Every subscription that is not disabled (all of them with includeDisabled), oldest first. */
  listSubscriptions(options?: { includeDisabled?: boolean }): Promise<Subscription[]>;
  /** One page of every subscription (disabled ones included), oldest first. */
  listSubscriptionsPage(options?: PageOptions): Promise<Page<Subscription>>;
  /**
   * Replaces the signing secret; the old one keeps signing until rotation.previousValidUntil. Throws NotFound, or
   * Conflict when another rotation changed the secret at the same moment.
   */
  rotateSubscriptionSecret(id: string, rotation: SecretRotation): Promise<Subscription>;
  updateSubscriptionHealth(id: string, health: SubscriptionHealth): Promise<Subscription>;
}

export interface DeliveryStore {
  enqueueDelivery(delivery: NewDelivery): Promise<EnqueueDeliveryResult>;
  /** Null when missing or expired. */
  getDelivery(id: string): Promise<Delivery | null>;
  /** Takes the delivery for `owner` until now + leaseMs, or returns null when it is not claimable now. */
  claimDelivery(id: string, owner: string, now: Instant, leaseMs: number): Promise<Delivery | null>;
  /** Records the attempt's outcome; throws LeaseLost unless `owner` holds the lease. */
  completeDelivery(id: string, owner: string, result: DeliveryCompletion): Promise<Delivery>;
  /** failed -> pending (attempt 0), due at `now`. */
  replayDelivery(id: string, now?: Instant): Promise<Delivery>;
  /** Deliveries a sweeper should try to claim: pending / retrying that are due, and expired leases. */
  listDueDeliveries(now: Instant, limit?: number): Promise<Delivery[]>;
  /** A subscription's deliveries, newest first. */
  listDeliveries(subscriptionId: string, options?: ListDeliveriesOptions): Promise<Page<Delivery>>;
}

export interface AlertStore {
  /** One alert per (storyline, story): a second put is a no-op returning the stored alert. */
  putAlert(alert: NewAlert): Promise<PutAlertResult>;
  getAlert(id: string): Promise<AlertRecord | null>;
  /** Newest first; default 50, at most 500. */
  listAlerts(query: AlertQuery, limit?: number): Promise<AlertRecord[]>;
}

export interface StorylineStore {
  /** Every saved storyline record, by id (one strongly consistent query). */
  listStorylineRecords(): Promise<StorylineRecord[]>;
  getStorylineRecord(id: string): Promise<StorylineRecord | null>;
  /**
   * Creates (expectedRevision 0: no record may exist) or replaces (the stored record must be at expectedRevision)
   * a record, then moves the storylines version on. Throws Conflict when the record changed meanwhile.
   */
  saveStorylineRecord(record: SaveStorylineRecord, expectedRevision: number): Promise<StorylineRecord>;
  /** Deletes a record (at expectedRevision when given) and moves the version on; false when there was none. */
  deleteStorylineRecord(id: string, expectedRevision?: number): Promise<boolean>;
  /** A number that changes whenever a storyline record does: one small point read, for caches. */
  storylinesVersion(): Promise<number>;
  /**
   * Marks a storyline as being deleted until `mark.until` (a crashed delete's mark lapses then); false when another
   * live mark holds it. The first step of a delete (ACCESS-PATTERNS.md, "Deleting a storyline").
   */
  markStorylineDeleting(id: string, mark: { owner: string; until: Instant; now?: Instant }): Promise<boolean>;
  /** Removes the mark `owner` set; a mark someone else holds stays. */
  clearStorylineDeleting(id: string, owner: string): Promise<void>;
  /** True while a live mark holds the storyline (a strongly consistent read). */
  isStorylineDeleting(id: string, now?: Instant): Promise<boolean>;
  /**
   * The ids of the subscriptions entered under the storyline (strongly consistent). An id may belong to a
   * subscription still being created or removed, or to one whose creation crashed: read the subscription to know.
   */
  listStorylineSubscriberIds(id: string): Promise<string[]>;
  /**
   * Stories whose sort time is in [since, until), oldest first, in pages; first among them, the undated backlog of
   * feeds' first fetches (listed at 1970) whose stories were fetched in [since, until).
   */
  listStoriesOldestFirst(options: StoryWindowOptions): Promise<Page<Story>>;
  /** The cursor that continues a listStoriesOldestFirst walk right after `story` (resuming mid-page). */
  cursorAfterStory(story: Story): string;
  /** A storyline's member stories with `at` in [from, to], newest first: a rescored story's candidates. */
  storylineStoriesBetween(storylineId: string, from: Instant, to: Instant, limit?: number): Promise<EventStory[]>;
}

export interface Store
  extends FeedStore,
    StoryStore,
    EventStore,
    SubscriptionStore,
    DeliveryStore,
    AlertStore,
    LockStore,
    RateLimitStore,
    SeenItemsStore,
    StorylineStore {
  /** The table this store reads and writes. */
  readonly tableName: string;
}
