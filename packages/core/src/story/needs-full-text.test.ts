import { describe, expect, it } from "vitest";
import { needsFullText } from "./needs-full-text.ts";

const LONG = `<p>${"The talks continued late into the night as both delegations argued over the wording. ".repeat(10)}</p>`;

describe("needsFullText", () => {
  it.each<[string, { url: string | null; contentHtml: string; summary: string }, boolean]>([
    [
      "short summary with a link",
      { url: "https://example.com/a", contentHtml: "<p>Ministers met.</p>", summary: "" },
      true,
    ],
    ["empty body with a link", { url: "https://example.com/a", contentHtml: "", summary: "" }, true],
    ["only a summary field", { url: "https://example.com/a", contentHtml: "", summary: "Short teaser." }, true],
    ["long full body", { url: "https://example.com/a", contentHtml: LONG, summary: "" }, false],
    [
      "long body ending in an ellipsis",
      { url: "https://example.com/a", contentHtml: `${LONG}<p>And then…</p>`, summary: "" },
      true,
    ],
    [
      "long body ending in […]",
      { url: "https://example.com/a", contentHtml: `${LONG}<p>More [&#8230;]</p>`, summary: "" },
      true,
    ],
    [
      "long body ending in a Read more link",
      { url: "https://example.com/a", contentHtml: `${LONG}<p><a href="/a">Read more</a></p>`, summary: "" },
      true,
    ],
    [
      "long body ending in Continue reading →",
      { url: "https://example.com/a", contentHtml: `${LONG}<a>Continue reading →</a>`, summary: "" },
      true,
    ],
    ["no link", { url: null, contentHtml: "<p>Short.</p>", summary: "" }, false],
    ["javascript: link", { url: "javascript:alert(1)", contentHtml: "<p>Short.</p>", summary: "" }, false],
    ["ftp link", { url: "ftp://example.com/a", contentHtml: "", summary: "" }, false],
  ])("%s -> %s", (_name, item, expected) => {
    expect(needsFullText(item)).toBe(expected);
  });
});
