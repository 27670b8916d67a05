/**
 * Storyline events (the timeline). An event item holds the development's headline and the set of its story
 * ids; each member story has its own item in the event's partition, which also sits in the storyline's
 * newest-first index (gsi2 "STORYLINE_STORIES#<storylineId>") so a new story can be compared against the
 * storyline's recent stories. Every write is idempotent, so a crash between two writes is repaired by retrying.
 */

import { assertOneOf } from "./checks.ts";
import { DEFAULT_CANDIDATES, DEFAULT_PAGE_SIZE, MAX_CANDIDATES, MAX_PAGE_SIZE } from "./constants.ts";
import { getItem, type Item, putNew, putOrGet, type StoreContext, updateItem } from "./db.ts";
import { Conflict, InvalidInput, NotFound } from "./errors.ts";
import type { Condition } from "./expression.ts";
import { assertId, EVENT_MEMBER_PREFIX, keys, PARTITIONS, timeSortKey } from "./keys.ts";
import { pageSize, queryAll, queryPage } from "./query.ts";
import { readEvent } from "./records.ts";
import { RELATIONS, storiesById } from "./stories.ts";
import { toIso } from "./time.ts";
import type { EventStore, EventStory, StorylineEvent } from "./types.ts";

function toEvent(item: Item): StorylineEvent {
  return readEvent(item);
}

/** Joins member items with their stories; members whose story is missing are left out. */
export async function withStories(ctx: StoreContext, members: Item[], action: string): Promise<EventStory[]> {
  const stories = await storiesById(
    ctx,
    members.map((member) => String(member.storyId)),
    action,
  );
  return members.flatMap((member) => {
    const story = stories.get(String(member.storyId));
    if (!story) return [];
    return [
      {
        eventId: String(member.eventId),
        storylineId: String(member.storylineId),
        storyId: String(member.storyId),
        relation: member.relation as EventStory["relation"],
        at: String(member.at),
        story,
      },
    ];
  });
}

export function eventStore(ctx: StoreContext): EventStore {
  return {
    async putEvent(event) {
      const id = assertId(event.id, "Event id");
      const storylineId = assertId(event.storylineId, "Event storylineId");
      if (typeof event.title !== "string") throw new InvalidInput(`Event ${id} needs a title (a string).`);
      const startedAt = toIso(event.startedAt, `Event ${id}'s startedAt`);
      const item: Item = {
        ...keys.event(id),
        entity: "event",
        id,
        storylineId,
        title: event.title,
        startedAt,
        lastStoryAt: startedAt,
        createdAt: toIso(event.createdAt ?? ctx.clock(), `Event ${id}'s createdAt`),
        gsi1pk: PARTITIONS.storylineEvents(storylineId),
        gsi1sk: timeSortKey(startedAt, id),
      };
      const action = `Storing event ${id}`;
      const stored = await putOrGet(ctx, item, "Event", action);
      return { event: toEvent(stored.item), created: stored.created };
    },

    async getEvent(id) {
      const item = await getItem(ctx, keys.event(assertId(id, "Event id")), `Reading event ${id}`);
      return item ? toEvent(item) : null;
    },

    async addStoryToEvent(storylineId, eventId, storyId, relation, at) {
      assertId(storylineId, "Storyline id");
      assertId(eventId, "Event id");
      assertId(storyId, "Story id");
      assertOneOf(relation, RELATIONS, `The relation of story ${storyId}`);
      const atIso = toIso(at, `The time story ${storyId} joined event ${eventId}`);
      const action = `Adding story ${storyId} to event ${eventId}`;
      const sameStoryline: Condition = (e) => `${e.name("storylineId")} = ${e.value(storylineId)}`;
      const add = { storyIds: new Set([storyId]) };

      // 1. The event first (it must exist): adding to a string set is idempotent; lastStoryAt only moves forward.
      let event =
        (await updateItem(
          ctx,
          keys.event(eventId),
          { add, set: { lastStoryAt: atIso } },
          action,
          (e) => `${sameStoryline(e)} AND ${e.name("lastStoryAt")} <= ${e.value(atIso)}`,
        )) ?? (await updateItem(ctx, keys.event(eventId), { add }, action, sameStoryline));
      if (!event) {
        const existing = await getItem(ctx, keys.event(eventId), action);
        if (!existing) throw new NotFound("Event", eventId);
        throw new Conflict(
          `Event ${eventId} belongs to storyline "${String(existing.storylineId)}", not "${storylineId}"; ` +
            "add the story to an event of its own storyline.",
        );
      }

      // 2. The member item (a second add of the same story changes nothing).
      const created = await putNew(
        ctx,
        {
          ...keys.eventMember(eventId, storyId),
          entity: "eventStory",
          eventId,
          storylineId,
          storyId,
          relation,
          at: atIso,
          gsi2pk: PARTITIONS.storylineStories(storylineId),
          gsi2sk: timeSortKey(atIso, storyId),
        },
        action,
      );
      if (!created) event = (await getItem(ctx, keys.event(eventId), action)) ?? event;
      return { event: toEvent(event), created };
    },

    async listEvents(storylineId, options = {}) {
      assertId(storylineId, "Storyline id");
      const page = await queryPage(
        ctx,
        { index: "gsi1", partition: PARTITIONS.storylineEvents(storylineId), descending: true },
        pageSize(options.limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
        options.cursor,
        `Listing the events of storyline ${storylineId}`,
      );
      return { items: page.items.map(toEvent), cursor: page.cursor };
    },

    async listEventStories(eventId) {
      assertId(eventId, "Event id");
      const action = `Listing the stories of event ${eventId}`;
      const members = await queryAll(
        ctx,
        {
          index: "table",
          partition: keys.event(eventId).pk,
          sort: { op: "begins_with", value: EVENT_MEMBER_PREFIX },
          descending: false,
        },
        action,
      );
      const stories = await withStories(ctx, members, action);
      return stories.sort((a, b) => (a.at === b.at ? a.storyId.localeCompare(b.storyId) : a.at < b.at ? -1 : 1));
    },

    async recentStorylineStories(storylineId, since, limit) {
      assertId(storylineId, "Storyline id");
      const sinceIso = toIso(since, "The `since` of the storyline's recent stories");
      const action = `Reading the recent stories of storyline ${storylineId}`;
      const page = await queryPage(
        ctx,
        {
          index: "gsi2",
          partition: PARTITIONS.storylineStories(storylineId),
          sort: { op: ">=", value: sinceIso },
          descending: true,
        },
        pageSize(limit, DEFAULT_CANDIDATES, MAX_CANDIDATES),
        null,
        action,
      );
      return withStories(ctx, page.items, action);
    },
  };
}
