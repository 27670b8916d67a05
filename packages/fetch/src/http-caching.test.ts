import { describe, expect, it } from "vitest";
import { parseCacheControlMaxAge, parseContentType, parseHttpDate, parseRetryAfter } from "./http-caching.ts";

const NOW = Date.parse("2025-06-01T12:00:00Z");

describe("parseRetryAfter (BAD-INPUTS 15)", () => {
  it.each([
    ["120", 120_000],
    [" 30 ", 30_000],
    ["0", 1_000], // clamped up to 1 s
    ["1", 1_000],
    ["86400", 86_400_000],
    ["999999999", 86_400_000], // clamped down to 24 h
    ["99999999999999999999999999999", 86_400_000],
    ["Sun, 01 Jun 2025 12:05:00 GMT", 300_000], // IMF-fixdate
    ["Sunday, 01-Jun-25 12:01:00 GMT", 60_000], // RFC 850
    ["Sun Jun  1 12:00:30 2025", 30_000], // asctime
    ["Sat, 31 May 2025 12:00:00 GMT", 1_000], // in the past: retry now (1 s floor)
    ["Wed, 01 Jan 2031 00:00:00 GMT", 86_400_000], // far future: 24 h ceiling
  ])("%s -> %d ms", (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([
    null,
    undefined,
    "",
    "soon",
    "-5",
    "1.5",
    "1e3",
    "0x10",
    "120 seconds",
    "2025-06-01T12:05:00Z",
    "Sun, 01 Jun 2025 12:05:00",
    "Sun, 32 Jun 2025 12:05:00 GMT",
    "tomorrow",
  ])("garbage %s -> null", (value) => {
    expect(parseRetryAfter(value, NOW)).toBeNull();
  });

  it("accepts a Date for now and repeated header values", () => {
    expect(parseRetryAfter("10", new Date(NOW))).toBe(10_000);
    expect(parseRetryAfter(["10"], NOW)).toBe(10_000);
  });

  it("parseHttpDate", () => {
    expect(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT")).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT")).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate("Sun Nov  6 08:49:37 1994")).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate("6 Nov 1994")).toBeNull();
  });
});

describe("parseCacheControlMaxAge", () => {
  it.each([
    ["max-age=600", 600_000],
    ["public, max-age=60, must-revalidate", 60_000],
    ['max-age="30"', 30_000],
    ["MAX-AGE=5", 5_000],
    ["max-age=0", 0],
    ["no-cache", 0],
    ["no-store, max-age=600", 0],
    ["max-age=99999999999", 2 ** 31 * 1000],
    ["max-age=10, max-age=10", 10_000],
  ])("%s -> %d", (value, expected) => {
    expect(parseCacheControlMaxAge(value)).toBe(expected);
  });

  it.each([
    null,
    undefined,
    "",
    "public",
    "max-age=",
    "max-age=-1",
    "max-age=abc",
    "max-age=1.5",
    "max-age=10, max-age=20",
  ])("%s -> null", (value) => {
    expect(parseCacheControlMaxAge(value)).toBeNull();
  });
});

describe("parseContentType", () => {
  it("splits media type and charset", () => {
    expect(parseContentType("application/rss+xml; charset=UTF-8")).toEqual({
      mediaType: "application/rss+xml",
      charset: "utf-8",
    });
    expect(parseContentType('text/xml;charset="koi8-r"')).toEqual({ mediaType: "text/xml", charset: "koi8-r" });
    expect(parseContentType("text/html")).toEqual({ mediaType: "text/html", charset: null });
    expect(parseContentType(undefined)).toEqual({ mediaType: null, charset: null });
    expect(parseContentType("garbage")).toEqual({ mediaType: null, charset: null });
    expect(parseContentType("text/html; charset=<script>")).toEqual({ mediaType: "text/html", charset: null });
  });
});
