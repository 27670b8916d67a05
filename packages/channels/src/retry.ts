/**
 * The delivery retry schedule, as data: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — eight attempts
 * over about 28 hours — and the rule that disables an endpoint that has been failing for five days.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Delay before attempt n+1 (index n = attempts already made). */
export const RETRY_SCHEDULE_MS: readonly number[] = Object.freeze([
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
]);

export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length;

/** An endpoint failing for this long (with no success in between) is disabled and its owner told. */
export const DISABLE_AFTER_MS = 5 * DAY;

export interface JitterOptions {
  /** Spread as a fraction of the delay, e.g. 0.1 for ±10 %. 0 (the default) means no jitter. */
  jitter?: number;
  /** A source of randomness in [0, 1), for tests. */
  random?: () => number;
}

/**
 * How long to wait before the next attempt, given how many attempts were already made (0 for a new delivery:
 * send immediately). null when the schedule is exhausted. With `jitter`, the delay varies by up to ±jitter
 * of itself, so many deliveries failing together do not retry in lockstep.
 */
export function nextAttemptDelay(attemptsMade: number, options: JitterOptions = {}): number | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 0) return RETRY_SCHEDULE_MS[0] ?? 0;
  const base = RETRY_SCHEDULE_MS[attemptsMade];
  if (base === undefined) return null;
  const jitter = Math.min(Math.max(options.jitter ?? 0, 0), 1);
  if (jitter === 0 || base === 0) return base;
  const random = options.random ?? Math.random;
  return Math.round(base * (1 + jitter * (2 * random() - 1)));
}

/** The next attempt's delay, raised to what the endpoint asked for (Retry-After) when that is longer. */
export function retryDelay(attemptsMade: number, retryAfterMs?: number, options: JitterOptions = {}): number | null {
  const delay = nextAttemptDelay(attemptsMade, options);
  if (delay === null) return null;
  return retryAfterMs !== undefined && retryAfterMs > delay ? retryAfterMs : delay;
}

/** True once an endpoint has been failing without a success for DISABLE_AFTER_MS (five days). */
export function shouldDisableEndpoint(failingSince: Date | string | null | undefined, now: Date = new Date()): boolean {
  if (failingSince === null || failingSince === undefined) return false;
  const since = failingSince instanceof Date ? failingSince.getTime() : Date.parse(failingSince);
  if (!Number.isFinite(since)) return false;
  return now.getTime() - since >= DISABLE_AFTER_MS;
}
