/**
 * Storylines saved through the API (user-defined ones, edits of the built-in ones, deleted built-ins) and what
 * a rescore of stored stories reads. The records share one table partition ("STORYLINES") with a small version
 * item, so that a runtime's cache checks for changes with one point read per ingest and reloads every record
 * with one strongly consistent query only when the version moved (ACCESS-PATTERNS.md, "Storylines").
 */
import { DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Story } from "@storywire/core";
import { isConditionFailure } from "./aws-errors.ts";
import { DEFAULT_CANDIDATES, MAX_CANDIDATES } from "./constants.ts";
import { getItem, type Item, putNew, run, type StoreContext, updateItem } from "./db.ts";
import { Conflict, InvalidInput } from "./errors.ts";
import { withStories } from "./events.ts";
import { Expr } from "./expression.ts";
import {
  assertId,
  atOrBefore,
  keys,
  PARTITIONS,
  STORYLINE_RECORD_PREFIX,
  STORYLINE_SUBSCRIBER_PREFIX,
  STORYLINES_PARTITION,
} from "./keys.ts";
import { pageSize, queryAll, queryPage } from "./query.ts";
import { readStorylineRecord } from "./records.ts";
import { cursorAfterStory, listStoriesOldestFirst } from "./stories.ts";
import { toIso } from "./time.ts";
import type { StorylineRecord, StorylineStore } from "./types.ts";

/** Largest page of a story-window walk (a rescore scores each story, so pages may be larger than lists'). */
export const MAX_WINDOW_PAGE = 500;

function toRecord(item: Item): StorylineRecord {
  return readStorylineRecord(item);
}

function definitionJson(id: string, definition: unknown): string | null {
  if (definition === null) return null;
  if (typeof definition !== "object" || Array.isArray(definition)) {
    throw new InvalidInput(`Storyline ${id}'s definition must be an object (the storyline's JSON) or null.`);
  }
  return JSON.stringify(definition);
}

export function storylineStore(ctx: StoreContext): StorylineStore {
  /** Moves the version on: ADD creates the item on first use. */
  const bumpVersion = async (now: string, action: string) => {
    const expr = new Expr();
    await run(ctx, action, () =>
      ctx.doc.send(
        new UpdateCommand({
          TableName: ctx.table,
          Key: keys.storylinesVersion(),
          UpdateExpression: `ADD ${expr.name("version")} ${expr.value(1)} SET ${expr.name("updatedAt")} = ${expr.value(now)}, ${expr.name("entity")} = ${expr.value("storylinesVersion")}`,
          ...expr.params(),
        }),
      ),
    );
  };

  /** Every item of the storylines partition whose sort key begins with `prefix`, strongly consistent. */
  const queryStorylinesPartition = (prefix: string, action: string) =>
    queryAll(
      ctx,
      {
        index: "table",
        partition: STORYLINES_PARTITION,
        sort: { op: "begins_with", value: prefix },
        descending: false,
        consistent: true,
      },
      action,
    );

  return {
    async listStorylineRecords() {
      const items = await queryStorylinesPartition(STORYLINE_RECORD_PREFIX, "Listing the saved storylines");
      return items.map(toRecord);
    },

    async getStorylineRecord(id) {
      const item = await getItem(ctx, keys.storyline(assertId(id, "Storyline id")), `Reading storyline ${id}`);
      return item ? toRecord(item) : null;
    },

    async saveStorylineRecord(record, expectedRevision) {
      const id = assertId(record.id, "Storyline id");
      const now = toIso(record.at ?? ctx.clock(), `Storyline ${id}'s change time`);
      const json = definitionJson(id, record.definition);
      const query = record.query ?? null;
      const action = `Saving storyline ${id}`;
      let saved: StorylineRecord;
      if (expectedRevision === 0) {
        const item = {
          ...keys.storyline(id),
          entity: "storyline",
          id,
          definitionJson: json,
          query,
          revision: 1,
          createdAt: now,
          updatedAt: now,
        };
        if (!(await putNew(ctx, item, action))) {
          throw new Conflict(`Storyline "${id}" was saved by someone else meanwhile; read it again and retry.`);
        }
        saved = toRecord(item);
      } else {
        const item = await updateItem(
          ctx,
          keys.storyline(id),
          { set: { definitionJson: json, query, revision: expectedRevision + 1, updatedAt: now } },
          action,
          (expr) => `${expr.name("revision")} = ${expr.value(expectedRevision)}`,
        );
        if (!item) {
          throw new Conflict(
            `Storyline "${id}" is no longer at revision ${expectedRevision} (it changed or was deleted meanwhile); read it again and retry.`,
          );
        }
        saved = toRecord(item);
      }
      await bumpVersion(now, action);
      return saved;
    },

    async deleteStorylineRecord(id, expectedRevision) {
      const key = keys.storyline(assertId(id, "Storyline id"));
      const action = `Deleting storyline ${id}`;
      const expr = new Expr();
      const condition =
        expectedRevision === undefined ? undefined : `${expr.name("revision")} = ${expr.value(expectedRevision)}`;
      let deleted: boolean;
      try {
        const result = await run(ctx, action, () =>
          ctx.doc.send(
            new DeleteCommand({
              TableName: ctx.table,
              Key: key,
              ReturnValues: "ALL_OLD",
              ...(condition ? { ConditionExpression: condition, ...expr.params() } : {}),
            }),
          ),
        );
        deleted = result.Attributes !== undefined;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        throw new Conflict(`Storyline "${id}" is no longer at revision ${expectedRevision}; read it again and retry.`);
      }
      if (deleted) await bumpVersion(ctx.clock().toISOString(), action);
      return deleted;
    },

    async storylinesVersion() {
      const item = await getItem(ctx, keys.storylinesVersion(), "Reading the storylines version");
      return Number(item?.version ?? 0);
    },

    async markStorylineDeleting(id, mark) {
      assertId(id, "Storyline id");
      const owner = assertId(mark.owner, "The delete's owner");
      const now = toIso(mark.now ?? ctx.clock(), "The time of the mark");
      const until = toIso(mark.until, "The end of the mark");
      const item = { ...keys.storylineDeleting(id), entity: "storylineDeleting", id, owner, until };
      // A mark past its time is a crashed delete's: taken over.
      return putNew(
        ctx,
        item,
        `Marking storyline ${id} as being deleted`,
        (e) => `${e.name("until")} < ${e.value(now)}`,
      );
    },

    async clearStorylineDeleting(id, owner) {
      const expr = new Expr();
      try {
        await run(ctx, `Clearing the delete mark of storyline ${id}`, () =>
          ctx.doc.send(
            new DeleteCommand({
              TableName: ctx.table,
              Key: keys.storylineDeleting(assertId(id, "Storyline id")),
              ConditionExpression: `${expr.name("owner")} = ${expr.value(owner)}`,
              ...expr.params(),
            }),
          ),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error; // gone, or taken over after it lapsed: not ours to remove
      }
    },

    async isStorylineDeleting(id, now) {
      const item = await getItem(
        ctx,
        keys.storylineDeleting(assertId(id, "Storyline id")),
        `Reading the delete mark of storyline ${id}`,
      );
      return item !== null && String(item.until) >= toIso(now ?? ctx.clock(), "The time of the read");
    },

    async listStorylineSubscriberIds(id) {
      const prefix = `${STORYLINE_SUBSCRIBER_PREFIX}${assertId(id, "Storyline id")}#`;
      const items = await queryStorylinesPartition(prefix, `Listing the subscriptions of storyline ${id}`);
      return items.map((item) => String(item.sk).slice(prefix.length));
    },

    listStoriesOldestFirst(options) {
      // The story lists hold every story (stories.ts); their sort keys are the ones a walk resumes after.
      return listStoriesOldestFirst(ctx, options, MAX_WINDOW_PAGE);
    },

    cursorAfterStory(story: Story) {
      return cursorAfterStory(story);
    },

    async storylineStoriesBetween(storylineId, from, to, limit) {
      assertId(storylineId, "Storyline id");
      const fromIso = toIso(from, "The start of the storyline's window");
      const toIsoValue = toIso(to, "The end of the storyline's window");
      const action = `Reading the stories of storyline ${storylineId} from ${fromIso} to ${toIsoValue}`;
      const page = await queryPage(
        ctx,
        {
          index: "gsi2",
          partition: PARTITIONS.storylineStories(storylineId),
          sort: { op: "between", from: fromIso, to: atOrBefore(toIsoValue) },
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
