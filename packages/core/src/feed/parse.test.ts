/** parseFeed against the parsing lines of BAD-INPUTS.md (17-27) and the feed formats, on synthetic documents. */
import { describe, expect, it } from "vitest";
import { FeedError, NotAFeedError } from "./errors.ts";
import { parseFeed } from "./parse.ts";

const FEED_URL = "https://news.example/feeds/world.xml";

function rss(items: string, channelExtra = "", rootAttributes = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"${rootAttributes} xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>World</title><link>https://news.example/</link>${channelExtra}${items}</channel></rss>`;
}

function atom(entries: string, feedAttributes = ""): string {
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"${feedAttributes}><title>World</title>${entries}</feed>`;
}

async function parseError(text: string, opts = {}): Promise<FeedError> {
  try {
    await parseFeed(text, FEED_URL, opts);
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
  throw new Error("expected a FeedError");
}

describe("formats", () => {
  it("reads RSS 2.0 items: guid, link, dates, author, content:encoded over description, language, ttl", async () => {
    const feed = await parseFeed(
      rss(
        `<item><title>Talks resume</title><link>https://news.example/a?utm_source=rss</link><guid isPermaLink="false">id-1</guid>
        <pubDate>Tue, 05 Apr 2022 09:04:00 +0100</pubDate><dc:creator>Jane Doe</dc:creator>
        <description>Short &lt;b&gt;summary&lt;/b&gt;</description><content:encoded><![CDATA[<p>Full <b>text</b></p>]]></content:encoded></item>`,
        "<language>en_GB</language><ttl>30</ttl>",
      ),
      FEED_URL,
    );
    expect(feed).toMatchObject({
      format: "rss",
      title: "World",
      link: "https://news.example/",
      language: "en-gb",
      ttlMinutes: 30,
    });
    expect(feed.items).toEqual([
      {
        key: "id-1",
        url: "https://news.example/a",
        title: "Talks resume",
        contentHtml: "<p>Full <b>text</b></p>",
        summary: "Short summary",
        author: "Jane Doe",
        publishedAt: "2022-04-05T08:04:00.000Z",
        language: "en-gb",
      },
    ]);
  });

  it("reads Atom 1.0: id, alternate link, published over updated, html content, text summary, author name, xml:lang", async () => {
    const feed = await parseFeed(
      atom(
        `<entry xml:lang="de"><id>tag:news.example,2022:1</id><title type="html">A &amp;amp; B</title>
        <link rel="replies" href="https://news.example/1/comments"/><link rel="alternate" type="text/html" href="https://news.example/1"/>
        <published>2022-04-05T10:00:00+02:00</published><updated>2022-04-06T10:00:00Z</updated>
        <author><name>Ann</name></author><author><name>Bo</name></author>
        <summary>Plain &lt; summary &amp;amp; more</summary><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry>`,
        ' xml:lang="en"',
      ),
      FEED_URL,
    );
    expect(feed).toMatchObject({ format: "atom", language: "en" });
    expect(feed.items[0]).toEqual({
      key: "tag:news.example,2022:1",
      url: "https://news.example/1",
      title: "A & B",
      contentHtml: "<p>Body</p>",
      summary: "Plain < summary & more",
      author: "Ann, Bo",
      publishedAt: "2022-04-05T08:00:00.000Z",
      language: "de",
    });
  });

  it("keeps the text order of Atom type=xhtml content (xml2js alone would not)", async () => {
    const feed = await parseFeed(
      atom(
        `<entry><id>1</id><title>x</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Before <a href="https://x.example/">link</a> after.</p></div></content></entry>`,
      ),
    );
    expect(feed.items[0]?.contentHtml).toContain('<p>Before <a href="https://x.example/">link</a> after.</p>');
  });

  it("turns Atom type=text content into escaped HTML paragraphs", async () => {
    const feed = await parseFeed(
      atom(`<entry><id>1</id><title>x</title><content>a &lt; b\n\nsecond</content></entry>`),
    );
    expect(feed.items[0]?.contentHtml).toBe("<p>a &lt; b</p>\n<p>second</p>");
  });

  it("reads RSS 1.0 (RDF): rdf:about is the identity, dc:date the date", async () => {
    const feed = await parseFeed(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://news.example/"><title>RDF</title><link>https://news.example/</link></channel>
      <item rdf:about="https://news.example/r1"><title>One</title><dc:date>2017-06-15T10:29:47-07:00</dc:date></item></rdf:RDF>`,
    );
    expect(feed.format).toBe("rss");
    expect(feed.items[0]).toMatchObject({
      key: "https://news.example/r1",
      url: "https://news.example/r1",
      publishedAt: "2017-06-15T17:29:47.000Z",
    });
  });

  it("reads JSON Feed 1.1: content_html over content_text, authors, language, relative url", async () => {
    const feed = await parseFeed(
      JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "JF",
        home_page_url: "https://news.example/",
        language: "fr",
        authors: [{ name: "Feed Author" }],
        items: [
          {
            id: 42,
            url: "/p/42",
            title: "Hello",
            content_html: "<p>Hi</p>",
            content_text: "Hi",
            summary: "S",
            date_published: "2022-04-05T10:00:00Z",
          },
          { id: "t", content_text: "Line one\nline two", authors: [{ name: "Item Author" }], language: "de" },
          "not an object",
        ],
      }),
      FEED_URL,
    );
    expect(feed).toMatchObject({ format: "json", title: "JF", link: "https://news.example/", language: "fr" });
    expect(feed.items).toEqual([
      {
        key: "42",
        url: "https://news.example/p/42",
        title: "Hello",
        contentHtml: "<p>Hi</p>",
        summary: "S",
        author: "Feed Author",
        publishedAt: "2022-04-05T10:00:00.000Z",
        language: "fr",
      },
      {
        key: "t",
        url: null,
        title: "",
        contentHtml: "<p>Line one<br>line two</p>",
        summary: "",
        author: "Item Author",
        publishedAt: null,
        language: "de",
      },
    ]);
    expect(feed.skipped).toEqual([{ reason: "Item 3 was skipped: it is not a JSON object", kind: "unreadable" }]);
  });
});

describe("BAD-INPUTS 17: DTDs, billion laughs, XXE", () => {
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("")}]><rss version="2.0"><channel><title>&lol9;</title></channel></rss>`;

  it.each([
    ["billion laughs", laughs],
    [
      "XXE internal subset",
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title></channel></rss>`,
    ],
    [
      "parameter entity",
      `<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><rss version="2.0"><channel><title>x</title></channel></rss>`,
    ],
    [
      "external DTD on the local disk",
      `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd"><rss version="2.0"><channel><title>x</title></channel></rss>`,
    ],
    [
      "entity declaration after the root",
      `<rss version="2.0"><channel><title>x</title></channel><!ENTITY a "b"></rss>`,
    ],
  ])("%s -> FeedError dtd-refused, nothing expanded or read", async (_case, text) => {
    const error = await parseError(text);
    expect(error.code).toBe("dtd-refused");
    expect(error).not.toBeInstanceOf(NotAFeedError);
    expect(error.message).toContain(FEED_URL);
    expect(error.message).not.toMatch(/lol|root:|passwd/);
  });

  it("still reads RSS 0.91 with the classic public Netscape DOCTYPE (no subset, never fetched)", async () => {
    const feed = await parseFeed(
      `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Old</title><item><title>a</title><link>http://old.example/1</link></item></channel></rss>`,
    );
    expect(feed.items.map((item) => item.url)).toEqual(["http://old.example/1"]);
  });
});

describe("BAD-INPUTS 18: deep nesting", () => {
  const deep = rss(
    `<item><title>a</title><description>${"<a>".repeat(10_000)}${"</a>".repeat(10_000)}</description></item>`,
  );

  it("10,000 nested elements -> FeedError too-deep from the cheap pre-check", async () => {
    expect((await parseError(deep)).code).toBe("too-deep");
  });

  it("with the pre-check disabled, rss-parser's stack overflow is caught and the process keeps working", async () => {
    expect((await parseError(deep, { maxDepth: 1_000_000 })).code).toBe("too-deep");
    const after = await parseFeed(rss("<item><title>fine</title></item>"));
    expect(after.items.map((item) => item.title)).toEqual(["fine"]);
  });
});

describe("BAD-INPUTS 19: size and item caps before parsing", () => {
  it("refuses a document over the size cap without parsing it", async () => {
    const error = await parseError(rss(`<item><title>${"x".repeat(2000)}</title></item>`), { maxChars: 1000 });
    expect(error.code).toBe("too-large");
    expect(error.message).toContain("more than the 1000");
  });

  it("keeps the first items of a 100k-item feed and counts the rest", async () => {
    const items = (count: number) =>
      Array.from({ length: count }, (_, i) => `<item><guid>g${i}</guid><title>Item ${i}</title></item>`).join("");
    const feed = await parseFeed(rss(items(100_000)), FEED_URL);
    expect(feed.items).toHaveLength(500);
    expect(feed.items[0]?.title).toBe("Item 0");
    expect(feed.items[499]?.title).toBe("Item 499");
    expect(feed.itemsOverCap).toBe(99_500);
    const small = await parseFeed(rss(items(10)), FEED_URL, { maxItems: 3 });
    expect(small.items.map((item) => item.key)).toEqual(["g0", "g1", "g2"]);
    expect(small.itemsOverCap).toBe(7);
  });

  it("keeps channel elements that follow the dropped items", async () => {
    const feed = await parseFeed(
      rss(`<item><title>a</title></item><item><title>b</title></item>`).replace(
        "</channel>",
        "<ttl>45</ttl></channel>",
      ),
      FEED_URL,
      { maxItems: 1 },
    );
    expect(feed).toMatchObject({ ttlMinutes: 45, itemsOverCap: 1 });
  });

  it("caps JSON Feed items too", async () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ id: `j${i}`, title: `T${i}` }));
    const feed = await parseFeed(JSON.stringify({ version: "https://jsonfeed.org/version/1", items }), null, {
      maxItems: 4,
    });
    expect(feed.items.map((item) => item.key)).toEqual(["j0", "j1", "j2", "j3"]);
    expect(feed.itemsOverCap).toBe(6);
  });
});

describe("BAD-INPUTS 20: one unreadable Atom date", () => {
  it("keeps every entry; the bad one gets publishedAt null (or its valid <updated>)", async () => {
    const feed = await parseFeed(
      atom(
        `<entry><id>1</id><title>Yesterday</title><published>yesterday</published></entry>
        <entry><id>2</id><title>Fine</title><published>2022-04-05T10:00:00Z</published></entry>
        <entry><id>3</id><title>Fallback</title><published>soon</published><updated>2022-04-06T00:00:00Z</updated></entry>
        <entry><id>4</id><title>Blank</title><updated>   </updated></entry>`,
      ),
      FEED_URL,
    );
    expect(feed.items.map((item) => [item.title, item.publishedAt])).toEqual([
      ["Yesterday", null],
      ["Fine", "2022-04-05T10:00:00.000Z"],
      ["Fallback", "2022-04-06T00:00:00.000Z"],
      ["Blank", null],
    ]);
    expect(feed.skipped).toEqual([]);
  });
});

describe("BAD-INPUTS 21: not a feed", () => {
  it.each([
    ["empty body", "", "it is empty"],
    ["whitespace", " \r\n\t ", "it is empty"],
    [
      "an HTML page",
      "<!DOCTYPE html><html><head><title>News</title></head><body><p>Hi</p></body></html>",
      "it looks like an HTML page",
    ],
    ["HTML without a doctype", "<html lang=en><head><meta charset=utf-8>", "it looks like an HTML page"],
    ["text starting with HTML words", "Error <html>", "it looks like an HTML page"],
    ["JSON that is not JSON Feed", `{"status":"ok","articles":[]}`, "it is JSON without"],
    ["a JSON array", "[1,2,3]", "it is JSON without"],
    ["<rss> without a channel", `<rss version="2.0"></rss>`, "no <channel>"],
    ["another XML vocabulary", `<?xml version="1.0"?><opml version="2.0"><body/></opml>`, "root element is <opml>"],
    ["plain text", "Service Temporarily Unavailable", "it looks like plain text"],
  ])("%s -> NotAFeedError", async (_case, text, looksLike) => {
    const error = await parseError(text);
    expect(error).toBeInstanceOf(NotAFeedError);
    expect(error.code).toBe("not-a-feed");
    expect(error.message).toContain(`The document at ${FEED_URL} is not an RSS, Atom or JSON Feed document: `);
    expect(error.message).toContain(looksLike);
  });

  it("names no URL when none is given", async () => {
    await expect(parseFeed("")).rejects.toThrow(
      /^The document is not an RSS, Atom or JSON Feed document: it is empty\./,
    );
  });

  it.each([
    ["an RSS channel with no items", rss(""), "rss"],
    ["an empty <channel/>", `<rss version="2.0"><channel/></rss>`, "rss"],
    ["an Atom feed with no entries", atom(""), "atom"],
    [
      "a JSON Feed with no items",
      JSON.stringify({ version: "https://jsonfeed.org/version/1.1", title: "x", items: [] }),
      "json",
    ],
  ])("%s is a valid empty feed", async (_case, text, format) => {
    const feed = await parseFeed(text, FEED_URL);
    expect(feed).toMatchObject({ format, items: [], skipped: [] });
  });

  it("a JSON Feed cut off at the start of its items is a feed with no items, repaired", async () => {
    const feed = await parseFeed(`{"version": "https://jsonfeed.org/version/1.1", "items": [`, FEED_URL);
    expect(feed).toMatchObject({ format: "json", items: [], skipped: [], repairs: ["truncated"] });
  });

  it.each([
    ["JSON Feed whose items is not a list", `{"version": "https://jsonfeed.org/version/1.1", "items": {}}`],
    ["JSON cut off before its version", `{"title": "x", "items": [`],
  ])("%s -> FeedError malformed", async (_case, text) => {
    const error = await parseError(text);
    expect(error.code).toBe("malformed");
    expect(error.message).toContain(FEED_URL);
  });
});

describe("BAD-INPUTS 23: element names __proto__ and constructor", () => {
  it.each([
    [
      "RSS",
      rss(
        `<__proto__><polluted>yes</polluted></__proto__><item __proto__="x" constructor="y"><title>a</title><__proto__><polluted>1</polluted></__proto__><constructor><prototype><polluted>2</polluted></prototype></constructor><link>https://news.example/a</link><description><__proto__><polluted>3</polluted></__proto__>text</description><author><__proto__>x</__proto__></author></item>`,
      ),
    ],
    [
      "Atom",
      atom(
        `<__proto__><polluted>1</polluted></__proto__><entry><id>1</id><title>a</title><constructor>c</constructor><author><name><__proto__>n</__proto__></name></author><__proto__ polluted="2"/></entry>`,
      ),
    ],
    [
      "JSON Feed",
      `{"version":"https://jsonfeed.org/version/1.1","__proto__":{"polluted":1},"items":[{"id":"1","title":"a","__proto__":{"polluted":2},"constructor":{"prototype":{"polluted":3}},"authors":[{"__proto__":{"name":"x"}}]}]}`,
    ],
  ])("%s: no prototype pollution, fields stay plain strings", async (_case, text) => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const feed = await parseFeed(text, FEED_URL);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(feed.items).toHaveLength(1);
    const item = feed.items[0];
    expect(item?.title).toBe("a");
    expect(typeof item?.contentHtml).toBe("string");
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
  });
});

describe("BAD-INPUTS 24: markup and script stay inert", () => {
  it("strips an entity-encoded <img onerror> from titles and scripts, handlers and javascript: URLs from bodies", async () => {
    const feed = await parseFeed(
      rss(`<item><title>&lt;img src=x onerror=alert(1)&gt;Breaking &lt;script&gt;alert(2)&lt;/script&gt;news</title>
      <link>javascript:alert(3)</link><guid isPermaLink="false">x1</guid>
      <description>&lt;b onmouseover="alert(4)"&gt;Sum&lt;/b&gt;mary</description>
      <content:encoded><![CDATA[<p onclick="alert(5)">Hi <a href="javascript:alert(6)">there</a> <a href=" JaVaScRiPt:alert(7)">x</a></p><script>alert(8)</script><iframe src="https://evil.example/"></iframe><img src="https://img.example/a.jpg" onerror="alert(9)">]]></content:encoded></item>`),
      FEED_URL,
    );
    const item = feed.items[0];
    expect(item?.title).toBe("Breaking news");
    expect(item?.url).toBeNull();
    expect(item?.summary).toBe("Summary");
    expect(item?.contentHtml).not.toMatch(/alert|script|onerror|onclick|iframe|javascript/i);
    expect(item?.contentHtml).toContain('<img src="https://img.example/a.jpg">');
  });

  it("markup escaped twice is read once more in every text field alike: never markup, never tag-shaped text", async () => {
    const feed = await parseFeed(
      rss(`<item><title>&amp;lt;img src=x onerror=alert(1)&amp;gt;</title><guid>d</guid>
      <dc:creator>&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;</dc:creator><description>Body</description></item>
      <item><title>&amp;lt;b&amp;gt;Bold&amp;lt;/b&amp;gt; move</title><guid>e</guid><author>&amp;lt;b&amp;gt;Ann&amp;lt;/b&amp;gt;</author></item>`),
    );
    expect(feed.items.map((item) => [item.title, item.author])).toEqual([
      ["", null],
      ["Bold move", "Ann"],
    ]);
  });
});

describe("BAD-INPUTS 25-26: keys, duplicates, skipped items", () => {
  const noIds = `<item><title>Same</title><description>Body one</description></item><item><title>Other</title><description>Body two</description></item>`;

  it("no guid and no link -> a sha256 key from title and content, stable across polls and reordering", async () => {
    const first = await parseFeed(rss(noIds), FEED_URL);
    const reordered = await parseFeed(rss(noIds.replace(/(<item>.*?<\/item>)(<item>.*<\/item>)/, "$2$1")), FEED_URL);
    const keys = first.items.map((item) => item.key);
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(new Set(keys).size).toBe(2);
    expect(reordered.items.map((item) => item.key).sort()).toEqual([...keys].sort());
  });

  it("the key is the guid, else the canonical link; a permalink guid is canonicalized", async () => {
    const feed = await parseFeed(
      rss(`<item><guid> abc-1 </guid><title>a</title></item><item><title>b</title><link>https://News.Example/b?utm_campaign=x#top</link></item>
      <item><guid>https://NEWS.example/c?at_medium=RSS</guid><title>c</title></item>`),
    );
    expect(feed.items.map((item) => [item.key, item.url])).toEqual([
      ["abc-1", null],
      ["https://news.example/b", "https://news.example/b"],
      ["https://news.example/c", "https://news.example/c"],
    ]);
  });

  it("duplicate keys keep the first item and count the rest as skipped", async () => {
    const feed = await parseFeed(
      rss(`<item><guid>x</guid><title>First</title></item><item><guid>x</guid><title>Again</title></item>
      <item><guid>https://news.example/p?utm_source=a</guid><title>P</title></item><item><guid>https://news.example/p</guid><title>P2</title></item>`),
    );
    expect(feed.items.map((item) => item.title)).toEqual(["First", "P"]);
    expect(feed.skipped.map((skip) => skip.reason)).toEqual([
      "Item 2 was skipped: it repeats the key of an earlier item (x)",
      "Item 4 was skipped: it repeats the key of an earlier item (https://news.example/p)",
    ]);
  });

  it("one bad item costs only itself: empty items and broken XML inside an item", async () => {
    const feed = await parseFeed(
      rss(`<item><title>ok1</title></item><item></item><item><guid>only-a-guid</guid></item>
      <item><title>broken</title><link>https://news.example/2</wrong></item><item><title>ok3 &amp; more</title></item>`),
      FEED_URL,
    );
    // The stray </wrong> is dropped by the repair pass: the item is read, and nothing else is lost.
    expect(feed.items.map((item) => item.title)).toEqual(["ok1", "broken", "ok3 & more"]);
    expect(feed.items[1]?.url).toBe("https://news.example/2");
    expect(feed.skipped.map((skip) => [skip.kind, skip.reason])).toEqual([
      ["empty", "Item 2 was skipped: it has no title, link or content"],
      ["empty", "Item 3 was skipped: it has no title, link or content"],
    ]);
    expect(feed.repairs).toEqual(["nesting"]);
  });

  it("drops junk a server put before the XML declaration", async () => {
    const junk = "<br />\n<b>Warning</b>: Cannot modify header information in /var/www/feed.php on line 3<br />\n";
    const feed = await parseFeed(junk + rss(`<item><title>kept</title></item>`), FEED_URL);
    expect(feed.items.map((item) => item.title)).toEqual(["kept"]);
  });

  it("repairs bare ampersands instead of losing the feed", async () => {
    const feed = await parseFeed(
      rss(`<item><title>Tom & Jerry</title><link>https://news.example/?a=1&b=2</link></item>`),
    );
    expect(feed.items[0]).toMatchObject({ title: "Tom & Jerry", url: "https://news.example/?a=1&b=2" });
  });

  it("reads an Atom <link> written as text (rss-parser alone throws on it)", async () => {
    const feed = await parseFeed(
      atom(
        `<entry><id>1</id><title>a</title><link>https://news.example/1</link></entry><entry><id>2</id><title>b</title></entry>`,
      ),
    );
    expect(feed.items.map((item) => item.url)).toEqual(["https://news.example/1", null]);
  });
});

describe("BAD-INPUTS 27: relative links and xml:base", () => {
  it("resolves a relative channel link against the feed URL, and relative items against the channel link", async () => {
    const feed = await parseFeed(
      rss(
        `<item><title>a</title><link>/en/news/1</link></item><item><title>b</title><link>2.html</link></item>`,
      ).replace("<link>https://news.example/</link>", "<link>/en/</link>"),
      FEED_URL,
    );
    expect(feed.link).toBe("https://news.example/en/");
    expect(feed.items.map((item) => item.url)).toEqual([
      "https://news.example/en/news/1",
      "https://news.example/en/2.html",
    ]);
  });

  it("resolves relative RSS items against the site, not a feed mirror's host", async () => {
    const mirrored = rss(`<item><title>a</title><link>/content/1</link></item>`).replace(
      "<link>https://news.example/</link>",
      "<link>https://www.ft.com</link>",
    );
    const feed = await parseFeed(mirrored, "https://feeds.mirror.example/ft/home.xml");
    expect(feed.items[0]?.url).toBe("https://www.ft.com/content/1");
    const noChannelLink = await parseFeed(
      mirrored.replace("<link>https://www.ft.com</link>", ""),
      "https://feeds.mirror.example/ft/home.xml",
    );
    expect(noChannelLink.items[0]?.url).toBe("https://feeds.mirror.example/content/1");
  });

  it("applies xml:base on the <rss> root and on items", async () => {
    const feed = await parseFeed(
      rss(
        `<item><title>a</title><link>image-feature/a</link></item><item xml:base="https://cdn.example/x/"><title>b</title><link>b</link></item>`,
        "",
        ' xml:base="http://www.nasa.gov/"',
      ),
      FEED_URL,
    );
    expect(feed.items.map((item) => item.url)).toEqual([
      "http://www.nasa.gov/image-feature/a",
      "https://cdn.example/x/b",
    ]);
  });

  it("applies a relative feed-level Atom xml:base once (sub/ stays sub/, not sub/sub/)", async () => {
    const feed = await parseFeed(
      atom(`<link href="./"/><entry><id>1</id><title>a</title><link href="post.html"/></entry>`, ' xml:base="sub/"'),
      FEED_URL,
    );
    expect(feed.link).toBe("https://news.example/feeds/sub/");
    expect(feed.items[0]?.url).toBe("https://news.example/feeds/sub/post.html");
  });

  it("applies relative xml:base on <rss> and <channel> each once, chained", async () => {
    const feed = await parseFeed(
      rss(`<item><title>a</title><link>post.html</link></item>`, "", ' xml:base="sub/"').replace(
        "<channel>",
        '<channel xml:base="inner/">',
      ),
      FEED_URL,
    );
    expect(feed.items[0]?.url).toBe("https://news.example/feeds/sub/inner/post.html");
  });

  it("chains Atom xml:base: feed (relative to the feed URL), entry, link", async () => {
    const feed = await parseFeed(
      atom(
        `<link href="./"/><entry xml:base="2022/"><id>1</id><title>a</title><link href="post.html"/></entry>
        <entry><id>2</id><title>b</title><link xml:base="https://other.example/dir/" href="c"/></entry>
        <entry><id>3</id><title>c</title><link href="javascript:alert(1)"/></entry>`,
        ' xml:base="/blog/"',
      ),
      FEED_URL,
    );
    expect(feed.link).toBe("https://news.example/blog/");
    expect(feed.items.map((item) => item.url)).toEqual([
      "https://news.example/blog/2022/post.html",
      "https://other.example/dir/c",
      null,
    ]);
  });

  it("without a feed URL, relative links resolve only against an absolute channel link", async () => {
    const items = `<item><title>a</title><link>/en/news/1</link></item>`;
    expect((await parseFeed(rss(items), null)).items[0]?.url).toBe("https://news.example/en/news/1");
    const relativeSite = rss(items).replace("<link>https://news.example/</link>", "<link>/en/</link>");
    expect((await parseFeed(relativeSite, null)).items[0]?.url).toBeNull();
    const atomFeed = atom(`<entry><id>1</id><title>a</title><link href="post.html"/></entry>`);
    expect((await parseFeed(atomFeed, null)).items[0]?.url).toBeNull();
  });
});
