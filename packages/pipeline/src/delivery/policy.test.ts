import { describe, expect, it } from "vitest";
import { DISABLE_AFTER_MS, MAX_ATTEMPTS, RETRY_SCHEDULE_MS, retryDelay, shouldDisableEndpoint } from "./policy.ts";

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

describe("retry schedule", () => {
  it("is immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h", () => {
    expect(RETRY_SCHEDULE_MS).toEqual([0, 5 * S, 5 * MIN, 30 * MIN, 2 * H, 5 * H, 10 * H, 10 * H]);
    expect(MAX_ATTEMPTS).toBe(8);
  });

  it.each([
    [0, 0],
    [1, 5 * S],
    [2, 5 * MIN],
    [3, 30 * MIN],
    [4, 2 * H],
    [5, 5 * H],
    [6, 10 * H],
    [7, 10 * H],
    [8, null],
    [50, null],
    [-1, 0],
    [Number.NaN, 0],
  ])("retryDelay(%s) = %s without jitter", (attempts, expected) => {
    expect(retryDelay(attempts, { random: () => 0.5 })).toBe(expected);
  });

  it("jitters by at most ±10 % of the delay, never the immediate attempt", () => {
    expect(retryDelay(2, { random: () => 0 })).toBe(4.5 * MIN);
    expect(retryDelay(2, { random: () => 0.999999 })).toBeCloseTo(5.5 * MIN, -2);
    expect(retryDelay(0, { random: () => 0 })).toBe(0);
    expect(retryDelay(8, { random: () => 0 })).toBeNull();
    for (let i = 0; i < 100; i++) {
      const delay = retryDelay(4) as number;
      expect(delay).toBeGreaterThanOrEqual(1.8 * H);
      expect(delay).toBeLessThanOrEqual(2.2 * H);
    }
  });

  it("waits at least as long as the endpoint's Retry-After", () => {
    const still = { random: () => 0.5 };
    expect(retryDelay(1, { ...still, retryAfterMs: 120 * S })).toBe(120 * S);
    expect(retryDelay(3, { ...still, retryAfterMs: 120 * S })).toBe(30 * MIN);
    expect(retryDelay(8, { ...still, retryAfterMs: 120 * S })).toBeNull();
    expect(retryDelay(1, still)).toBe(5 * S);
  });
});

describe("shouldDisableEndpoint", () => {
  const now = new Date("2025-05-20T12:00:00Z");
  it.each([
    [null, false],
    [undefined, false],
    ["not a date", false],
    ["2025-05-20T11:00:00Z", false],
    ["2025-05-15T12:00:01Z", false],
    ["2025-05-15T12:00:00Z", true],
    [new Date(now.getTime() - DISABLE_AFTER_MS - 1), true],
  ])("failing since %s -> %s", (since, expected) => {
    expect(shouldDisableEndpoint(since, now)).toBe(expected);
  });
});
