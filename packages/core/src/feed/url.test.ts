import { describe, expect, it } from "vitest";
import { canonicalizeUrl, httpUrl, isHttpUrl, resolveBase } from "./url.ts";

describe("canonicalizeUrl", () => {
  it.each([
    // scheme and host case, default port, fragment
    ["HTTP://News.Example.COM:80/World/Story.html#comments", "http://news.example.com/World/Story.html"],
    ["https://news.example.com:443/a", "https://news.example.com/a"],
    ["https://news.example.com:8443/a", "https://news.example.com:8443/a"],
    // tracking parameters (BAD-INPUTS 30; BBC's at_medium / at_campaign)
    [
      "https://www.bbc.co.uk/news/world-60993659?at_medium=RSS&at_campaign=KARANGA",
      "https://www.bbc.co.uk/news/world-60993659",
    ],
    ["https://x.example/a?utm_source=rss&utm_medium=feed&utm_campaign=c&id=7", "https://x.example/a?id=7"],
    ["https://x.example/a?UTM_Source=rss&id=7", "https://x.example/a?id=7"],
    [
      "https://x.example/a?fbclid=abc&gclid=def&mc_cid=1&mc_eid=2&ocid=3&cmpid=4&_ga=5&ref_src=twsrc",
      "https://x.example/a",
    ],
    ["https://x.example/a?ns_mchannel=rss&ns_source=x&p=2", "https://x.example/a?p=2"],
    ["https://www.heise.de/a.html?wt_mc=rss.developer.beitrag.atom", "https://www.heise.de/a.html"],
    // remaining parameters keep their order; empty pieces go, empty values stay
    ["https://x.example/s?b=2&a=1", "https://x.example/s?b=2&a=1"],
    ["https://x.example/s?&b=2&&a=&", "https://x.example/s?b=2&a="],
    ["https://x.example/s?", "https://x.example/s"],
    ["https://x.example/s?utm_source=x", "https://x.example/s"],
    // path case and trailing slash are kept; dot segments resolved
    ["https://x.example/News/Item/", "https://x.example/News/Item/"],
    ["https://x.example/a/../b/./c", "https://x.example/b/c"],
    // hash-bang routes name the page
    ["https://x.example/#!/story/12", "https://x.example/#!/story/12"],
    ["  https://x.example/a  ", "https://x.example/a"],
    ["https://BÜCHER.example/a", "https://xn--bcher-kva.example/a"],
  ])("%s -> %s", (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it.each([
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "ftp://x.example/a",
    "/relative/path",
    "not a url",
    "",
  ])("rejects %j", (input) => {
    expect(canonicalizeUrl(input)).toBeNull();
  });

  it("maps different spellings of one feed URL to one canonical URL (stripTrailingSlash for identities)", () => {
    const spellings = [
      "https://news.example.com/feed/",
      "HTTPS://NEWS.EXAMPLE.COM/feed",
      "https://news.example.com:443/feed#top",
      "https://news.example.com/feed/?utm_source=newsletter&utm_medium=email",
    ];
    const canonical = new Set(spellings.map((url) => canonicalizeUrl(url, { stripTrailingSlash: true })));
    expect([...canonical]).toEqual(["https://news.example.com/feed"]);
    expect(canonicalizeUrl("https://x.example/", { stripTrailingSlash: true })).toBe("https://x.example/");
  });

  it("is idempotent", () => {
    for (const url of ["HTTP://A.example:80/x/?utm_source=1&b=2#f", "https://x.example/s?&b=2&&a=&"]) {
      const once = canonicalizeUrl(url);
      expect(once).not.toBeNull();
      expect(canonicalizeUrl(once ?? "")).toBe(once);
    }
  });
});

describe("httpUrl / resolveBase", () => {
  it.each([
    ["/en/games/news", "https://www.arcgames.com/feed.xml", "https://www.arcgames.com/en/games/news"],
    ["post.html", "https://x.example/blog/2022/", "https://x.example/blog/2022/post.html"],
    ["https://other.example/a", "https://x.example/", "https://other.example/a"],
    ["//cdn.example/a", "https://x.example/", "https://cdn.example/a"],
    ["javascript:alert(1)", "https://x.example/", null],
    ["mailto:a@b.example", "https://x.example/", null],
    ["post.html", null, null],
    ["   ", "https://x.example/", null],
  ])("%j against %j -> %j", (ref, base, expected) => {
    expect(httpUrl(ref, base)).toBe(expected);
  });

  it("chains xml:base values from outer to inner", () => {
    const feed = resolveBase("https://x.example/feeds/atom.xml", "/blog/");
    const entry = resolveBase(feed, "2022/");
    expect(entry).toBe("https://x.example/blog/2022/");
    expect(resolveBase(entry, null)).toBe(entry);
    expect(resolveBase(null, "relative/")).toBeNull();
  });

  it("isHttpUrl accepts only absolute http(s) URLs", () => {
    expect(isHttpUrl("https://x.example/a")).toBe(true);
    expect(isHttpUrl("tag:x.example,2004:1")).toBe(false);
    expect(isHttpUrl("t3_42tizy")).toBe(false);
  });
});

describe("httpUrl: the one rule for every URL kept, followed or written into an output", () => {
  it.each([
    ["https://news.example/a?b=1#c", "https://news.example/a?b=1#c"],
    ["  HTTP://News.Example/a  ", "http://news.example/a"],
    ["javascript:alert(1)", null],
    ["data:text/html,x", null],
    ["mailto:a@news.example", null],
    ["https://user:secret@news.example/a", null],
    [`https://news.example/${"a".repeat(2048)}`, null],
    ["/relative", null],
    [42, null],
  ])("%j -> %j", (value, expected) => {
    expect(httpUrl(value)).toBe(expected);
  });

  it("resolves a relative reference against a base", () => {
    expect(httpUrl("../b", "https://news.example/x/y")).toBe("https://news.example/b");
  });
});
