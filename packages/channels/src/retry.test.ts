import { describe, expect, it } from "vitest";
import {
  DISABLE_AFTER_MS,
  MAX_ATTEMPTS,
  nextAttemptDelay,
  RETRY_SCHEDULE_MS,
  retryDelay,
  shouldDisableEndpoint,
} from "./retry.ts";

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
  ])("nextAttemptDelay(%s) = %s", (attempts, expected) => {
    expect(nextAttemptDelay(attempts)).toBe(expected);
  });

  it("jitters by at most ±jitter of the delay, never the immediate attempt", () => {
    expect(nextAttemptDelay(2, { jitter: 0.1, random: () => 0 })).toBe(4.5 * MIN);
    expect(nextAttemptDelay(2, { jitter: 0.1, random: () => 0.999999 })).toBeCloseTo(5.5 * MIN, -2);
    expect(nextAttemptDelay(2, { jitter: 0.1, random: () => 0.5 })).toBe(5 * MIN);
    expect(nextAttemptDelay(0, { jitter: 0.5, random: () => 0 })).toBe(0);
    expect(nextAttemptDelay(8, { jitter: 0.1 })).toBeNull();
    for (let i = 0; i < 100; i++) {
      const delay = nextAttemptDelay(4, { jitter: 0.2 }) as number;
      expect(delay).toBeGreaterThanOrEqual(1.6 * H);
      expect(delay).toBeLessThanOrEqual(2.4 * H);
    }
  });

  it("waits at least as long as the endpoint's Retry-After", () => {
    expect(retryDelay(1, 120 * S)).toBe(120 * S);
    expect(retryDelay(3, 120 * S)).toBe(30 * MIN);
    expect(retryDelay(8, 120 * S)).toBeNull();
    expect(retryDelay(1)).toBe(5 * S);
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
