import { describe, expect, it } from "vitest";
import { backoffMs, MAX_BACKOFF_MS, startScheduler } from "./scheduler.ts";

function harness(outcomes: boolean[], nextDueInMs?: (withinMs: number) => Promise<number | null>) {
  const timers: { fn: () => void; ms: number }[] = [];
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push({ level, message, fields });
  let runs = 0;
  const scheduler = startScheduler({
    everyMs: 1_000,
    random: () => 0.5,
    ...(nextDueInMs ? { nextDueInMs } : {}),
    logger: { info: log("info"), warn: log("warn"), error: log("error") },
    run: async () => {
      const ok = outcomes[runs] ?? true;
      runs += 1;
      if (!ok) throw new Error("Listing due feeds failed: DynamoDB could not be reached (ECONNREFUSED).");
    },
    setTimer: (fn, ms) => {
      timers.push({ fn, ms });
      return {};
    },
    clearTimer: () => undefined,
  });
  /** Lets the current run finish, then fires the timer it set; returns that timer's wait. */
  const step = async () => {
    await new Promise((ok) => setImmediate(ok));
    const timer = timers.shift();
    if (!timer) throw new Error("no timer was set");
    timer.fn();
    return timer.ms;
  };
  return { scheduler, lines, step, runs: () => runs };
}

describe("the local scheduler", () => {
  it("runs every interval while the store answers", async () => {
    const h = harness([true, true, true]);
    expect([await h.step(), await h.step()]).toEqual([1_000, 1_000]);
    expect(h.lines).toEqual([]);
  });

  it("backs off with jitter while the store is down, says so once, and once more when it is back", async () => {
    const h = harness([false, false, false, false, false, true, true]);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) waits.push(await h.step());
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 1_000]);
    expect(h.lines.map((l) => [l.level, l.message])).toEqual([
      ["error", "scheduler run failed; backing off until it works again (said once)"],
      ["info", "store is back: the scheduler runs normally again"],
    ]);
    expect(h.lines[0]?.fields?.error).toMatch(/ECONNREFUSED/);
    expect(h.lines[1]?.fields?.failedRuns).toBe(5);
    expect(h.scheduler.failures).toBe(0);
  });

  it("runs again when the next feed falls due before the interval ends, never later than the interval", async () => {
    const asked: number[] = [];
    const dueIn = [250, null, 5_000, -40];
    const h = harness([true, true, true, true], async (withinMs) => {
      asked.push(withinMs);
      return dueIn.shift() ?? null;
    });
    expect([await h.step(), await h.step(), await h.step(), await h.step()]).toEqual([250, 1_000, 1_000, 0]);
    // It looks one interval ahead after every successful run.
    expect(asked.length).toBeGreaterThanOrEqual(4);
    expect(asked.every((ms) => ms === 1_000)).toBe(true);
  });

  it("keeps its interval when it cannot tell when the next feed is due", async () => {
    const h = harness([true, true], async () => {
      throw new Error("Listing due feeds failed: DynamoDB could not be reached (ECONNREFUSED).");
    });
    expect([await h.step(), await h.step()]).toEqual([1_000, 1_000]);
  });

  it("never waits longer than a minute, and spreads waits between half and one and a half times", () => {
    expect(backoffMs(1_000, 30, () => 0.99)).toBe(MAX_BACKOFF_MS);
    expect(backoffMs(1_000, 2, () => 0)).toBe(2_000);
    expect(backoffMs(1_000, 2, () => 0.999)).toBeLessThanOrEqual(6_000);
  });
});
