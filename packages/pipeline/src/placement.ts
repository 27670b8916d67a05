/**
 * Places a scored story in the events of each storyline it entered: `first` (a new event), `update` (new facts
 * for an event; the novel sentences are kept) or `duplicate` (nothing new; joins the event silently).
 * `first` and `update` raise an alert, which fans out to the matching subscriptions; the ids of immediate
 * deliveries are returned so that the caller queues them once the story itself is stored.
 */
import { alertId, classifyAgainst, type Story } from "@storywire/core";
import { type Store, storySortAt } from "@storywire/store";
import { fanOut } from "./fanout.ts";
import { eventIdFor } from "./ids.ts";
import type { Clock, Logger } from "./ports.ts";
import { matchedStorylines } from "./score.ts";

/** How far back a new story is compared with the storyline's stories. */
export const PLACEMENT_WINDOW_MS = 14 * 24 * 3_600_000;
export const PLACEMENT_CANDIDATES = 200;

export interface PlacementDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
}

export async function placeStory(story: Story, deps: PlacementDeps): Promise<{ alerts: number; deliveries: string[] }> {
  const now = deps.clock.now();
  let alerts = 0;
  const deliveries: string[] = [];
  let primary = true;
  for (const score of matchedStorylines(story)) {
    const since = new Date(now.getTime() - PLACEMENT_WINDOW_MS).toISOString();
    const candidates = (await deps.store.recentStorylineStories(score.id, since, PLACEMENT_CANDIDATES)).filter(
      (c) => c.storyId !== story.id,
    );
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
