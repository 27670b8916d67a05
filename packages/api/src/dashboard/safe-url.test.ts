import { describe, expect, it } from "vitest";
import { hostOf, httpUrl } from "./safe-url.ts";

describe("httpUrl", () => {
  it.each([
    ["https://news.example/a?b=1#c", "https://news.example/a?b=1#c"],
    ["http://news.example", "http://news.example/"],
    ["HTTPS://News.Example/x y", "https://news.example/x%20y"],
    ['https://news.example/"><script>', "https://news.example/%22%3E%3Cscript%3E"],
  ])("keeps the http(s) URL %s", (input, expected) => {
    expect(httpUrl(input)).toBe(expected);
  });

  it.each([
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "\tjavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "/relative/path",
    "not a url",
    "",
    null,
    undefined,
  ])("drops %j", (input) => {
    expect(httpUrl(input)).toBeNull();
  });
});

describe("hostOf", () => {
  it.each([
    ["https://feeds.example:8443/rss", "feeds.example:8443"],
    ["javascript:alert(1)", null],
    [null, null],
  ])("%j -> %j", (input, expected) => {
    expect(hostOf(input)).toBe(expected);
  });
});
