/**
 * The local stand-in for EventBridge Scheduler: runs the schedule step every `everyMs`, and sooner when the next
 * feed falls due before that (`nextDueInMs`), so a feed is fetched at its due time rather than up to a tick later.
 * When the store is unavailable it backs off (doubling, with jitter, up to a minute), says so once, and says once
 * when the store is back; it never logs the same outage every second.
 */
import type { Logger } from "@storywire/pipeline";

export const MAX_BACKOFF_MS = 60_000;

export interface SchedulerOptions {
  everyMs: number;
  /** One run of the schedule step; a thrown error counts as a failed run. */
  run: () => Promise<void>;
  /** Milliseconds until the next feed falls due within `withinMs`, or null when none does (or it cannot tell). */
  nextDueInMs?: (withinMs: number) => Promise<number | null>;
  logger: Logger;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => { unref?(): unknown };
  clearTimer?: (timer: unknown) => void;
}

export interface Scheduler {
  stop(): void;
  /** Consecutive failed runs (0 when the last one succeeded). */
  readonly failures: number;
}

/** The wait after `failures` consecutive failures: everyMs doubling up to MAX_BACKOFF_MS, jittered 0.5x to 1.5x. */
export function backoffMs(everyMs: number, failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, everyMs * 2 ** Math.min(failures, 16));
  return Math.round(Math.min(MAX_BACKOFF_MS, base * (0.5 + random())));
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  const random = options.random ?? Math.random;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
  let failures = 0;
  let failingSince = 0;
  let stopped = false;
  let timer: unknown = null;

  const schedule = (ms: number) => {
    if (stopped) return;
    const handle = setTimer(() => void tick(), ms);
    handle.unref?.();
    timer = handle;
  };

  const tick = async () => {
    try {
      await options.run();
      if (failures > 0) {
        options.logger.info("store is back: the scheduler runs normally again", {
          downSeconds: Math.round((Date.now() - failingSince) / 1000),
          failedRuns: failures,
        });
      }
      failures = 0;
      const due = await options.nextDueInMs?.(options.everyMs).catch(() => null);
      schedule(due === null || due === undefined ? options.everyMs : Math.min(options.everyMs, Math.max(0, due)));
    } catch (error) {
      failures += 1;
      const wait = backoffMs(options.everyMs, failures, random);
      if (failures === 1) {
        failingSince = Date.now();
        options.logger.error("scheduler run failed; backing off until it works again (said once)", {
          error: error instanceof Error ? error.message : String(error),
          retryInSeconds: Math.round(wait / 1000),
        });
      }
      schedule(wait);
    }
  };

  void tick();
  return {
    stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
    },
    get failures() {
      return failures;
    },
  };
}
