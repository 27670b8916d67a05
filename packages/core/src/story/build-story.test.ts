import { describe, expect, it } from "vitest";
import { storyId } from "../ids.ts";
import type { FeedItem } from "../types.ts";
import { type BuildStoryContext, buildStory, domainOf, plainLine } from "./build-story.ts";
import { storySeedText } from "./export.ts";

const BODY_EN =
  "Russian and Chinese defence ministers met in Moscow on Tuesday to discuss joint exercises in the Pacific.";
const BODY_RU = "Министры обороны России и Китая встретились во вторник в Москве, чтобы обсудить совместные учения.";

function item(overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    key: "https://news.example.com/world/drills",
    url: "https://news.example.com/world/drills",
    title: "Ministers discuss joint drills",
    contentHtml: `<p>${BODY_EN}</p><p>Share on Facebook</p><p>Analysts say the talks matter .</p>`,
    summary: "",
    author: "Jane Reporter",
    publishedAt: "2026-02-04T10:00:00.000Z",
    language: null,
    ...overrides,
  };
}

const ctx: BuildStoryContext = {
  feedId: "feed0123456789ab",
  feedUrl: "https://news.example.com/rss",
  feedTitle: "Example News",
  fetchedAt: "2026-02-04T10:05:00.000Z",
};

describe("buildStory", () => {
  it("builds a seed-shaped story from the feed item", () => {
    const story = buildStory(item(), ctx);
    expect(story).toEqual({
      id: storyId("https://news.example.com/world/drills"),
      key: "https://news.example.com/world/drills",
      feedId: "feed0123456789ab",
      title: "Ministers discuss joint drills",
      text: `${BODY_EN}\n\nAnalysts say the talks matter.`,
      url: "https://news.example.com/world/drills",
      source: "Example News",
      author: "Jane Reporter",
      language: "en",
      publishedAt: "2026-02-04T10:00:00.000Z",
      fetchedAt: "2026-02-04T10:05:00.000Z",
    });
    expect(storySeedText(story)).toBe(
      `Ministers discuss joint drills\n\n${BODY_EN}\n\nAnalysts say the talks matter.\n`,
    );
  });

  it.each<[string, Partial<FeedItem>, Partial<BuildStoryContext>, Record<string, unknown>]>([
    [
      "extracted full text replaces the teaser",
      {},
      { extracted: ["Full one .", "Leave a comment", "Full two."] },
      { text: "Full one.\n\nFull two." },
    ],
    ["empty extraction keeps the feed body", { contentHtml: "<p>Teaser.</p>" }, { extracted: [] }, { text: "Teaser." }],
    [
      "summary used when there is no content",
      { contentHtml: "", summary: "Only a summary." },
      {},
      { text: "Only a summary." },
    ],
    ["source falls back to the article's domain", {}, { feedTitle: null }, { source: "news.example.com" }],
    [
      "then to the feed's domain",
      { url: null },
      { feedTitle: "  ", feedUrl: "https://www.feeds.example.org/x" },
      { source: "feeds.example.org" },
    ],
    ["non-http link dropped", { url: "javascript:alert(1)" }, {}, { url: null }],
    [
      "a headline repeated as the first paragraph is dropped",
      { contentHtml: "<h1>Ministers discuss joint drills</h1><p>Body.</p>" },
      {},
      { text: "Body." },
    ],
    [
      "HTML in the title is stripped (inert <img onerror>)",
      { title: 'Drills <img src=x onerror="alert(1)">' },
      {},
      { title: "Drills" },
    ],
    ["empty author is null", { author: "  " }, {}, { author: null }],
    [
      "item language hint is used for short text",
      { contentHtml: "<p>Short.</p>", title: "Hi", language: "de-DE" },
      {},
      { language: "de" },
    ],
    [
      "feed language hint when the item has none",
      { contentHtml: "<p>Short.</p>", title: "Hi" },
      { feedLanguage: "fr" },
      { language: "fr" },
    ],
    [
      "text beats a wrong hint",
      { title: "Министры встретились", contentHtml: `<p>${BODY_RU}</p>`, language: "en" },
      {},
      { language: "ru" },
    ],
    ["guid keys are namespaced by feed", { key: "guid-1" }, {}, { id: storyId("guid-1", ctx.feedUrl) }],
  ])("%s", (_name, overrides, context, expected) => {
    expect(buildStory(item(overrides), { ...ctx, ...context })).toMatchObject(expected);
  });
});

describe("plainLine and domainOf", () => {
  it.each<[string | null, string]>([
    ["  A   title ", "A title"],
    ["Inflation < 2% & falling", "Inflation < 2% & falling"],
    ["<b>Bold</b> move", "Bold move"],
    [null, ""],
  ])("plainLine(%j) -> %j", (value, expected) => {
    expect(plainLine(value)).toBe(expected);
  });

  it.each<[string | null, string | null]>([
    ["https://www.example.com/a", "example.com"],
    ["http://sub.example.org", "sub.example.org"],
    ["mailto:a@example.com", null],
    ["not a url", null],
    [null, null],
  ])("domainOf(%j) -> %j", (url, expected) => {
    expect(domainOf(url)).toBe(expected);
  });
});
