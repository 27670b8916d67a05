import { tokenF1, wordTokens } from "@storywire/core/test-support/token-f1";
import { describe, expect, it } from "vitest";

describe("wordTokens", () => {
  it.each<[string, string[]]>([
    ["Kyiv's Mayor, 2026!", ["kyiv", "s", "mayor", "2026"]],
    ["宇航员在太空", ["宇", "航", "员", "在", "太", "空"]],
    ["NASA 宇航员 Über", ["nasa", "宇", "航", "员", "über"]],
    ["", []],
  ])("%j", (text, expected) => {
    expect(wordTokens(text)).toEqual(expected);
  });
});

describe("tokenF1", () => {
  it.each<[string, string, string, number, number]>([
    ["identical", "a b c", "a b c", 1, 1],
    ["missing half", "a b c d", "a b", 1, 0.5],
    ["extra tokens", "a b", "a b c d", 0.5, 1],
    ["counts repeats once each (multiset)", "a a b", "a b b", 2 / 3, 2 / 3],
    ["nothing in common", "a", "b", 0, 0],
  ])("%s", (_name, expected, actual, precision, recall) => {
    const score = tokenF1(expected, actual);
    expect(score.precision).toBeCloseTo(precision);
    expect(score.recall).toBeCloseTo(recall);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    expect(score.f1).toBeCloseTo(f1);
  });

  it("scores two empty texts as a perfect match and one empty side as zero", () => {
    expect(tokenF1("", "").f1).toBe(1);
    expect(tokenF1("a", "").f1).toBe(0);
    expect(tokenF1("", "a").f1).toBe(0);
  });
});
