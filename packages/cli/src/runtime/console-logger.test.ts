import { describe, expect, it } from "vitest";
import { consoleLogger } from "./console-logger.ts";

describe("consoleLogger", () => {
  it("prints fields as key=value, quoting text with spaces and writing objects as JSON", () => {
    const lines: string[] = [];
    consoleLogger((l) => lines.push(l)).warn("feed checked", {
      feed: "http://127.0.0.1/feed.xml",
      title: "two words",
      newStories: 2,
      skipped: { overCap: 3 },
      reasons: ["a", "b"],
      none: null,
    });
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d WARN feed checked feed=http:\/\/127\.0\.0\.1\/feed\.xml title="two words" newStories=2 skipped=\{"overCap":3\} reasons=\["a","b"\]$/,
    );
  });
});

describe("consoleLogger: sentences", () => {
  it("prints a message written as a sentence alone, on one line", () => {
    const lines: string[] = [];
    consoleLogger((l) => lines.push(l)).warn(
      "The feed at http://127.0.0.1/feed.xml answered HTTP 503 (server error); Storywire will try again in 10 minutes.",
      { event: "feed check failed", feed: "http://127.0.0.1/feed.xml", errorCount: 1 },
    );
    expect(lines).toEqual([
      expect.stringMatching(
        /^\d\d:\d\d:\d\d WARN The feed at http:\/\/127\.0\.0\.1\/feed\.xml answered HTTP 503 \(server error\); Storywire will try again in 10 minutes\.$/,
      ),
    ]);
  });
});
