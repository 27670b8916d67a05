import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startSchedulerTimer } from "./scheduler-timer.ts";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("startSchedulerTimer", () => {
  it("runs at once, then every tick", async () => {
    const runs: number[] = [];
    const timer = startSchedulerTimer({
      run: async () => void runs.push(Date.now()),
      nextDueInMs: async () => null,
      tickMs: 1000,
    });
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(3000);
    timer.stop();
    expect(runs.map((t) => t - start)).toEqual([0, 1000, 2000, 3000]);
  });

  it("wakes up when the next feed falls due between two ticks", async () => {
    const runs: number[] = [];
    let due: number | null = 300;
    const timer = startSchedulerTimer({
      run: async () => void runs.push(Date.now()),
      nextDueInMs: async () => {
        const next = due;
        due = null;
        return next;
      },
      tickMs: 1000,
    });
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(1000);
    timer.stop();
    expect(runs.map((t) => t - start)).toEqual([0, 300, 1000]);
  });

  it("never runs twice at once: a trigger during a run makes one more run after it", async () => {
    let inFlight = 0;
    let most = 0;
    let runs = 0;
    const timer = startSchedulerTimer({
      run: async () => {
        runs += 1;
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2500));
        inFlight -= 1;
      },
      nextDueInMs: async () => null,
      tickMs: 1000,
    });
    // Runs at 0 and 2500 (the ticks at 1000 and 2000 came during the first); the ticks at 3000 and 4000 ask once more.
    await vi.advanceTimersByTimeAsync(4000);
    timer.stop();
    expect(most).toBe(1);
    expect(runs).toBe(2);
  });

  it("stops: no run after stop()", async () => {
    let runs = 0;
    const run = async () => {
      runs += 1;
    };
    const timer = startSchedulerTimer({ run, nextDueInMs: async () => 10, tickMs: 1000 });
    await vi.advanceTimersByTimeAsync(0);
    timer.stop();
    const before = runs;
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(before);
  });
});
