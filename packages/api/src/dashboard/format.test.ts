import { describe, expect, it } from "vitest";
import { formatScore, formatUtc, plural, relativeTime } from "./format.ts";

const NOW = new Date("2026-11-25T10:00:00.000Z");

describe("formatUtc", () => {
  it.each([
    ["2026-11-25T09:05:00.000Z", "25 Nov 2026 09:05 UTC"],
    ["2026-01-02T23:59:59+02:00", "2 Jan 2026 21:59 UTC"],
    ["not a date", null],
    ["", null],
    [null, null],
  ])("%j -> %j", (input, expected) => {
    expect(formatUtc(input)).toBe(expected);
  });
});

describe("relativeTime", () => {
  it.each([
    ["2026-11-25T09:59:30.000Z", "just now"],
    ["2026-11-25T10:00:20.000Z", "just now"],
    ["2026-11-25T09:55:00.000Z", "5 min ago"],
    ["2026-11-25T10:15:00.000Z", "in 15 min"],
    ["2026-11-25T09:00:00.000Z", "1 h ago"],
    ["2026-11-24T07:00:00.000Z", "27 h ago"],
    ["2026-11-20T10:00:00.000Z", "5 d ago"],
    ["2026-11-28T10:00:00.000Z", "in 3 d"],
    ["garbage", null],
    [null, null],
  ])("%j -> %j", (input, expected) => {
    expect(relativeTime(input, NOW)).toBe(expected);
  });
});

describe("formatScore and plural", () => {
  it.each([
    [0.8234, "0.82"],
    [1, "1.00"],
    [Number.NaN, "?"],
  ])("formatScore(%j) -> %j", (input, expected) => {
    expect(formatScore(input)).toBe(expected);
  });

  it.each([
    [1, "story", "stories", "1 story"],
    [0, "story", "stories", "0 stories"],
    [2, "update", undefined, "2 updates"],
  ])("plural(%j, %j)", (count, one, many, expected) => {
    expect(plural(count, one, many)).toBe(expected);
  });
});
