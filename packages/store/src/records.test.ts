import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { makeFeed, makeStory, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keys } from "./keys.ts";
import {
  readDelivery,
  readFeed,
  readSeenItems,
  readStory,
  readSubscription,
  readSummary,
  StoredRecordError,
} from "./records.ts";
import { createStore } from "./store.ts";
import { toStorySummary } from "./summary.ts";
import { ensureTable } from "./table.ts";

const feedItem = (fields: Record<string, unknown> = {}) => ({
  ...keys.feed("f1"),
  entity: "feed",
  ...makeFeed(),
  ...fields,
});

describe("records parsed on read", () => {
  it("reads a feed as written, without the table's attributes, the user's title winning", () => {
    const feed = readFeed(feedItem({ userTitle: "Mine", gsi1pk: "FEEDS_DUE", gsi1sk: "x" }));
    expect(feed).toEqual({ ...makeFeed(), title: "Mine" });
  });

  it("reads older records that lack fields added since", () => {
    const { lastStatus: _s, etag: _e, ...older } = makeFeed();
    expect(readFeed({ ...keys.feed("f1"), ...older })).toMatchObject({ lastStatus: null, etag: null });
  });

  it.each([
    [{ status: "sleeping" }, 'field "status" holds "sleeping", which is not one of its values'],
    [{ errorCount: "3" }, 'field "errorCount" is not a number'],
    [{ nextCheckAt: undefined }, 'field "nextCheckAt" is missing'],
  ])("fails loudly on a feed that does not match (%j), naming the key and the field", (fields, detail) => {
    const read = () => readFeed(feedItem(fields));
    expect(read).toThrow(StoredRecordError);
    expect(read).toThrow(`The stored feed at FEED#f1/FEED cannot be read: ${detail}.`);
  });

  it("reads stories and list summaries, and refuses a summary that is not JSON", () => {
    const story = makeStory();
    expect(readStory({ ...keys.story(story.id), sortAt: "x", ...story })).toEqual(story);
    const summary = toStorySummary(story);
    expect(readSummary({ pk: "LIST#ALL", sk: "1", s: JSON.stringify(summary) })).toEqual(summary);
    expect(() => readSummary({ pk: "LIST#ALL", sk: "1", s: "{" })).toThrow(
      'The stored story list entry at LIST#ALL/1 cannot be read: field "s" is not JSON.',
    );
    expect(() => readSummary({ pk: "LIST#ALL", sk: "1", s: JSON.stringify({ ...summary, title: 7 }) })).toThrow(
      /field "title" is not a string/,
    );
  });

  it("reads a delivery's ttl as its expiry, and its attempt count as 0 when absent", () => {
    const delivery = readDelivery({
      ...keys.delivery("d1"),
      id: "d1",
      subscriptionId: "s1",
      storyId: "a1",
      state: "failed",
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:00.000Z",
      ttl: 1_800_000_000,
    });
    expect(delivery).toMatchObject({ attempt: 0, alertId: null, expiresAt: "2027-01-15T08:00:00.000Z" });
  });

  it("refuses a subscription whose channel is not one", () => {
    expect(() =>
      readSubscription({
        ...keys.subscription("s1"),
        id: "s1",
        storylines: ["sco"],
        minScore: 0,
        filters: {},
        mode: "immediate",
        channel: { type: "pager" },
        secret: "whsec_x",
        feedToken: "t",
        createdAt: "2025-01-01T00:00:00.000Z",
        status: "active",
      }),
    ).toThrow(/SUB#s1\/SUB cannot be read: field "channel\.type" holds "pager"/);
  });

  it("reads seen items from their one attribute", () => {
    expect(readSeenItems({ pk: "FEED#f1", sk: "SEEN", ids: "a b", version: 3 })).toEqual({
      ids: ["a", "b"],
      version: 3,
    });
    expect(readSeenItems({ pk: "FEED#f1", sk: "SEEN" })).toEqual({ ids: [], version: 0 });
  });
});

describe("a record that does not match, read through the store", () => {
  let test: TestDynamo;
  beforeAll(async () => {
    test = await startTestDynamo();
  });
  afterAll(async () => {
    await test?.close();
  });

  it("fails the read with the key and the field instead of handing out a wrong value", async () => {
    const tableName = "records-test";
    await ensureTable(test.client, tableName);
    const store = createStore({ client: test.client, tableName });
    await store.addFeed(makeFeed({ id: "f000000000000009" }));
    await DynamoDBDocumentClient.from(test.client).send(
      new PutCommand({
        TableName: tableName,
        Item: { ...feedItem({ id: "f000000000000009", status: 1 }), ...keys.feed("f000000000000009") },
      }),
    );
    await expect(store.getFeed("f000000000000009")).rejects.toThrow(
      'The stored feed at FEED#f000000000000009/FEED cannot be read: field "status" holds 1, which is not one of its values.',
    );
  });
});
