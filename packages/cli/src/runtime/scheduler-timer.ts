/**
 * The local stand-in for EventBridge Scheduler: runs the schedule step every tick and, in between, wakes up when
 * the next feed falls due, so a feed is fetched at its due time rather than up to a tick later. Runs never
 * overlap: a wake-up during a run makes one more run right after it.
 */
export interface SchedulerTimerOptions {
  /** One schedule run (it reports its own errors). */
  run(): Promise<void>;
  /** Milliseconds until the next feed falls due within `withinMs`, or null when none does. */
  nextDueInMs(withinMs: number): Promise<number | null>;
  tickMs: number;
}

export interface SchedulerTimer {
  stop(): void;
}

export function startSchedulerTimer(options: SchedulerTimerOptions): SchedulerTimer {
  let running = false;
  let again = false;
  let stopped = false;
  let wake: NodeJS.Timeout | undefined;

  const planWake = async () => {
    const inMs = await options.nextDueInMs(options.tickMs).catch(() => null);
    if (inMs === null || stopped) return;
    clearTimeout(wake);
    wake = setTimeout(trigger, Math.max(0, inMs));
  };

  function trigger(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      try {
        do {
          again = false;
          await options.run();
        } while (again && !stopped);
        await planWake();
      } finally {
        running = false;
      }
    })();
  }

  const interval = setInterval(trigger, options.tickMs);
  trigger();
  return {
    stop() {
      stopped = true;
      clearInterval(interval);
      clearTimeout(wake);
    },
  };
}
