import { describe, expect, it } from "vitest";
import { collapseWhitespace, sanitizeHtml, textToHtml } from "./html.ts";
import { plainText } from "./item.ts";

describe("plainText: the one cleaning rule of every text field", () => {
  it.each([
    ["plain words", "plain words"],
    ["  spaced \n\t out  ", "spaced out"],
    ["Tom &amp; Jerry&nbsp;&mdash; &#8220;quoted&#8221; &hellip;", "Tom & Jerry — “quoted” …"],
    ["<img src=x onerror=alert(1)>Breaking", "Breaking"],
    ["a<script>alert(1)</script>b<style>p{}</style>c", "abc"],
    ["<p>one</p><p>two</p><br>three", "one two three"],
    ["x < y and y > z", "x < y and y > z"],
    // Markup escaped twice is read once more, in every field alike (titles, authors, summaries).
    ["&lt;b&gt;literal&lt;/b&gt;", "literal"],
    ["&lt;script&gt;alert(1)&lt;/script&gt;", ""],
    ["&amp;lt;3 stays text", "&lt;3 stays text"],
    ["bad\u0000control\u0007chars", "badcontrolchars"],
  ])("%j -> %j", (html, text) => {
    expect(plainText(html)).toBe(text);
    expect(plainText({ value: html, type: "text" })).toBe(text);
  });
});

describe("sanitizeHtml", () => {
  it.each([
    ['<p onclick="x()" class="c">Hi</p>', '<p class="c">Hi</p>'],
    ['<a href="javascript:alert(1)">x</a>', "<a>x</a>"],
    ['<a href=" java\tscript:alert(1)">x</a>', "<a>x</a>"],
    [
      '<a href="vbscript:x">x</a><a href="/rel">r</a><a href="mailto:a@b.example">m</a>',
      '<a>x</a><a href="/rel">r</a><a href="mailto:a@b.example">m</a>',
    ],
    ["<script>alert(1)</script><p>kept</p>", "<p>kept</p>"],
    ['<iframe src="https://x.example"></iframe><object data="x"></object><embed src="x"><p>ok</p>', "<p>ok</p>"],
    ['<img src="data:image/png;base64,AAAA" onerror="x()">', '<img src="data:image/png;base64,AAAA">'],
    ['<img src="data:image/svg+xml,<svg onload=alert(1)>">', "<img>"],
    [
      '<iframe srcdoc="<script>x</script>"></iframe><div style="background:url(javascript:alert(1))">d</div>',
      "<div>d</div>",
    ],
    ["no markup &amp; text", "no markup &amp; text"],
  ])("%j -> %j", (html, clean) => {
    expect(sanitizeHtml(html)).toBe(clean);
  });
});

describe("textToHtml / collapseWhitespace", () => {
  it("escapes text and keeps its paragraphs and line breaks", () => {
    expect(textToHtml('a < b & "c"\nnext line\r\n\r\n  second para  \n\n\n')).toBe(
      "<p>a &lt; b &amp; &quot;c&quot;<br>next line</p>\n<p>second para</p>",
    );
    expect(textToHtml("   ")).toBe("");
  });

  it("collapses whitespace, no-break spaces included", () => {
    expect(collapseWhitespace(" a\u00a0\u00a0b \n c ")).toBe("a b c");
  });
});
