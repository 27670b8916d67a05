import { describe, expect, it } from "vitest";
import { FeedError } from "./errors.ts";
import {
  atomTextLinksToHref,
  blankUnreadableAtomDates,
  childInnerXml,
  decodeXmlEntities,
  parseAttributes,
  repairAmpersands,
  scanBody,
  scanProlog,
} from "./xml-scan.ts";

describe("scanProlog", () => {
  it("finds the root after the prolog, PIs, comments and a public DOCTYPE", () => {
    const text = `<?xml version="1.0"?>\n<?xml-stylesheet href="/s.xsl"?><!-- hi --><!DOCTYPE rss PUBLIC "-//N//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91" xml:base="http://www.nasa.gov/" xml:lang='en'><channel/></rss>`;
    const prolog = scanProlog(text);
    expect(prolog.root?.name).toBe("rss");
    expect(Object.fromEntries(prolog.root?.attributes ?? [])).toEqual({
      version: "0.91",
      "xml:base": "http://www.nasa.gov/",
      "xml:lang": "en",
    });
    expect(prolog.doctype).toMatch(/^<!DOCTYPE rss PUBLIC/);
    expect(prolog.textBeforeRoot).toBe(false);
  });

  it.each([
    `<!DOCTYPE r [<!ENTITY a "b">]><r/>`,
    `<!doctype r SYSTEM "file:///etc/passwd"><r/>`,
    `<!DOCTYPE r PUBLIC "x" "/local/file.dtd"><r/>`,
    `<!ENTITY a "b"><r/>`,
  ])("refuses %j", (text) => {
    expect(() => scanProlog(text)).toThrow(FeedError);
  });

  it("reports text before the root and a missing root", () => {
    expect(scanProlog("hello <b>x</b>")).toMatchObject({ textBeforeRoot: true, root: { name: "b" } });
    expect(scanProlog("<?xml version='1.0'?><!-- only a comment -->").root).toBeNull();
  });
});

describe("scanBody", () => {
  const rss = `<rss><item>outside the channel</item><channel><title>t</title><item><title>a</title><media:item/></item><item/><![CDATA[<item>not one</item>]]><!-- <item> --><item><x><item>nested</item></x></item></channel></rss>`;

  it("finds rss>channel>item only, outside CDATA and comments", () => {
    const root = scanProlog(rss).root;
    if (!root) throw new Error("no root");
    const scan = scanBody(rss, root, "item", 100);
    expect(scan.hasChannel).toBe(true);
    expect(scan.items.map((span) => rss.slice(span.start, span.end))).toEqual([
      "<item><title>a</title><media:item/></item>",
      "<item/>",
      "<item><x><item>nested</item></x></item>",
    ]);
  });

  it("stops at the depth cap", () => {
    const deep = `<rss>${"<a>".repeat(50)}${"</a>".repeat(50)}</rss>`;
    const root = scanProlog(deep).root;
    if (!root) throw new Error("no root");
    expect(() => scanBody(deep, root, "item", 20)).toThrow(/more than 20 levels/);
    expect(scanBody(deep, root, "item", 60).items).toEqual([]);
  });

  it("stays linear on hostile markup (no closing brackets, unterminated quotes)", () => {
    const hostile = `<rss>${'<a b="'.repeat(20_000)}${"<<<<".repeat(20_000)}`;
    const root = scanProlog(hostile).root;
    if (!root) throw new Error("no root");
    expect(scanBody(hostile, root, "item", 1_000_000).items).toEqual([]);
  });
});

describe("text repairs", () => {
  it("childInnerXml returns a direct child's inner XML verbatim", () => {
    const entry = `<entry><title>t</title><content type="xhtml"><div>Before <a href="x">link</a> after</div></content><x><content>deeper</content></x></entry>`;
    expect(childInnerXml(entry, "content")).toBe(`<div>Before <a href="x">link</a> after</div>`);
    expect(childInnerXml(`<entry><x><content>deeper</content></x></entry>`, "content")).toBeNull();
    expect(childInnerXml(`<entry><content/></entry>`, "content")).toBe("");
  });

  it("repairAmpersands escapes only bare ampersands, outside CDATA", () => {
    expect(repairAmpersands(`<t>A & B &amp; &#38; &#x26; &nbsp;</t><![CDATA[C & D]]><a href="?a=1&b=2"/>`)).toBe(
      `<t>A &amp; B &amp; &#38; &#x26; &nbsp;</t><![CDATA[C & D]]><a href="?a=1&amp;b=2"/>`,
    );
  });

  it("blankUnreadableAtomDates empties only dates rss-parser cannot read", () => {
    expect(
      blankUnreadableAtomDates(
        `<published>yesterday</published><updated>2022-04-05T10:00:00Z</updated><updated type="x">  </updated><![CDATA[<published>kept</published>]]>`,
      ),
    ).toBe(
      `<published></published><updated>2022-04-05T10:00:00Z</updated><updated type="x"></updated><![CDATA[<published>kept</published>]]>`,
    );
  });

  it("atomTextLinksToHref moves a text link into href", () => {
    expect(
      atomTextLinksToHref(
        `<link>https://x.example/?a="b"</link><link rel="self" href="h"/><link rel="alternate">u</link>`,
      ),
    ).toBe(
      `<link href="https://x.example/?a=&quot;b&quot;"/><link rel="self" href="h"/><link rel="alternate" href="u"/>`,
    );
  });

  it("decodes XML entities and attributes", () => {
    expect(decodeXmlEntities("&lt;a&gt; &amp;amp; &#8220;&#x201D; &bogus; &#0;")).toBe("<a> &amp; “” &bogus; &#0;");
    expect(Object.fromEntries(parseAttributes(` a="1" b='x &amp; y' a="dup" c = "3"`))).toEqual({
      a: "1",
      b: "x & y",
      c: "3",
    });
  });
});
