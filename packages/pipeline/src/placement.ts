/**
 * Places a scored story in the events of each storyline it entered: `first` (a new event), `update` (new facts
 * for an event; the novel sentences are kept) or `duplicate` (nothing new; joins the event silently).
 * `first` and `update` raise an alert, which fans out to the matching subscriptions; the ids of immediate
 * deliveries are returned so that the caller queues them once the story itself is stored.
 */
import { randomUUID } from "node:crypto";
import { alertId, classifyAgainst, type Relation, type Story } from "@storywire/core";
import { lockId, eventId as newEventId } from "@storywire/core/ids";
import { type EventStory, type Store, storySortAt } from "@storywire/store";
import { fanOut } from "./delivery/fanout.ts";
import { type ClaimSettings, type Clock, claimTimeoutOf, type Logger } from "./ports.ts";
import { matchedStorylines } from "./score.ts";

/** How far back a new story is compared with the storyline's stories. */
export const PLACEMENT_WINDOW_MS = 14 * 24 * 3_600_000;
export const PLACEMENT_CANDIDATES = 200;

export interface PlacementDeps extends ClaimSettings {
  store: Store;
  clock: Clock;
  logger: Logger;
}

/** A storyline lock held while placing: what the previous holder placed last, and what this holder placed. */
export interface HeldLock {
  recent: string[];
  placed: string[];
}

/**
 * Runs `fn` holding the lock of every storyline in `ids` (taken in sorted order, so that two workers needing the
 * same locks never wait on each other in a cycle), then releases them with what was placed.
 */
export async function withStorylineLocks<T>(
  ids: readonly string[],
  deps: PlacementDeps,
  fn: (held: Map<string, HeldLock>) => Promise<T>,
): Promise<T> {
  const owner = randomUUID();
  const held = new Map<string, HeldLock>();
  try {
    for (const id of [...ids].sort()) held.set(id, { recent: await lock(id, owner, deps), placed: [] });
    return await fn(held);
  } finally {
    for (const [id, { placed }] of held) await deps.store.releaseLock(lockName(id), owner, placed);
  }
}

/**
 * Places the story and then runs `commit` (which stores it) while holding the lock of every storyline it
 * entered, so that two copies of one story ingested at the same moment cannot both become a `first`.
 */
export async function placeStory(
  story: Story,
  deps: PlacementDeps,
  commit: () => Promise<void>,
): Promise<{ alerts: number; deliveries: string[] }> {
  const scores = matchedStorylines(story);
  if (scores.length === 0) {
    await commit();
    return { alerts: 0, deliveries: [] };
  }
  return withStorylineLocks(
    scores.map((s) => s.id),
    deps,
    async (held) => {
      const result = await placeLocked(story, scores, held, deps);
      await commit();
      return result;
    },
  );
}

/** A lease is held for at most this long (or the claim timeout, when shorter): a worker that dies frees the storyline after it. */
export const PLACEMENT_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 60_000;
const lockName = (storylineId: string) => lockId("storyline", storylineId);

async function lock(storylineId: string, owner: string, deps: PlacementDeps): Promise<string[]> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const got = await deps.store.acquireLock(
      lockName(storylineId),
      owner,
      deps.clock.now().toISOString(),
      Math.min(PLACEMENT_LOCK_MS, claimTimeoutOf(deps)),
    );
    if (got) return got.recent;
    if (Date.now() - started > LOCK_WAIT_MS) {
      throw new Error(
        `The storyline "${storylineId}" stayed locked for a minute; the story will be placed on the next try.`,
      );
    }
    await new Promise((ok) => setTimeout(ok, Math.min(500, 20 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random())));
  }
}

/** A story of the storyline a new story is compared with, and the event it belongs to. */
export type PlacementCandidate = Pick<EventStory, "eventId" | "storyId" | "story" | "at">;

/**
 * A story's candidates in a storyline: what the index query found, plus what the lock's previous holder placed
 * just before (the index may lag), without the story itself.
 */
export async function withRecentlyPlaced(
  found: PlacementCandidate[],
  recent: string[],
  deps: PlacementDeps,
): Promise<PlacementCandidate[]> {
  const known = new Set(found.map((c) => c.storyId));
  const missing = recent.map((entry) => entry.split("/") as [string, string]).filter(([, id]) => id && !known.has(id));
  const stories = new Map((await deps.store.getStories(missing.map(([, id]) => id))).map((s) => [s.id, s]));
  const extra = missing.flatMap(([eventId, storyId]): PlacementCandidate[] => {
    const s = stories.get(storyId);
    return s ? [{ eventId, storyId, story: s, at: storySortAt(s.publishedAt, s.fetchedAt) }] : [];
  });
  return [...found, ...extra];
}

/** Where a story lands in one storyline's events. */
export interface StorylinePlacement {
  eventId: string;
  relation: Relation;
  novel: string[];
}

/**
 * Classifies the story against its candidates in the storyline and records it: a new event for a `first`, and
 * the story as a member of its event. Idempotent (a retried placement writes nothing new).
 */
export async function placeInStoryline(
  story: Story,
  storylineId: string,
  candidates: readonly PlacementCandidate[],
  lockState: HeldLock,
  deps: PlacementDeps,
  now: Date,
): Promise<StorylinePlacement> {
  const others = candidates.filter((c) => c.storyId !== story.id);
  const verdict = classifyAgainst(
    story,
    others.map((c) => c.story),
  );
  const match = verdict.matchId ? others.find((c) => c.storyId === verdict.matchId) : undefined;
  const relation = match ? verdict.relation : "first";
  const eventId = match ? match.eventId : newEventId(storylineId, story.id);
  const novel = relation === "update" ? verdict.novel : [];
  const at = storySortAt(story.publishedAt, story.fetchedAt);
  if (relation === "first") {
    await deps.store.putEvent({
      id: eventId,
      storylineId,
      title: story.title,
      startedAt: at,
      createdAt: now.toISOString(),
    });
  }
  await deps.store.addStoryToEvent(storylineId, eventId, story.id, relation, at);
  lockState.placed.push(`${eventId}/${story.id}`);
  return { eventId, relation, novel };
}

async function placeLocked(
  story: Story,
  scores: ReturnType<typeof matchedStorylines>,
  held: Map<string, HeldLock>,
  deps: PlacementDeps,
): Promise<{ alerts: number; deliveries: string[] }> {
  const now = deps.clock.now();
  let alerts = 0;
  const deliveries: string[] = [];
  let primary = true;
  for (const score of scores) {
    const lockState = held.get(score.id) ?? { recent: [], placed: [] };
    const since = new Date(now.getTime() - PLACEMENT_WINDOW_MS).toISOString();
    const found = await deps.store.recentStorylineStories(score.id, since, PLACEMENT_CANDIDATES);
    const candidates = await withRecentlyPlaced(found, lockState.recent, deps);
    const { eventId, relation, novel } = await placeInStoryline(story, score.id, candidates, lockState, deps, now);
    if (primary) {
      story.eventId = eventId;
      story.relation = relation;
      story.novel = novel;
      primary = false;
    }
    if (relation === "duplicate") {
      deps.logger.info("duplicate suppressed", { storyline: score.id, story: story.id, title: story.title });
      continue;
    }
    const { alert } = await deps.store.putAlert({
      id: alertId(score.id, story.id),
      storylineId: score.id,
      storyId: story.id,
      eventId,
      relation,
      title: story.title,
      url: story.url,
      source: story.source,
      publishedAt: story.publishedAt,
      createdAt: now.toISOString(),
      novel,
      storylineScore: score.score,
      framingLabel: story.framing?.label ?? null,
      framingSummary: story.framing?.summary ?? null,
    });
    deliveries.push(...(await fanOut(alert, story.framing, deps)));
    alerts += 1;
    deps.logger.info(`alert: ${relation}`, { storyline: score.id, story: story.id, title: story.title });
  }
  return { alerts, deliveries };
}
