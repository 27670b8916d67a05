import { describe, expect, it } from "vitest";
import { MAX_ELEMENTS_TO_PARSE } from "./constants.ts";
import { htmlToParagraphs, isWidget, looksLikeHtml } from "./html-to-paragraphs.ts";
import { textToParagraphs } from "./plain-text.ts";

describe("htmlToParagraphs", () => {
  it.each<[string, string, string[]]>([
    [
      "inline markup leaves no space inside a word",
      "<p><b>Kyi</b>v is the <i>capital</i>.</p>",
      ["Kyiv is the capital."],
    ],
    ["a closing and an opening block split", "a</p><p>b", ["a", "b"]],
    [
      "entities decode, curly quotes and dashes stay",
      "<p>Tom &amp; Jerry &mdash; &#8220;quoted&#8221;&nbsp;&nbsp;here&hellip; “kept” – too</p>",
      ["Tom & Jerry — “quoted” here… “kept” – too"],
    ],
    [
      "script and style vanish with their text",
      "<p>Before</p><script>document.write('evil')</script><style>.x{color:red}</style><p>After</p>",
      ["Before", "After"],
    ],
    [
      "img with onerror is dropped, text around it joins",
      '<p>Hi <img src=x onerror="alert(1)">there</p>',
      ["Hi there"],
    ],
    ["list items are paragraphs", "<ul><li>One</li><li>Two <em>items</em></li></ul>", ["One", "Two items"]],
    [
      "one br is a space, two end the paragraph",
      "Line one<br>same para<br><br>New para<br/> <br />Third",
      ["Line one same para", "New para", "Third"],
    ],
    ["nested divs are blocks", "<div><div>Outer <div>inner</div> tail</div></div>", ["Outer", "inner", "tail"]],
    ["headings and blockquotes", "<h2>Head</h2><blockquote><p>Quote</p></blockquote>", ["Head", "Quote"]],
    [
      "table rows are paragraphs, cells spaced",
      "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>",
      ["a b", "c"],
    ],
    ["pre keeps its lines", "<pre>line 1\nline 2</pre>", ["line 1", "line 2"]],
    [
      "figure caption kept, image dropped",
      "<figure><img src=a.jpg><figcaption>Caption</figcaption></figure>",
      ["Caption"],
    ],
    [
      "share widgets go by class or id",
      '<div class="post-share-buttons"><a>Share on Facebook</a></div><p>Body</p><div id="jp-relatedposts">Related</div>',
      ["Body"],
    ],
    [
      "nav, aside, footer, noscript, iframe, forms, buttons, video, svg go",
      "<nav>Menu</nav><aside>Side</aside><p>Main</p><noscript>Enable JS</noscript><iframe src=x>f</iframe>" +
        "<form><input value=q><button>Go</button></form><video>v</video><svg><text>s</text></svg><footer>(c)</footer>",
      ["Main"],
    ],
    ["hidden elements go", "<p hidden>hidden</p><p style='display: none'>none</p><p>shown</p>", ["shown"]],
    [
      "a whole page: title, site header and footer go",
      "<!DOCTYPE html><html><head><title>Site</title><meta name=x content=y></head><body><header><a href=/>Home</a>" +
        "</header><article><header><h1>Headline</h1></header><p>Para</p></article><footer>(c)</footer></body></html>",
      ["Headline", "Para"],
    ],
    ["zero-width space and soft hyphen removed", "<p>Kyi&#x200b;v soft&shy;ware</p>", ["Kyiv software"]],
    [
      "entity-encoded tags (escaped twice) are read as HTML",
      "&lt;p&gt;Hi &lt;img src=x onerror=alert(1)&gt;&lt;/p&gt;",
      ["Hi"],
    ],
    ["escaped script never appears", "&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Text&lt;/p&gt;", ["Text"]],
    ["stray document tags in a fragment", "</body></html><p>after</p>", ["after"]],
    [
      "plain text: blank lines separate",
      "First para.\n\nSecond para\nwraps here.",
      ["First para.", "Second para wraps here."],
    ],
    ["plain text: each line without blank lines", "Line one.\nLine two.", ["Line one.", "Line two."]],
    ["plain text entities decode", "AT&amp;T &lt; 5%", ["AT&T < 5%"]],
    ["comparison signs are text", "a < b and c > d", ["a < b and c > d"]],
    ["empty", "", []],
    ["whitespace only", " \n\t ", []],
    ["comment only", "<!-- nothing -->", []],
  ])("%s", (_name, html, expected) => {
    expect(htmlToParagraphs(html)).toEqual(expected);
  });

  it("never lets script text through, whatever the nesting", () => {
    const html = "<div><p>ok<script>var secret = 1;</script></p><svg><script>also()</script></svg></div>";
    const text = htmlToParagraphs(html).join(" ");
    expect(text).toBe("ok");
    expect(text).not.toContain("secret");
  });

  it("reads only the HTML within the element budget", () => {
    const html = `${"<p>x</p>".repeat(MAX_ELEMENTS_TO_PARSE)}<p>beyond</p>`;
    const paragraphs = htmlToParagraphs(html);
    expect(paragraphs).toHaveLength(MAX_ELEMENTS_TO_PARSE);
    expect(paragraphs).not.toContain("beyond");
  });

  it("survives 10,000 nested elements without overflowing the stack", () => {
    const depth = 10_000;
    const html = `${"<div><span>".repeat(depth)}deep${"</span></div>".repeat(depth)}`;
    expect(htmlToParagraphs(html)).toEqual(["deep"]);
  });
});

describe("looksLikeHtml", () => {
  it.each<[string, boolean]>([
    ["<p>x</p>", true],
    ["x<br>y", true],
    ["<!-- c -->", true],
    ["a < b > c", false],
    ["plain", false],
  ])("%s -> %s", (text, expected) => {
    expect(looksLikeHtml(text)).toBe(expected);
  });
});

describe("textToParagraphs", () => {
  it("joins hard-wrapped lines only when every line is short", () => {
    const long = "x".repeat(120);
    expect(textToParagraphs(`${long}\nHeading\n\nLeave a comment`)).toEqual([long, "Heading", "Leave a comment"]);
    expect(textToParagraphs("short one\nshort two\n\nthird")).toEqual(["short one short two", "third"]);
  });
});

describe("isWidget", () => {
  it.each<[string, boolean]>([
    ["share-buttons", true],
    ["sharedaddy sd-sharing-enabled", true],
    ["ad_slot", true],
    ["related-posts", true],
    ["cookie-banner", true],
    ["article-header", false],
    ["shadow", false],
    ["related", false],
    ["story-body", false],
  ])("%s -> %s", (classes, expected) => {
    expect(isWidget(classes)).toBe(expected);
  });
});
