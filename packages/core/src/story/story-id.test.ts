import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { storyId } from "./story-id.ts";

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
