import { describe, expect, it } from "vitest";
import { buildItems, normalizeLanguage, personName, type RawItem } from "./item.ts";

const base: RawItem = {
  guid: null,
  url: null,
  title: null,
  body: null,
  summary: null,
  author: null,
  dates: [],
  language: null,
};

describe("item helpers", () => {
  it.each([
    ["jane@example.com (Jane Doe)", "Jane Doe"],
    ["Jane Doe <jane@example.com>", "Jane Doe"],
    ["  Jane Doe  ", "Jane Doe"],
    ["editor@example.com", "editor@example.com"],
  ])("personName(%j) = %j", (input, name) => {
    expect(personName(input)).toBe(name);
  });

  it.each([
    ["en_US", "en-us"],
    [" pt-PT ", "pt-pt"],
    ["en-gb", "en-gb"],
    ["english please", null],
    ["", null],
    [null, null],
  ])("normalizeLanguage(%j) = %j", (input, tag) => {
    expect(normalizeLanguage(input)).toBe(tag);
  });
});

describe("buildItems", () => {
  it("takes the first readable date, falls back to the feed's language and author", () => {
    const { items } = buildItems(
      [{ ...base, guid: "a", title: { value: "T", type: "text" }, dates: [null, "garbage", "2022-04-05T10:00:00Z"] }],
      "en",
      "Desk",
    );
    expect(items[0]).toMatchObject({ publishedAt: "2022-04-05T10:00:00.000Z", language: "en", author: "Desk" });
  });

  it("keys by content hash when there is no guid or link, identical for identical content", () => {
    const item = {
      ...base,
      title: { value: " Same  title ", type: "html" as const },
      body: { value: "<p>x</p>", type: "html" as const },
    };
    const once = buildItems([item], null).items[0]?.key;
    const again = buildItems([{ ...item, title: { value: "Same title", type: "html" } }], null).items[0]?.key;
    expect(once).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(again).toBe(once);
    expect(buildItems([{ ...item, body: { value: "<p>y</p>", type: "html" } }], null).items[0]?.key).not.toBe(once);
  });

  it("reports skipped items by position", () => {
    const { items, skipped } = buildItems(
      [{ skip: "it is never closed" }, { ...base }, { ...base, guid: "g", title: { value: "ok", type: "text" } }],
      null,
    );
    expect(items.map((item) => item.key)).toEqual(["g"]);
    expect(skipped).toEqual([
      { reason: "Item 1 was skipped: it is never closed", kind: "unreadable" },
      { reason: "Item 2 was skipped: it has no title, link or content", kind: "empty" },
    ]);
  });
});
