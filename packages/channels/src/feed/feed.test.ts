import { HOSTILE_TITLE, testAlert } from "@storywire/channels/test-support/alerts";
import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { JSON_FEED_VERSION } from "../constants.ts";
import { renderAtom } from "./atom.ts";
import { FEED_MAX_ITEMS, type FeedOptions } from "./entries.ts";
import { renderJsonFeed } from "./json-feed.ts";
import { escapeXml } from "./xml.ts";

const SELF = "https://storywire.example.org/api/feeds/Zm9vYmFy.atom";

function options(overrides: Partial<FeedOptions> = {}): FeedOptions {
  const older = testAlert({ relation: "first", story: { id: "5293376d8269ff76" }, createdAt: "2025-05-15T10:00:00Z" });
  const newer = testAlert({ story: { title: HOSTILE_TITLE }, createdAt: "2025-05-16T08:00:00Z" });
  return { title: "Storywire: Ukraine ceasefire & <peace> talks", selfUrl: SELF, alerts: [older, newer], ...overrides };
}

describe("renderAtom", () => {
  it("parses back with rss-parser: newest first, stable urn ids, text titles, links, times, authors", async () => {
    const { alerts } = options();
    const xml = renderAtom(options());
    const feed = await new Parser().parseString(xml);
    expect(feed.title).toBe("Storywire: Ukraine ceasefire & <peace> talks");
    expect(feed.feedUrl).toBe(SELF);
    expect(feed.lastBuildDate).toBe("2025-05-16T08:00:00.000Z");
    expect(feed.items.map((item) => item.id)).toEqual([
      `urn:storywire:alert:${alerts[1]?.id}`,
      `urn:storywire:alert:${alerts[0]?.id}`,
    ]);
    const [newest, oldest] = feed.items;
    expect(newest?.title).toBe(HOSTILE_TITLE);
    expect(newest?.link).toBe("https://news.example.org/articles/ceasefire-talks");
    expect(newest?.pubDate).toBe("2025-05-16T07:30:00.000Z");
    expect(newest?.author).toBe("Example News");
    expect(newest?.summary).toBe(
      "Update in Ukraine ceasefire and peace talks: Relies on Kremlin sources and uses Russian place names.",
    );
    expect(newest?.content).toContain(`\n${HOSTILE_TITLE}\n`);
    expect(newest?.content).toContain("- Peskov said the memorandum is ready.");
    expect(oldest?.summary).toMatch(/^New story in Ukraine ceasefire and peace talks/);
  });

  it("escapes feed text so no raw markup reaches the document", () => {
    const xml = renderAtom(options());
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("<peace>");
    expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; *bold*");
    expect(xml).toContain('<title type="text">Storywire: Ukraine ceasefire &amp; &lt;peace&gt; talks</title>');
    expect(xml).not.toMatch(/type="html"|type="xhtml"/);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(
      true,
    );
  });

  it("renders the same document for the same alerts, once per alert, with entry updated times", () => {
    const { alerts } = options();
    const twice = renderAtom(options({ alerts: [...alerts, ...alerts] }));
    expect(twice).toBe(renderAtom(options({ alerts: [...alerts].reverse() })));
    expect(twice.match(/<entry>/g)).toHaveLength(2);
    expect(twice).toContain("<updated>2025-05-15T10:00:00.000Z</updated>");
  });

  it("leaves out the alternate link of a story without an http(s) URL, keeping the API link", async () => {
    const alert = testAlert({ story: { url: "javascript:alert(1)" } });
    const xml = renderAtom(options({ alerts: [alert] }));
    expect(xml).not.toContain("javascript:");
    expect(xml).not.toContain('rel="alternate"');
    expect(xml).toContain(`<link rel="related" type="application/json" href="${alert.links.story}"/>`);
    const feed = await new Parser().parseString(xml);
    expect(feed.items).toHaveLength(1);
  });

  it("renders a valid empty feed with the given updated time", async () => {
    const xml = renderAtom(options({ alerts: [], updated: "2025-01-01T00:00:00Z" }));
    const feed = await new Parser().parseString(xml);
    expect(feed.items).toEqual([]);
    expect(feed.lastBuildDate).toBe("2025-01-01T00:00:00.000Z");
  });

  it("caps the number of entries", () => {
    const alerts = Array.from({ length: FEED_MAX_ITEMS + 5 }, (_, i) =>
      testAlert({ story: { id: `story-${i}` }, createdAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString() }),
    );
    expect(renderAtom(options({ alerts })).match(/<entry>/g)).toHaveLength(FEED_MAX_ITEMS);
  });

  it.each([
    ["selfUrl", { selfUrl: "javascript:alert(1)" }],
    ["homePageUrl", { homePageUrl: "/relative" }],
  ])("rejects a non-http(s) %s", (name, bad) => {
    expect(() => renderAtom(options(bad))).toThrow(new RegExp(`${name} must be an absolute http\\(s\\) URL`));
    expect(() => renderJsonFeed(options(bad))).toThrow(new RegExp(name));
  });
});

describe("escapeXml", () => {
  it.each([
    [`a & b < c > d " e ' f`, "a &amp; b &lt; c &gt; d &quot; e &apos; f"],
    ["bell\u0007 nul\u0000 tab\t ok", "bell nul tab\t ok"],
    ["lone \ud800 surrogate, pair 🙂", "lone  surrogate, pair 🙂"],
    ["\ufffe\uffff", ""],
  ])("escapeXml(%j)", (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });
});

describe("renderJsonFeed", () => {
  it("is a JSON Feed 1.1 document whose items have id, url, title, content_text and date_published", () => {
    const { alerts } = options();
    const feed = JSON.parse(renderJsonFeed(options({ homePageUrl: "https://storywire.example.org/" })));
    expect(feed).toMatchObject({
      version: JSON_FEED_VERSION,
      title: "Storywire: Ukraine ceasefire & <peace> talks",
      feed_url: SELF,
      home_page_url: "https://storywire.example.org/",
    });
    expect(feed.items).toHaveLength(2);
    for (const item of feed.items) {
      expect(Object.keys(item)).toEqual(
        expect.arrayContaining(["id", "url", "title", "content_text", "date_published", "date_modified"]),
      );
      expect(item).not.toHaveProperty("content_html");
      expect(typeof item.content_text).toBe("string");
      expect(Number.isNaN(Date.parse(item.date_published))).toBe(false);
      expect(item.url).toMatch(/^https:\/\//);
    }
    expect(feed.items[0]).toMatchObject({
      id: `urn:storywire:alert:${alerts[1]?.id}`,
      url: "https://news.example.org/articles/ceasefire-talks",
      title: HOSTILE_TITLE,
      date_published: "2025-05-16T07:30:00.000Z",
      date_modified: "2025-05-16T08:00:00.000Z",
      authors: [{ name: "Example News" }],
      tags: ["ceasefire", "update"],
      _storywire: { storyId: "1d6d5fc977bff7a7", relation: "update", score: 0.82 },
    });
  });

  it("falls back to the API link and the alert time when the story has no URL or publication time", () => {
    const alert = testAlert({ story: { url: null, publishedAt: null } });
    const [item] = JSON.parse(renderJsonFeed(options({ alerts: [alert] }))).items;
    expect(item.url).toBe(alert.links.story);
    expect(item.date_published).toBe(alert.createdAt);
  });
});
