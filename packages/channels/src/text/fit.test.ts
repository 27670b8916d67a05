import { describe, expect, it } from "vitest";
import { escapeSlack } from "../slack/escape.ts";
import { fit } from "./fit.ts";

describe("fit", () => {
  it.each([
    ["short", 10, "short"],
    ["exactly10!", 10, "exactly10!"],
    ["a longer sentence", 10, "a longer…"],
    ["🙂🙂🙂🙂🙂🙂", 5, "🙂🙂…"],
    ["anything", 0, ""],
  ])("fit(%j, %i) = %j", (text, max, expected) => {
    expect(fit(text, max)).toBe(expected);
  });

  it("cuts before escaping, so an escape sequence is never split", () => {
    const result = fit("&&&&&&&&&&", 12, escapeSlack);
    expect(result).toBe("&amp;&amp;…");
    expect(fit("<<<", 100, escapeSlack)).toBe("&lt;&lt;&lt;");
  });

  it("always fits, even when every character expands", () => {
    for (const max of [1, 2, 5, 6, 7, 50, 299]) {
      const result = fit("&".repeat(1000), max, escapeSlack);
      expect(result.length).toBeLessThanOrEqual(max);
      expect(result.endsWith("…")).toBe(true);
    }
  });
});
