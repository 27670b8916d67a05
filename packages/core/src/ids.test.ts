import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  alertId,
  alertMessageId,
  deliveryId,
  digestMessageId,
  eventId,
  feedId,
  hashId,
  lockId,
  sourceId,
  storyId,
  testMessageId,
} from "./ids.ts";

const sha16 = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 16);

describe("storyId", () => {
  it.each<[string, string, string | null]>([
    ["http URL", "http://example.com/a", "https://feeds.example.com/rss"],
    ["https URL", "https://news.example.org/world/2026/02/04/talks?id=7", null],
    ["guid", "tag:example.com,2026:story-42", "https://feeds.example.com/rss"],
    ["content hash key", "sha256:0f1e2d3c", "https://feeds.example.com/atom"],
    ["unicode", "статья-1", "https://пример.рф/rss"],
    ["empty key", "", null],
  ])("is 16 lowercase hex and stable: %s", (_name, key, feedUrl) => {
    const id = storyId(key, feedUrl);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(storyId(key, feedUrl)).toBe(id);
  });

  it("hashes an http(s) URL key alone: the same article in two feeds has one id", () => {
    const url = "https://news.example.com/2026/02/04/ceasefire";
    expect(storyId(url, "https://a.example/feed")).toBe(storyId(url, "https://b.example/feed"));
    expect(storyId(url, "https://a.example/feed")).toBe(sha16(url));
  });

  it("namespaces any other key with the feed URL", () => {
    const guid = "12345";
    expect(storyId(guid, "https://a.example/feed")).not.toBe(storyId(guid, "https://b.example/feed"));
    expect(storyId(guid, "https://a.example/feed")).toBe(sha16(`https://a.example/feed\n${guid}`));
    expect(storyId(guid)).toBe(sha16(guid));
  });

  it("does not treat a key that merely starts like a URL as one", () => {
    expect(storyId("http://", "https://a.example/feed")).not.toBe(storyId("http://", "https://b.example/feed"));
    expect(storyId("mailto:x@example.com", "https://a.example/feed")).not.toBe(sha16("mailto:x@example.com"));
  });

  it("ignores surrounding whitespace in the key", () => {
    expect(storyId("  https://example.com/a \n")).toBe(storyId("https://example.com/a"));
  });
});

describe("the one rule: kind and parts joined by NUL, SHA-256, 16 hex characters", () => {
  const nulJoined = (...parts: string[]) => sha16(parts.join("\u0000"));

  it("keeps the ids of records already stored (alerts, deliveries, source lists)", () => {
    expect(alertId("ceasefire", "1d6d5fc977bff7a7")).toBe(nulJoined("alert", "ceasefire", "1d6d5fc977bff7a7"));
    expect(deliveryId("sub_1", "1d6d5fc977bff7a7")).toBe(nulJoined("delivery", "sub_1", "1d6d5fc977bff7a7"));
    expect(sourceId("  Le  Monde ")).toBe(nulJoined("source", "le monde"));
    expect(sourceId("BBC Ñews")).toBe(sourceId("bbc nEws"));
  });

  it("keeps parts apart: (ab, c) and (a, bc) differ, and so do kinds", () => {
    expect(hashId("x", "ab", "c")).not.toBe(hashId("x", "a", "bc"));
    expect(eventId("s", "1")).not.toBe(alertId("s", "1"));
    expect(lockId("storyline", "a")).not.toBe(lockId("digest", "a"));
    expect(eventId("s", "1")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("gives a feed one id in every spelling of its URL", () => {
    expect(feedId("https://Example.org/feed/?utm_source=x#top")).toBe(feedId("https://example.org/feed"));
  });
});

describe("message ids (webhook-id, email Message-ID)", () => {
  it("derives an alert's from the same pair as its delivery, stable across attempts", () => {
    expect(alertMessageId("sub_1", "1d6d5fc977bff7a7")).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(alertMessageId("sub_1", "1d6d5fc977bff7a7")).toBe(alertMessageId("sub_1", "1d6d5fc977bff7a7"));
    expect(alertMessageId("sub_2", "1d6d5fc977bff7a7")).not.toBe(alertMessageId("sub_1", "1d6d5fc977bff7a7"));
  });

  it("gives each test send its own id", () => {
    const a = testMessageId("sub_1", new Date("2025-01-01T00:00:00Z"));
    expect(testMessageId("sub_1", new Date("2025-01-01T00:00:01Z"))).not.toBe(a);
  });

  it("derives a digest's from the subscription and the set of deliveries, not their order", () => {
    const id = digestMessageId("sub_1", ["b", "a", "c"]);
    expect(id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(digestMessageId("sub_1", ["c", "b", "a", "a"])).toBe(id);
    expect(digestMessageId("sub_2", ["a", "b", "c"])).not.toBe(id);
    expect(digestMessageId("sub_1", ["a", "b"])).not.toBe(id);
    expect(digestMessageId("sub_1", ["1d6d5fc977bff7a7"])).not.toBe(alertMessageId("sub_1", "1d6d5fc977bff7a7"));
  });
});
