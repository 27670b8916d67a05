/**
 * Forgiving ingest (issue 9): one crafted document per kind of brokenness the reader repairs, each checked for
 * the items it keeps, what they say, and the repair it records.
 */
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import type { FeedRepair } from "../types.ts";
import { decodeFeedBytes } from "./decode.ts";
import { FeedError } from "./errors.ts";
import { parseFeed, readFeedBytes } from "./parse.ts";

const FEED_URL = "https://news.example/feed.xml";

const rss = (items: string, head = "") =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>World</title><link>https://news.example/</link>${head}${items}</channel></rss>`;
const item = (n: number, extra = "") =>
  `<item><guid>g${n}</guid><title>Story ${n}</title><link>https://news.example/${n}</link>${extra}</item>`;

interface Case {
  name: string;
  document: string;
  titles: string[];
  repairs: FeedRepair[];
  /** Extra checks on the parsed feed. */
  check?: (feed: Awaited<ReturnType<typeof parseFeed>>) => void;
}

const cases: Case[] = [
  {
    name: "an undefined entity is kept as text",
    document: rss(`<item><guid>1</guid><title>Fish &foo; chips</title></item>${item(2)}`),
    titles: ["Fish &foo; chips", "Story 2"],
    repairs: ["undefined-entities"],
  },
  {
    name: "an HTML entity is read as its character",
    document: rss(`<item><guid>1</guid><title>Caf&eacute;&nbsp;talks &mdash; day&nbsp;2</title></item>`),
    titles: ["Café talks — day 2"],
    repairs: ["undefined-entities"],
  },
  {
    name: "an invalid character reference becomes U+FFFD",
    document: rss(`<item><guid>1</guid><title>Null &#0; here</title></item>${item(2)}`),
    titles: ["Null \ufffd here", "Story 2"],
    repairs: ["undefined-entities"],
  },
  {
    name: "a bare & and a stray < are text",
    document: rss(
      `<item><guid>1</guid><title>Tom & Jerry < 3 R&D</title><link>https://news.example/?a=1&b=2</link></item>`,
    ),
    titles: ["Tom & Jerry < 3 R&D"],
    repairs: ["bare-ampersands"],
    check: (feed) => expect(feed.items[0]?.url).toBe("https://news.example/?a=1&b=2"),
  },
  {
    name: "a namespace-prefixed Atom document is read by its namespace",
    document: `<?xml version="1.0"?><a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Prefixed</a:title><a:entry><a:id>1</a:id><a:title>One</a:title><a:link href="https://news.example/1"/><a:published>2024-05-01T10:00:00Z</a:published></a:entry><a:entry><a:id>2</a:id><a:title>Two</a:title></a:entry></a:feed>`,
    titles: ["One", "Two"],
    repairs: ["namespaces"],
    check: (feed) => {
      expect(feed).toMatchObject({ format: "atom", title: "Prefixed" });
      expect(feed.items[0]).toMatchObject({ url: "https://news.example/1", publishedAt: "2024-05-01T10:00:00.000Z" });
    },
  },
  {
    name: "Atom under the default namespace of an inner element in RSS is atom:link",
    document: rss(
      `<item><guid>1</guid><title>One</title><link xmlns="http://www.w3.org/2005/Atom" rel="alternate" href="https://news.example/a"/></item>`,
    ),
    titles: ["One"],
    repairs: ["namespaces"],
    check: (feed) => expect(feed.items[0]?.url).toBe("https://news.example/a"),
  },
  {
    name: "RSS 1.0 and its modules under other prefixes",
    document: `<r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="http://purl.org/rss/1.0/" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:d="http://purl.org/dc/elements/1.1/"><x:channel r:about="https://news.example/"><x:title>RDF</x:title><x:link>https://news.example/</x:link></x:channel><x:item r:about="https://news.example/r1"><x:title>First</x:title><d:date>2024-05-01T10:00:00Z</d:date><d:creator>Ann</d:creator><c:encoded>&lt;p&gt;Full body&lt;/p&gt;</c:encoded></x:item></r:RDF>`,
    titles: ["First"],
    repairs: ["namespaces"],
    check: (feed) =>
      expect(feed.items[0]).toMatchObject({
        key: "https://news.example/r1",
        author: "Ann",
        contentHtml: "<p>Full body</p>",
        publishedAt: "2024-05-01T10:00:00.000Z",
      }),
  },
  {
    name: "a document cut off mid-item keeps every complete item",
    document: rss(`${item(1)}${item(2)}<item><guid>g3</guid><title>Sto`).slice(0, -"</channel></rss>".length),
    titles: ["Story 1", "Story 2"],
    repairs: ["truncated"],
    check: (feed) => expect(feed.skipped).toEqual([expect.objectContaining({ kind: "cutOff" })]),
  },
  {
    name: "a document cut off inside CDATA",
    document: `<rss version="2.0"><channel><title>x</title>${item(1)}<item><guid>g2</guid><description><![CDATA[<p>half`,
    titles: ["Story 1"],
    repairs: ["truncated"],
  },
  {
    name: "a document cut off between items",
    document: `<rss version="2.0"><channel><title>x</title>${item(1)}${item(2)}`,
    titles: ["Story 1", "Story 2"],
    repairs: ["truncated"],
  },
  {
    name: "an unclosed element inside an item loses no sibling",
    document: rss(`<item><guid>1</guid><title>One <b>bold</title><description>never closed</item>${item(2)}`),
    titles: ["One bold", "Story 2"],
    repairs: ["nesting"],
  },
  {
    name: "an item that is never closed ends where the next begins",
    document: rss(`<item><guid>1</guid><title>One</title>${item(2)}${item(3)}`),
    titles: ["One", "Story 2", "Story 3"],
    repairs: ["nesting"],
  },
  {
    name: "stray and mis-cased end tags",
    document: rss(
      `<item><guid>1</guid><title>One</title></span><pubDate>Wed, 01 May 2024 10:00:00 GMT</pubdate></item>${item(2)}`,
    ),
    titles: ["One", "Story 2"],
    repairs: ["nesting"],
    check: (feed) => expect(feed.items[0]?.publishedAt).toBe("2024-05-01T10:00:00.000Z"),
  },
  {
    name: "broken attributes: unquoted, repeated, without a value, with a bare & inside",
    document: `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><entry><id>1</id><title>One</title><link rel=alternate href=https://news.example/1 href="https://news.example/dup" hidden/></entry><entry><id>2</id><title type="text" data-x="R&D" data-y='a "quoted" word'>Two</title></entry></feed>`,
    titles: ["One", "Two"],
    repairs: ["attributes"],
    check: (feed) => expect(feed.items[0]?.url).toBe("https://news.example/1"),
  },
  {
    name: "an Atom date rss-parser cannot read, and a link written as text",
    document: `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><entry><id>1</id><title>One</title><published>yesterday</published><link>https://news.example/1</link></entry></feed>`,
    titles: ["One"],
    repairs: ["unreadable-dates", "text-links"],
    check: (feed) => expect(feed.items[0]).toMatchObject({ url: "https://news.example/1", publishedAt: null }),
  },
  {
    name: "text before the root element",
    document: `Warning: headers already sent\n${rss(item(1)).replace('<?xml version="1.0" encoding="UTF-8"?>', "")}`,
    titles: ["Story 1"],
    repairs: ["junk-before-root"],
  },
  {
    name: "a channel with only a title is a feed with no items",
    document: `<rss version="2.0"><channel><title>Only a title</title></channel></rss>`,
    titles: [],
    repairs: [],
    check: (feed) => expect(feed).toMatchObject({ title: "Only a title", skipped: [] }),
  },
  {
    name: "an empty Atom feed",
    document: `<feed xmlns="http://www.w3.org/2005/Atom"/>`,
    titles: [],
    repairs: [],
  },
  {
    name: "a well-formed feed records no repair",
    document: rss(`${item(1)}<item><guid>2</guid><title>A &amp; B &#8212; 2 &lt; 3</title></item>`),
    titles: ["Story 1", "A & B — 2 < 3"],
    repairs: [],
  },
];

describe("forgiving ingest: each kind of brokenness", () => {
  it.each(cases)("$name", async ({ document, titles, repairs, check }) => {
    const feed = await parseFeed(document, FEED_URL);
    expect(feed.items.map((entry) => entry.title)).toEqual(titles);
    expect([...(feed.repairs ?? [])].sort()).toEqual([...repairs].sort());
    check?.(feed);
  });
});

describe("forgiving ingest: invalid bytes under a declared encoding", () => {
  it("a byte that is not UTF-8 becomes U+FFFD in that spot only", async () => {
    const bytes = Buffer.concat([
      Buffer.from(rss(`<item><guid>1</guid><title>Kyiv `).replace(/<\/channel><\/rss>$/, "")),
      Buffer.from([0xff]),
      Buffer.from(` talks — “resume”</title></item>${item(2)}</channel></rss>`),
    ]);
    const feed = await readFeedBytes(bytes, null, FEED_URL);
    expect(feed.items.map((entry) => entry.title)).toEqual(["Kyiv \ufffd talks — “resume”", "Story 2"]);
    expect(feed.repairs).toEqual(["invalid-bytes"]);
    expect(feed.encoding).toBe("utf-8");
  });

  it("an invalid multi-byte sequence under GBK costs one character, not the ones after it", async () => {
    const head = iconv.encode(
      `<?xml version="1.0" encoding="GBK"?><rss version="2.0"><channel><title>x</title><item><guid>1</guid><title>中国`,
      "gbk",
    );
    const tail = iconv.encode(`新闻</title></item></channel></rss>`, "gbk");
    const feed = await readFeedBytes(Buffer.concat([head, Buffer.from([0xff]), tail]), null, FEED_URL);
    expect(feed.items[0]?.title).toBe("中国\ufffd新闻");
    expect(feed.repairs).toContain("invalid-bytes");
  });

  it("undeclared, mostly UTF-8 bytes with one stray byte stay UTF-8", () => {
    const bytes = Buffer.concat([
      Buffer.from("<rss><channel><title>Café — "),
      Buffer.from([0x92]),
      Buffer.from("s</title>"),
    ]);
    expect(decodeFeedBytes(bytes)).toMatchObject({ encoding: "utf-8", invalidBytes: 1 });
  });
});

describe("article pages: valid UTF-8 under a legacy <meta charset>", () => {
  const page = `<!doctype html><html><head><meta charset="windows-1252"><title>Café “news” — Київ</title></head></html>`;

  it("is read as UTF-8 when no HTTP charset says otherwise", () => {
    const decoded = decodeFeedBytes(Buffer.from(page, "utf8"));
    expect(decoded.encoding).toBe("utf-8");
    expect(decoded.text).toContain("Café “news” — Київ");
  });

  it("keeps the legacy charset when the HTTP header names it, or when the bytes are not UTF-8", () => {
    expect(decodeFeedBytes(Buffer.from(page, "utf8"), "text/html; charset=windows-1252").encoding).toBe("windows-1252");
    const legacy = iconv.encode(page.replace(" — Київ", ""), "windows-1252");
    const decoded = decodeFeedBytes(legacy);
    expect(decoded.encoding).toBe("windows-1252");
    expect(decoded.text).toContain("Café “news”");
  });
});

const JSON_FEED_URL = "https://news.example/feed.json";
const jsonItem = (n: number) => ({
  id: `j${n}`,
  url: `https://news.example/${n}`,
  title: `Story ${n}`,
  content_text: `Body ${n}.`,
  date_published: `2024-05-0${n}T10:00:00Z`,
});
/** A JSON Feed of items 1..n, pretty-printed as generators write it. */
const jsonFeed = (n: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify(
    {
      version: "https://jsonfeed.org/version/1.1",
      title: "World",
      ...extra,
      items: Array.from({ length: n }, (_, i) => jsonItem(i + 1)),
    },
    null,
    2,
  );
const cutAfter = (text: string, marker: string) => text.slice(0, text.indexOf(marker) + marker.length);

const jsonCases: Case[] = [
  {
    name: "a JSON Feed cut off inside its third item keeps the two complete items",
    document: cutAfter(jsonFeed(3), '"title": "Story 3'),
    titles: ["Story 1", "Story 2"],
    repairs: ["truncated"],
    check: (feed) => expect(feed.skipped).toEqual([expect.objectContaining({ kind: "cutOff" })]),
  },
  {
    name: "cut off inside a nested list of the third item",
    document: cutAfter(jsonFeed(3, {}).replace('"Body 3."', '"Body 3.", "tags": ["a", "b"]'), '"tags": ["a"'),
    titles: ["Story 1", "Story 2"],
    repairs: ["truncated"],
    check: (feed) => expect(feed.skipped).toEqual([expect.objectContaining({ kind: "cutOff" })]),
  },
  {
    name: "cut off between two items",
    document: cutAfter(jsonFeed(3), '"2024-05-02T10:00:00Z"\n    },'),
    titles: ["Story 1", "Story 2"],
    repairs: ["truncated"],
    check: (feed) => expect(feed.skipped).toEqual([]),
  },
  {
    name: "cut off right after a complete item",
    document: cutAfter(jsonFeed(3), '"2024-05-02T10:00:00Z"\n    }'),
    titles: ["Story 1", "Story 2"],
    repairs: ["truncated"],
  },
  {
    name: "trailing commas in lists and objects",
    document: jsonFeed(2)
      .replace('"Body 1."', '"Body 1.",')
      .replace(/\}\n {2}\]/, "},\n  ]"),
    titles: ["Story 1", "Story 2"],
    repairs: ["json-commas"],
  },
  {
    name: "a missing comma between two items",
    document: jsonFeed(2).replace(/\},\n {4}\{/, "}\n    {"),
    titles: ["Story 1", "Story 2"],
    repairs: ["json-commas"],
  },
  {
    name: "raw control characters (a tab, a line break) inside a string are text",
    document: jsonFeed(2).replace('"Story 1"', '"Story\t1"').replace('"Body 2."', '"Body\n2."'),
    titles: ["Story 1", "Story 2"],
    repairs: ["json-strings"],
    check: (feed) => expect(feed.items[1]?.contentHtml).toContain("Body"),
  },
  {
    name: "invalid escapes (\\' from PHP's addslashes) read as the character",
    document: jsonFeed(2).replace('"Story 1"', `"Story 1\\'s end"`),
    titles: ["Story 1's end", "Story 2"],
    repairs: ["json-strings"],
  },
  {
    name: "unescaped quotes inside a string",
    document: jsonFeed(2).replace('"Story 1"', '"Putin says "no" to talks"'),
    titles: ['Putin says "no" to talks', "Story 2"],
    repairs: ["json-strings"],
  },
  {
    name: "comments are ignored",
    document: jsonFeed(2)
      .replace('"items": [', '"items": [ /* newest first */')
      .replace('"title": "World",', '"title": "World", // the site\'s name'),
    titles: ["Story 1", "Story 2"],
    repairs: ["json-comments"],
  },
  {
    name: "one unreadable value costs only the member it is in; an unreadable item only itself",
    document: jsonFeed(3)
      .replace('"Body 1."', "undefined")
      .replace(/\{\n {6}"id": "j2"[^}]*\}/, "<b>not json</b>"),
    titles: ["Story 1", "Story 3"],
    repairs: ["json-syntax"],
    check: (feed) =>
      expect(feed.skipped).toEqual([
        expect.objectContaining({ kind: "unreadable", reason: expect.stringMatching(/^Item 2 was skipped: its JSON/) }),
      ]),
  },
  {
    name: "single quotes and bare names",
    document: `{version: 'https://jsonfeed.org/version/1.1', 'title': 'World', items: [{'id': 'a', title: 'Story 1'}]}`,
    titles: ["Story 1"],
    repairs: ["json-syntax"],
  },
  {
    name: "text after the document",
    document: `${jsonFeed(1)}\n<b>Warning</b>: Cannot modify header information`,
    titles: ["Story 1"],
    repairs: ["junk-after-root"],
  },
  {
    name: "text before the document",
    document: `Deprecated: something in /var/www/feed.php on line 3\n${jsonFeed(1)}`,
    titles: ["Story 1"],
    repairs: ["junk-before-root"],
  },
  {
    name: "nesting past the depth cap costs the one member it is in (no stack overflow)",
    document: jsonFeed(2)
      .replace('"Body 1."', `${"[".repeat(100_000)}${"]".repeat(100_000)}`)
      .replace('"Body 2."', '"Body 2.",'),
    titles: ["Story 1", "Story 2"],
    repairs: ["json-syntax", "json-commas"],
  },
  {
    name: "a well-formed JSON Feed records no repair",
    document: jsonFeed(2),
    titles: ["Story 1", "Story 2"],
    repairs: [],
  },
];

describe("forgiving ingest: each kind of brokenness in a JSON Feed", () => {
  it.each(jsonCases)("$name", async ({ document, titles, repairs, check }) => {
    const feed = await parseFeed(document, JSON_FEED_URL);
    expect(feed.format).toBe("json");
    expect(feed.items.map((entry) => entry.title)).toEqual(titles);
    expect([...(feed.repairs ?? [])].sort()).toEqual([...repairs].sort());
    check?.(feed);
  });

  it("a JSON Feed cut off before its version is a clear error, not 'some other API's data'", async () => {
    await expect(parseFeed('{"title": "World", "items": [{"id": "a", "title": "x"}', JSON_FEED_URL)).rejects.toThrow(
      /is JSON cut off before it says which kind of document it is/,
    );
  });

  it("a lone brace is a FeedError with a sentence", async () => {
    const error = await parseFeed("{", JSON_FEED_URL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect((error as Error).message).toMatch(
      /^The document at https:\/\/news\.example\/feed\.json is JSON cut off .*\.$/,
    );
  });

  it("over the item cap, the newest JSON items are kept whatever the order", async () => {
    // Oldest first in the document, and one line broken so the forgiving path applies the cap too.
    const feed = await parseFeed(jsonFeed(5).replace('"Body 1."', '"Body 1.",'), JSON_FEED_URL, { maxItems: 2 });
    expect(feed.items.map((entry) => entry.title)).toEqual(["Story 4", "Story 5"]);
    expect(feed.itemsOverCap).toBe(3);
  });
});
