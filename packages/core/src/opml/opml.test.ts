/** OPML: exports shaped like Feedly's, FreshRSS's and Miniflux's, a hand-broken file, and our own export read back. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_OPML_ENTRIES, OpmlError, parseOpml } from "./parse.ts";
import { renderOpml } from "./render.ts";

const fixture = (name: string) => readFileSync(new URL(`./test-fixtures/${name}`, import.meta.url), "utf8");

describe("parseOpml", () => {
  it("reads a Feedly export: folders, titles, and the same feed in two folders", () => {
    const opml = parseOpml(fixture("feedly-export.opml"));
    expect(opml.title).toBe("Analyst subscriptions in feedly Cloud");
    expect(opml.problems).toEqual([]);
    expect(opml.entries.map((e) => [e.title, e.folders.join("/")])).toEqual([
      ["Kyiv Independent", "Ukraine"],
      ["Ukrainska Pravda", "Ukraine"],
      ["Meduza — in English", "Ukraine"],
      ["BBC News - World", "Wires & world"],
      ["The Guardian: World", "Wires & world"],
      ["Kyiv Independent", "Wires & world"],
    ]);
    expect(opml.entries[0]).toMatchObject({
      url: "https://kyivindependent.example.org/news-archive/rss/",
      htmlUrl: "https://kyivindependent.example.org",
      line: 9,
    });
  });

  it("reads a FreshRSS export: nested folders, an outline without any title, extension attributes", () => {
    const opml = parseOpml(fixture("freshrss-export.opml"));
    expect(opml.problems).toEqual([]);
    expect(opml.entries.map((e) => [e.title, e.url, e.folders])).toEqual([
      ["UN News", "https://news.un.example.org/feed/subscribe/en/news/all/rss.xml", ["Default category"]],
      [null, "https://www.rferl.example.org/api/zrqiteuuir", ["Default category"]],
      ["SCMP China", "https://www.scmp.example.com/rss/4/feed", ["Asia", "China"]],
      ["Xinhua", "http://www.news.example.cn/english/rss/worldrss.xml", ["Asia", "China"]],
      ["SCO watchers", "https://sco-watch.example.net/feed.atom", ["Asia"]],
    ]);
  });

  it("reads a Miniflux export, keeping both spellings of one feed for the importer to merge", () => {
    const opml = parseOpml(fixture("miniflux-export.opml"));
    expect(opml.entries).toHaveLength(4);
    expect(opml.entries[3]?.url).toBe("HTTPS://RSS.DW.EXAMPLE.COM/rdf/rss-en-all?utm_source=miniflux#top");
  });

  it("reports each bad entry with its line and keeps the rest; no entity is expanded", () => {
    const opml = parseOpml(fixture("broken-entries.opml"));
    expect(opml.entries.map((e) => e.url)).toEqual([
      "https://good.example.org/rss",
      "http://legacy.example.org/rss.xml",
      "https://amp.example.org/rss?a=1&b=2",
      "http://169.254.169.254/latest/meta-data/",
      "https://inside.example.org/atom.xml",
    ]);
    expect(opml.problems).toEqual([
      expect.objectContaining({ line: 7, title: "Script", detail: expect.stringMatching(/not an http\(s\) feed URL/) }),
      expect.objectContaining({ line: 8, title: "No URL", detail: expect.stringMatching(/without an xmlUrl/) }),
      expect.objectContaining({ line: 9, url: "/feeds/news.xml" }),
    ]);
    expect(JSON.stringify(opml)).not.toContain("root:");
  });

  it.each([
    ["", /empty/],
    ["not xml at all", /root element|not XML|empty/],
    ['<?xml version="1.0"?><rss version="2.0"><channel/></rss>', /root element is <rss>/],
    ['<opml version="2.0"><head/></opml>', /no <body>/],
  ])("refuses a document that is not OPML (%s)", (text, message) => {
    expect(() => parseOpml(text)).toThrow(OpmlError);
    expect(() => parseOpml(text)).toThrow(message);
  });

  it("takes at most MAX_OPML_ENTRIES feeds and says how many were left out", () => {
    const outlines = Array.from(
      { length: MAX_OPML_ENTRIES + 3 },
      (_, i) => `<outline type="rss" xmlUrl="https://f${i}.example.org/rss"/>`,
    );
    const opml = parseOpml(`<opml version="2.0"><body>${outlines.join("")}</body></opml>`);
    expect(opml.entries).toHaveLength(MAX_OPML_ENTRIES);
    expect(opml.problems.at(-1)?.detail).toMatch(/^3 more feeds were left out/);
  });
});

describe("renderOpml", () => {
  it("writes OPML 2.0 that reads back to the same feeds, escaping what needs it", () => {
    const feeds = [
      { url: "https://a.example.org/rss?x=1&y=2", title: 'Quotes "and" <tags> & more' },
      { url: "https://b.example.org/feed", title: null },
      { url: "https://c.example.org/atom", title: "Bell\u0007 and\ttab" },
    ];
    const xml = renderOpml(feeds, { title: "Storywire feeds", folder: "Storywire", createdAt: new Date(0) });
    expect(xml).toContain('<opml version="2.0">');
    expect(xml).toContain("<dateCreated>Thu, 01 Jan 1970 00:00:00 GMT</dateCreated>");
    expect(xml).not.toContain("\u0007");
    const back = parseOpml(xml);
    expect(back.problems).toEqual([]);
    expect(back.entries.map((e) => [e.url, e.title, e.folders])).toEqual([
      ["https://a.example.org/rss?x=1&y=2", 'Quotes "and" <tags> & more', ["Storywire"]],
      ["https://b.example.org/feed", "b.example.org", ["Storywire"]],
      ["https://c.example.org/atom", "Bell and tab", ["Storywire"]],
    ]);
  });

  it("writes each folder as an outline around its feeds, in name order, and feeds in no folder at the top", () => {
    const xml = renderOpml(
      [
        { url: "https://a.example.org/rss", title: "A", folder: "Wires & world" },
        { url: "https://b.example.org/rss", title: "B", folder: null },
        { url: "https://c.example.org/rss", title: "C", folder: "Arms control" },
        { url: "https://d.example.org/rss", title: "D", folder: "Wires & world" },
      ],
      { title: "Storywire feeds", createdAt: new Date(0) },
    );
    expect(xml).toContain('<outline text="Wires &amp; world" title="Wires &amp; world">');
    const back = parseOpml(xml);
    expect(back.problems).toEqual([]);
    expect(back.entries.map((e) => [e.title, e.folders])).toEqual([
      ["C", ["Arms control"]],
      ["A", ["Wires & world"]],
      ["D", ["Wires & world"]],
      ["B", []],
    ]);
  });
});
