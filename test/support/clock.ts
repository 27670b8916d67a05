import { vi } from "vitest";

/**
 * Moves Date for the whole process (only Date: sockets and timers run for real), so the pipeline's clock and a
 * webhook receiver's signature check (which compares the timestamp with Date.now()) see the same moved time.
 * Call restore() in afterAll.
 */
export function fakeDateClock() {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  return {
    now: () => new Date(),
    advance: (ms: number) => vi.setSystemTime(Date.now() + ms),
    restore: () => vi.useRealTimers(),
  };
}
