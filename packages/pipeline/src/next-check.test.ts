import { describe, expect, it } from "vitest";
import { MAX_BACKOFF_MS, MAX_HINT_MS, nextCheckDelay } from "./next-check.ts";

const now = new Date("2026-11-25T12:00:00Z");
const base = 5 * 60_000;
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

describe("nextCheckDelay", () => {
  it.each([
    [
      "busy feed: the configured interval",
      { itemDates: Array.from({ length: 200 }, (_, i) => hoursAgo(i / 30)) },
      base,
    ],
    ["quiet feed: four times the interval", { itemDates: [hoursAgo(24 * 6)] }, 4 * base],
    [
      "quiet feed with a long interval: at most an hour",
      { itemDates: [hoursAgo(24 * 6)], baseMs: 20 * 60_000 },
      3_600_000,
    ],
    ["one recent item: four times the interval", { itemDates: [hoursAgo(0.1)] }, 4 * base],
    [
      "two items an hour: a quarter hour",
      { itemDates: Array.from({ length: 48 }, (_, i) => hoursAgo(i / 2 + 0.5)) },
      15 * 60_000,
    ],
    ["no dates: the interval", { itemDates: [null, null] }, base],
    ["Cache-Control max-age of 30 min is honoured", { maxAgeMs: 30 * 60_000 }, 30 * 60_000],
    ["<ttl> of 20 min is honoured", { ttlMinutes: 20 }, 20 * 60_000],
    ["a week-long max-age is clamped", { maxAgeMs: 7 * 86_400_000 }, MAX_HINT_MS],
    ["Retry-After on success is honoured", { retryAfterMs: 10 * 60_000 }, 10 * 60_000],
  ])("%s", (_name, extra, expected) => {
    expect(nextCheckDelay({ baseMs: base, errorCount: 0, now, ...extra } as Parameters<typeof nextCheckDelay>[0])).toBe(
      expected,
    );
  });

  it("backs off exponentially with jitter on errors and caps the wait", () => {
    const mid = () => 0.5;
    expect(nextCheckDelay({ baseMs: base, errorCount: 1, now, random: mid })).toBe(base);
    expect(nextCheckDelay({ baseMs: base, errorCount: 3, now, random: mid })).toBe(4 * base);
    expect(nextCheckDelay({ baseMs: base, errorCount: 40, now, random: mid })).toBe(MAX_BACKOFF_MS);
    const low = nextCheckDelay({ baseMs: base, errorCount: 2, now, random: () => 0 });
    const high = nextCheckDelay({ baseMs: base, errorCount: 2, now, random: () => 0.999 });
    expect(low).toBeLessThan(high);
    expect(low).toBeGreaterThanOrEqual(0.8 * 2 * base);
  });

  it("waits at least the server's Retry-After after a 429/503", () => {
    expect(nextCheckDelay({ baseMs: base, errorCount: 1, now, retryAfterMs: 3_600_000, random: () => 0.5 })).toBe(
      3_600_000,
    );
  });
});
