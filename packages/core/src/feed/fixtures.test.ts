/**
 * Every feed in ../shared/fixtures/feeds parses; where another parser's reference output exists
 * (expected/<file>.<tool>.json: @rowanmanning/feed-parser snapshots or rss-parser's own test output),
 * item count, titles, URLs and dates are compared with it.
 *
 * Justified deviations, checked explicitly below:
 * - rssboard-0.92-no-titles-no-dates: item 22 repeats item 13 exactly (same description, same
 *   enclosure, no guid, no link), so both get the same content key and the second is skipped as a
 *   duplicate (BAD-INPUTS 26): 21 items where feed-parser lists 22.
 * - jn-pt-iso-8859-1: rss-parser decoded the ISO-8859-1 bytes as UTF-8, so its titles carry U+FFFD where
 *   ours carry the real letters ("M�e" vs "Mãe"); each U+FFFD is compared as one non-ASCII letter (or a
 *   space, for a no-break space).
 * - Reference titles of null (no <title>) are "" here. Reference URLs are compared after canonicalizeUrl
 *   (tracking parameters such as BBC's at_medium are removed here).
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeShared, hasShared, sharedPath } from "../../../../test/support/shared.ts";
import type { ParsedFeed } from "../types.ts";
import { decodeFeedBytes } from "./decode.ts";
import { parseFeed } from "./parse.ts";
import { canonicalizeUrl } from "./url.ts";

interface FixtureCase {
  file: string;
  format: ParsedFeed["format"];
  encoding: string;
  /** Items with the default options (cap 500). */
  items: number;
}

const FIXTURES: FixtureCase[] = [
  { file: "bbc-world-video-2022-04-05.rss.xml", format: "rss", encoding: "utf-8", items: 67 },
  { file: "feedforall-sample-windows-1252.rss.xml", format: "rss", encoding: "windows-1252", items: 9 },
  { file: "feedparser-atom03-example.atom.xml", format: "atom", encoding: "utf-8", items: 1 },
  { file: "ft-uk-homepage-2022-04-05.rss.xml", format: "rss", encoding: "utf-8", items: 31 },
  { file: "giantbomb-podcast-730-items.rss.xml", format: "rss", encoding: "utf-8", items: 500 },
  { file: "guardian-uk-2022-04-05.rss.xml", format: "rss", encoding: "utf-8", items: 115 },
  { file: "heise-developer-2016.atom.xml", format: "atom", encoding: "utf-8", items: 15 },
  { file: "heraldsun-rss092-odd-date.rss.xml", format: "rss", encoding: "windows-1252", items: 2 },
  { file: "ibash-org-ru-windows-1251.rss.xml", format: "rss", encoding: "windows-1251", items: 50 },
  { file: "intertwingly-blog-2012.atom.xml", format: "atom", encoding: "utf-8", items: 20 },
  { file: "jn-pt-iso-8859-1.rss.xml", format: "rss", encoding: "windows-1252", items: 40 },
  { file: "jsonfeed-1.0-gofeed.json", format: "json", encoding: "utf-8", items: 1 },
  { file: "jsonfeed-1.1-gofeed.json", format: "json", encoding: "utf-8", items: 1 },
  { file: "mastodon-user-no-titles-2023-03-01.rss.xml", format: "rss", encoding: "utf-8", items: 20 },
  { file: "medium-content-encoded.rss.xml", format: "rss", encoding: "utf-8", items: 7 },
  { file: "nasa-image-of-the-day-2022-04-05.rss.xml", format: "rss", encoding: "utf-8", items: 60 },
  { file: "neverwinter-relative-urls.rss.xml", format: "rss", encoding: "utf-8", items: 2 },
  { file: "nyt-homepage-2022-04-05.rss.xml", format: "rss", encoding: "utf-8", items: 63 },
  { file: "reddit-frontpage-2016.atom.xml", format: "atom", encoding: "utf-8", items: 24 },
  { file: "rssboard-0.91-sample.rss.xml", format: "rss", encoding: "windows-1252", items: 6 },
  { file: "rssboard-0.92-no-titles-no-dates.rss.xml", format: "rss", encoding: "utf-8", items: 21 },
  { file: "science-twis-rss10.rdf.xml", format: "rss", encoding: "utf-8", items: 69 },
  { file: "theverge-frontpage-2022-04-06.atom.xml", format: "atom", encoding: "utf-8", items: 10 },
  { file: "wordpress-news-2022-04-06.rss.xml", format: "rss", encoding: "utf-8", items: 30 },
  { file: "youtube-channel-2023-03-01.atom.xml", format: "atom", encoding: "utf-8", items: 15 },
];

/** Where each feed was really served from (SOURCES.md), for resolving relative links. */
const FEED_URLS: Record<string, string> = {
  "neverwinter-relative-urls.rss.xml": "https://www.arcgames.com/en/games/neverwinter/news/rss",
  "intertwingly-blog-2012.atom.xml": "http://intertwingly.net/blog/index.atom",
  "reddit-frontpage-2016.atom.xml": "https://www.reddit.com/.rss",
  "nasa-image-of-the-day-2022-04-05.rss.xml": "https://www.nasa.gov/rss/dyn/lg_image_of_the_day.rss",
};

interface ReferenceItem {
  title?: string | null;
  url?: string | null;
  link?: string | null;
  published?: string | null;
  isoDate?: string | null;
}

interface Reference {
  tool: string;
  /** Feed URL the reference parser was given (feed-parser snapshots). */
  url: string | null;
  items: ReferenceItem[];
}

function fixturePath(...parts: string[]): string {
  return sharedPath("fixtures", "feeds", ...parts);
}

async function parseFixture(file: string, feedUrl: string | null, maxItems?: number) {
  const decoded = decodeFeedBytes(readFileSync(fixturePath(file)));
  const feed = await parseFeed(decoded.text, feedUrl, maxItems === undefined ? {} : { maxItems });
  return { ...decoded, feed };
}

function references(): Map<string, Reference> {
  const found = new Map<string, Reference>();
  if (!hasShared) return found;
  for (const name of readdirSync(fixturePath("expected"))) {
    const match = /^(.+)\.(feed-parser|rss-parser)\.json$/.exec(name);
    if (!match?.[1] || !match[2]) continue;
    const json = JSON.parse(readFileSync(fixturePath("expected", name), "utf8")) as {
      url?: string;
      feed: { items?: ReferenceItem[] };
    };
    found.set(match[1], { tool: match[2], url: json.url ?? null, items: json.feed.items ?? [] });
  }
  return found;
}

/** Titles compared with whitespace collapsed and invisible characters (a zero-width space, which titles drop) removed. */
function normalizeTitle(title: string | null | undefined): string {
  return (title ?? "")
    .replace(/[\u200b\u2060\ufeff\u00ad]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Reference text with U+FFFD (a byte its parser could not decode) matches one non-ASCII character, or a
 * space (the byte 0xA0 is a no-break space, which titles here collapse to a plain space).
 */
function sameTitle(mine: string, reference: string): boolean {
  if (!reference.includes("\uFFFD")) return mine === reference;
  const pattern = reference
    .split("\uFFFD")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("(?:[^\\x00-\\x7F]| )");
  return new RegExp(`^${pattern}$`).test(mine);
}

describeShared("feed fixtures", () => {
  it("the table covers every feed in the folder", () => {
    const files = readdirSync(fixturePath()).filter((name) => /\.(xml|json)$/.test(name));
    expect(FIXTURES.map((fixture) => fixture.file).sort()).toEqual(files.sort());
  });

  it.each(FIXTURES)("$file parses ($format, $encoding, $items items)", async ({ file, format, encoding, items }) => {
    const { feed, encoding: used } = await parseFixture(file, FEED_URLS[file] ?? null);
    expect(used).toBe(encoding);
    expect(feed.format).toBe(format);
    expect(feed.title).not.toBe("");
    expect(feed.items).toHaveLength(items);
    for (const item of feed.items) {
      expect(item.key).not.toBe("");
      expect(item.url === null || item.url === canonicalizeUrl(item.url)).toBe(true);
      expect(item.publishedAt === null || !Number.isNaN(Date.parse(item.publishedAt))).toBe(true);
      expect(item.title).not.toMatch(/[<>]\s*\/?[a-z]+[^<>]*>/i);
      expect(item.contentHtml).not.toMatch(/<script|\bon[a-z]+\s*=\s*["']|javascript:/i);
    }
    expect(new Set(feed.items.map((item) => item.key)).size).toBe(feed.items.length);
  });

  const refs = references();
  const compared = FIXTURES.filter((fixture) => refs.has(fixture.file));

  it.each(compared)("$file matches the reference parser's items", async ({ file }) => {
    const reference = refs.get(file) as Reference;
    // The reference parsers have no item cap; giantbomb's 730 items are all compared.
    const { feed } = await parseFixture(file, reference.url ?? FEED_URLS[file] ?? null, 1000);
    let expected = reference.items;
    if (file === "rssboard-0.92-no-titles-no-dates.rss.xml") {
      expect(feed.skipped).toEqual([
        { reason: expect.stringMatching(/^Item 22 was skipped: it repeats the key/), kind: "duplicate" },
      ]);
      expected = expected.slice(0, 21);
    }
    expect(feed.items).toHaveLength(expected.length);
    expected.forEach((ref, index) => {
      const item = feed.items[index];
      const context = `${file} item ${index + 1}`;
      expect(
        sameTitle(normalizeTitle(item?.title), normalizeTitle(ref.title)),
        `${context}: ${item?.title} vs ${ref.title}`,
      ).toBe(true);
      const refUrl = ref.url ?? ref.link ?? null;
      expect(item?.url ?? null, context).toBe(refUrl === null ? null : canonicalizeUrl(refUrl));
      expect(item?.publishedAt ?? null, context).toBe(ref.published ?? ref.isoDate ?? null);
    });
  });
});

describeShared("feed fixtures: encodings, relative URLs, caps", () => {
  it("windows-1251 (ibash.org.ru): Cyrillic, and 0x85 is an ellipsis, not NEL", async () => {
    const { feed } = await parseFixture("ibash-org-ru-windows-1251.rss.xml", null);
    expect(feed.items[0]?.title).toBe("Цитата #17703");
    expect(feed.language).toBe("ru");
    const bodies = feed.items.map((item) => item.contentHtml).join("\n");
    expect(bodies).toContain("жаба программер");
    expect(bodies).toContain("…");
    expect(bodies).not.toContain("\u0085");
  });

  it("ISO-8859-1 (jn.pt): Portuguese accents", async () => {
    const { feed } = await parseFixture("jn-pt-iso-8859-1.rss.xml", null);
    expect(feed.title).toBe("Jornal de Notícias - Últimas Notícias");
    expect(feed.items[0]?.title).toBe("Mãe de utente é a nova presidente da Raríssimas");
    expect(feed.items[1]?.title).toBe("Reações dos partidos ao veto de Marcelo");
    expect(feed.items.map((item) => item.title).join("")).not.toContain("\uFFFD");
  });

  it("windows-1252 label on ASCII content (feedforall) and windows-1252 punctuation", async () => {
    const { feed, encoding } = await parseFixture("feedforall-sample-windows-1252.rss.xml", null);
    expect(encoding).toBe("windows-1252");
    expect(feed.items[0]?.title).toBe("RSS Solutions for Restaurants");
    expect(feed.items[0]?.contentHtml).toContain("<b>FeedForAll </b>helps Restaurant's communicate");
  });

  it("relative URLs (neverwinter) resolve against the feed URL", async () => {
    const { feed } = await parseFixture(
      "neverwinter-relative-urls.rss.xml",
      FEED_URLS["neverwinter-relative-urls.rss.xml"] ?? null,
    );
    expect(feed.link).toBe("https://www.arcgames.com/en/games/neverwinter/news");
    expect(feed.items[0]?.url).toBe(
      "https://www.arcgames.com/en/games/neverwinter/news/detail/10743874-neverwinter-%26-jingle-jam-humble-bundle%21",
    );
    expect(feed.items[0]?.publishedAt).toBe("2017-12-07T18:00:29.000Z");
    expect(feed.ttlMinutes).toBe(60);
  });

  it("relative Atom links (intertwingly) and xml:base (Atom 0.3 example)", async () => {
    const blog = await parseFixture(
      "intertwingly-blog-2012.atom.xml",
      FEED_URLS["intertwingly-blog-2012.atom.xml"] ?? null,
    );
    expect(blog.feed.link).toBe("http://intertwingly.net/blog/");
    expect(blog.feed.items[0]?.url).toBe("http://intertwingly.net/blog/2012/07/16/Inhibiting-Suspend");
    const atom03 = await parseFixture(
      "feedparser-atom03-example.atom.xml",
      "https://pythonhosted.org/feedparser/atom03.xml",
    );
    expect(atom03.feed.items[0]).toMatchObject({
      url: "http://example.org/entry/3",
      author: "Mark Pilgrim",
      language: "en",
    });
    expect(atom03.feed.items[0]?.contentHtml).toContain("Watch out for <span> nasty tricks</span>");
  });

  it("the 730-item podcast respects the item cap option", async () => {
    const byDefault = await parseFixture("giantbomb-podcast-730-items.rss.xml", null);
    expect(byDefault.feed.items).toHaveLength(500);
    expect(byDefault.feed.itemsOverCap).toBe(230);
    const capped = await parseFixture("giantbomb-podcast-730-items.rss.xml", null, 100);
    expect(capped.feed.items).toHaveLength(100);
    expect(capped.feed.itemsOverCap).toBe(630);
    expect(capped.feed.items[0]?.title).toBe("Giant Bombcast 603: Call of Tuesday");
    expect(capped.feed.items.map((item) => item.key)).toEqual(
      byDefault.feed.items.slice(0, 100).map((item) => item.key),
    );
  });

  it("JSON Feed 1.0 and 1.1 (gofeed samples)", async () => {
    for (const file of ["jsonfeed-1.0-gofeed.json", "jsonfeed-1.1-gofeed.json"]) {
      const { feed } = await parseFixture(file, null);
      expect(feed).toMatchObject({ format: "json", title: "title", link: "https://sample-json-feed.com/" });
      expect(feed.items[0]).toMatchObject({
        key: "id",
        url: "https://sample-json-feed.com/id",
        title: "title",
        contentHtml: "<p>content_html</p>",
        summary: "summary",
        author: "author_name",
        publishedAt: "2019-10-12T07:20:50.520Z",
      });
    }
  });

  it("YouTube Atom without <content> uses media:description; Verge Atom keeps html content", async () => {
    const youtube = await parseFixture("youtube-channel-2023-03-01.atom.xml", null);
    expect(youtube.feed.items[0]?.contentHtml).toMatch(/^<p>This episode is sponsored by Thorum/);
    const verge = await parseFixture("theverge-frontpage-2022-04-06.atom.xml", null);
    expect(verge.feed.items[0]?.contentHtml).toContain("<figure>");
    expect(verge.feed.items[0]?.author).toBe("Sean Hollister");
  });
});

describe("feed fixtures helper", () => {
  it("sameTitle treats U+FFFD as one non-ASCII letter only", () => {
    expect(sameTitle("Mãe de utente", "M\uFFFDe de utente")).toBe(true);
    expect(sameTitle("Mae de utente", "M\uFFFDe de utente")).toBe(false);
    expect(sameTitle("Mãe", "Mãe")).toBe(true);
    expect(sameTitle("detido por", "detido\uFFFDpor")).toBe(true);
  });
});
