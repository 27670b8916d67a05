/**
 * Places a scored story in the events of each storyline it entered: `first` (a new event), `update` (new facts
 * for an event; the novel sentences are kept) or `duplicate` (nothing new; joins the event silently).
 * `first` and `update` raise an alert, which fans out to the matching subscriptions; the ids of immediate
 * deliveries are returned so that the caller queues them once the story itself is stored.
 */
import { randomUUID } from "node:crypto";
import { alertId, classifyAgainst, type Story } from "@storywire/core";
import { type Store, storySortAt } from "@storywire/store";
import { fanOut } from "./fanout.ts";
import { eventIdFor } from "./ids.ts";
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
  const owner = randomUUID();
  const held = new Map<string, { recent: string[]; placed: string[] }>();
  try {
    // Sorted, so that two workers needing the same locks never wait on each other in a cycle.
    for (const id of scores.map((s) => s.id).sort()) held.set(id, { recent: await lock(id, owner, deps), placed: [] });
    const result = await placeLocked(story, scores, held, deps);
    await commit();
    return result;
  } finally {
    for (const [id, { placed }] of held) await deps.store.releaseLock(lockName(id), owner, placed);
  }
}

/** A lease is held for at most this long (or the claim timeout, when shorter): a worker that dies frees the storyline after it. */
export const PLACEMENT_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 60_000;
const lockName = (storylineId: string) => `storyline-${storylineId}`;

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

/** The storyline's recent stories: the index query, plus what was placed just before (the index may lag). */
async function candidatesFor(storylineId: string, story: Story, recent: string[], now: Date, deps: PlacementDeps) {
  const since = new Date(now.getTime() - PLACEMENT_WINDOW_MS).toISOString();
  const found = await deps.store.recentStorylineStories(storylineId, since, PLACEMENT_CANDIDATES);
  const known = new Set(found.map((c) => c.storyId));
  const missing = recent.map((entry) => entry.split("/") as [string, string]).filter(([, id]) => id && !known.has(id));
  const stories = new Map((await deps.store.getStories(missing.map(([, id]) => id))).map((s) => [s.id, s]));
  const extra = missing.flatMap(([eventId, storyId]) => {
    const s = stories.get(storyId);
    return s ? [{ eventId, storyId, story: s }] : [];
  });
  return [...found, ...extra].filter((c) => c.storyId !== story.id);
}

async function placeLocked(
  story: Story,
  scores: ReturnType<typeof matchedStorylines>,
  held: Map<string, { recent: string[]; placed: string[] }>,
  deps: PlacementDeps,
): Promise<{ alerts: number; deliveries: string[] }> {
  const now = deps.clock.now();
  let alerts = 0;
  const deliveries: string[] = [];
  let primary = true;
  for (const score of scores) {
    const lockState = held.get(score.id) ?? { recent: [], placed: [] };
    const candidates = await candidatesFor(score.id, story, lockState.recent, now, deps);
    const verdict = classifyAgainst(
      story,
      candidates.map((c) => c.story),
    );
    const match = verdict.matchId ? candidates.find((c) => c.storyId === verdict.matchId) : undefined;
    const relation = match ? verdict.relation : "first";
    const eventId = match ? match.eventId : eventIdFor(score.id, story.id);
    const novel = relation === "update" ? verdict.novel : [];
    const at = storySortAt(story.publishedAt, story.fetchedAt);
    if (relation === "first") {
      await deps.store.putEvent({
        id: eventId,
        storylineId: score.id,
        title: story.title,
        startedAt: at,
        createdAt: now.toISOString(),
      });
    }
    await deps.store.addStoryToEvent(score.id, eventId, story.id, relation, at);
    lockState.placed.push(`${eventId}/${story.id}`);
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
